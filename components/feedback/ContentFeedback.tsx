import { useId, useState } from 'react';
import { REASON_CHIPS, type FeedbackTarget } from '../../lib/feedback';
import { t, type MessageKey } from '../../lib/i18n';
import { NOTE_MAX, type Asset, type ContentRating } from '../../lib/model';
import type { FeedbackActions } from './actions';
import { ActionStatus } from './ActionStatus';
import { AssetPicker } from './AssetPicker';
import { CharCount } from './CharCount';
import { RatingButtons } from './RatingButtons';
import { useEventAction } from './useEventAction';

/** Pick an asset, optionally add reasons and a note, then rate it in one click. */
export function ContentFeedback({
  target,
  assets,
  recentIds,
  recommendedIds,
  campaignNames,
  actions,
}: {
  target: FeedbackTarget;
  assets: Asset[];
  recentIds: string[];
  recommendedIds: string[];
  campaignNames: Map<string, string>;
  actions: FeedbackActions;
}) {
  const id = useId();
  const action = useEventAction(actions);
  const [assetId, setAssetId] = useState<string | undefined>(
    () => recentIds[0] ?? recommendedIds[0],
  );
  const [reasons, setReasons] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [needAsset, setNeedAsset] = useState(false);
  const asset = assets.find((a) => a.id === assetId);
  const chosen =
    action.state.kind === 'done' &&
    action.state.undo !== 'undone' &&
    action.state.event.kind === 'content_feedback' &&
    action.state.event.assetId === assetId
      ? action.state.event.rating
      : undefined;

  const rate = async (rating: ContentRating) => {
    if (!asset) {
      setNeedAsset(true);
      return;
    }
    const event = await action.submit({
      kind: 'content_feedback',
      assetId: asset.id,
      rating,
      reasons,
      ...(note.trim() ? { note } : {}),
      ...(asset.campaignId ? { campaignId: asset.campaignId } : {}),
      ...target,
    });
    if (event) {
      setReasons([]);
      setNote('');
    }
  };
  const toggle = (code: string) =>
    setReasons((r) => (r.includes(code) ? r.filter((c) => c !== code) : [...r, code]));

  return (
    <section className="content-feedback" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="subheading">
        {t('contentHeading')}
      </h2>
      <AssetPicker
        assets={assets}
        recentIds={recentIds}
        recommendedIds={recommendedIds}
        campaignNames={campaignNames}
        selectedId={assetId}
        onSelect={(a) => {
          setAssetId(a);
          setNeedAsset(false);
          action.reset();
        }}
      />
      <p className="selected" data-testid="asset-selected">
        {asset ? t('assetSelected', asset.title) : ''}
      </p>
      {needAsset && !asset && (
        <p className="error" role="alert">
          {t('assetPickFirst')}
        </p>
      )}
      <fieldset className="chips">
        <legend>{t('reasonsLabel')}</legend>
        {REASON_CHIPS.map((code) => (
          <button
            key={code}
            type="button"
            className="chip"
            data-testid={`chip-${code}`}
            aria-pressed={reasons.includes(code)}
            onClick={() => toggle(code)}
          >
            {t(`chip_${code}` as MessageKey)}
          </button>
        ))}
      </fieldset>
      <label htmlFor={`${id}-note`}>{t('noteLabel')}</label>
      <textarea
        id={`${id}-note`}
        data-testid="feedback-note"
        rows={2}
        value={note}
        aria-describedby={`${id}-count`}
        onChange={(e) => setNote(e.target.value)}
      />
      <CharCount id={`${id}-count`} value={note} max={NOTE_MAX} />
      <RatingButtons
        label={t('feedbackRateLabel', asset?.title ?? '')}
        disabled={action.busy}
        chosen={chosen}
        onRate={(r) => void rate(r)}
      />
      <ActionStatus
        state={action.state}
        saved={t('feedbackSaved')}
        onUndo={action.undo}
        clock={actions.clock}
      />
    </section>
  );
}
