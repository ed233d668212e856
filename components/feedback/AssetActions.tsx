import { useState } from 'react';
import { trackedLink, type FeedbackTarget } from '../../lib/feedback';
import { t } from '../../lib/i18n';
import type { Asset, Campaign, ContentRating } from '../../lib/model';
import type { FeedbackActions } from './actions';
import { ActionStatus } from './ActionStatus';
import { RatingButtons } from './RatingButtons';
import { useEventAction } from './useEventAction';

/**
 * The sidebar's actions on one recommended asset: copy a tracked link, mark it as sent, and
 * rate it in one click. Each records an event through the same path as the popup.
 */
export function AssetActions({
  asset,
  campaign,
  target,
  actions,
}: {
  asset: Asset;
  campaign?: Campaign;
  target: FeedbackTarget;
  actions: FeedbackActions;
}) {
  const usage = useEventAction(actions);
  const rating = useEventAction(actions);
  const [fallbackLink, setFallbackLink] = useState<string | null>(null);
  const [usageSaved, setUsageSaved] = useState(t('usageMarkedSent'));
  const link = trackedLink(asset, campaign, actions.rep);
  const base = {
    assetId: asset.id,
    ...(asset.campaignId ? { campaignId: asset.campaignId } : {}),
    ...target,
  };

  const copy = async () => {
    if (!link) return;
    setFallbackLink(null);
    // The clipboard first, while the click's user activation is fresh.
    try {
      await actions.copy(link);
      setUsageSaved(t('usageCopied'));
    } catch {
      setFallbackLink(link);
      setUsageSaved(t('feedbackSaved'));
    }
    await usage.submit({ kind: 'asset_usage', action: 'copied', ...base });
  };
  const markSent = () => {
    setUsageSaved(t('usageMarkedSent'));
    void usage.submit({ kind: 'asset_usage', action: 'sent', ...base });
  };
  const rate = (r: ContentRating) =>
    void rating.submit({ kind: 'content_feedback', rating: r, reasons: [], ...base });
  const chosen =
    rating.state.kind === 'done' &&
    rating.state.undo !== 'undone' &&
    rating.state.event.kind === 'content_feedback'
      ? rating.state.event.rating
      : undefined;

  return (
    <div className="asset-actions">
      <div className="actions">
        <button
          type="button"
          data-testid="asset-copy"
          aria-label={t('usageCopyLabel', asset.title)}
          disabled={!link || usage.busy}
          title={link ? undefined : t('usageNoLink')}
          onClick={() => void copy()}
        >
          {t('usageCopy')}
        </button>
        <button
          type="button"
          data-testid="asset-sent"
          aria-label={t('usageSentLabel', asset.title)}
          disabled={usage.busy}
          onClick={markSent}
        >
          {t('usageSent')}
        </button>
      </div>
      {fallbackLink && (
        <label className="fallback-link">
          {t('usageCopyFallback')}
          <input
            readOnly
            value={fallbackLink}
            data-testid="asset-link"
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
      )}
      <ActionStatus
        state={usage.state}
        saved={usageSaved}
        onUndo={usage.undo}
        clock={actions.clock}
      />
      <RatingButtons
        label={t('feedbackRateLabel', asset.title)}
        disabled={rating.busy}
        chosen={chosen}
        onRate={rate}
      />
      <ActionStatus
        state={rating.state}
        saved={t('feedbackSaved')}
        onUndo={rating.undo}
        clock={actions.clock}
      />
    </div>
  );
}
