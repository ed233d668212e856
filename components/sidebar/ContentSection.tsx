import type { FeedbackTarget } from '../../lib/feedback';
import type { Asset, Campaign, Recommendation, RecommendationReason } from '../../lib/model';
import { t, type MessageKey } from '../../lib/i18n';
import { safeHref } from '../ui/format';
import type { FeedbackActions } from '../feedback/actions';
import { AssetActions } from '../feedback/AssetActions';

export function ContentSection({
  recommendations,
  assets,
  personaName,
  campaigns = [],
  target = {},
  actions,
}: {
  recommendations: Recommendation[];
  assets: Asset[];
  personaName?: string;
  campaigns?: Campaign[];
  /** What usage and feedback events refer to (the record, lead and what the rep saw). */
  target?: FeedbackTarget;
  /** Copy link, mark as sent and one-click feedback; without it the list is read-only. */
  actions?: FeedbackActions;
}) {
  const byId = new Map(assets.map((a) => [a.id, a]));
  const campaignById = new Map(campaigns.map((c) => [c.id, c]));
  return (
    <section className="section" aria-labelledby="tandem-content">
      <h2 id="tandem-content" tabIndex={-1}>
        {t('sectionContent')}
      </h2>
      {recommendations.length === 0 ? (
        <p data-testid="content-empty">{t('contentEmpty')}</p>
      ) : (
        <ul className="assets">
          {recommendations.map((r) => {
            const a = byId.get(r.assetId);
            if (!a) return null;
            const href = safeHref(a.url);
            return (
              <li key={a.id} className="asset" data-testid="asset" data-asset-id={a.id}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer" className="asset-title">
                    {a.title}
                  </a>
                ) : (
                  <span className="asset-title">{a.title}</span>
                )}
                <span className="muted asset-type">{a.type.replace(/_/g, ' ')}</span>
                <ul className="reasons">
                  {r.reasons.map((reason, i) => (
                    <li key={i}>{reasonText(reason, personaName)}</li>
                  ))}
                </ul>
                {actions && (
                  <AssetActions
                    asset={a}
                    campaign={a.campaignId ? campaignById.get(a.campaignId) : undefined}
                    target={target}
                    actions={actions}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function reasonText(r: RecommendationReason, personaName?: string): string {
  const value =
    r.kind === 'stage_fit' && typeof r.value === 'string'
      ? t(`funnel_${r.value}` as MessageKey)
      : String(r.value ?? (r.kind === 'persona_fit' ? (personaName ?? '') : ''));
  return t(`reason_${r.kind}` as MessageKey, value);
}
