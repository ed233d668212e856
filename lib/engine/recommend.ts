/**
 * Content recommendation: which of marketing's assets a rep should send this lead now.
 *
 * Score (documented so marketing can reason about it):
 *   persona fit  +40  the asset is made for the lead's top persona
 *   stage fit    +30  the asset is made for the lead's funnel stage
 *   recent       +20 falling linearly to 0 at 90 days since publication
 *   ratings      -20 to +20 from the reps' useful share (50% useful is neutral), only once at
 *                least 3 reps rated it, so one opinion does not bury an asset
 *   campaign     +10  the lead already engaged with the asset's campaign
 *   expiring     +5   the asset expires within 14 days (send it while it is valid)
 * Assets the lead already consumed, expired assets, assets not yet published, and assets with
 * nothing in their favour (score <= 0) are left out.
 */
import type {
  Asset,
  FunnelStage,
  LifecycleStage,
  Recommendation,
  RecommendationReason,
  Touch,
  TouchType,
} from '../model';
import { compareIds } from './persona';

const DAY_MS = 86_400_000;

export const RECOMMEND_WEIGHTS = {
  persona: 40,
  stage: 30,
  recent: 20,
  recentDays: 90,
  rating: 20,
  minRatings: 3,
  campaign: 10,
  expiring: 5,
  expiringDays: 14,
} as const;

/** Touches that mean the lead has already seen the asset. */
const CONSUMED: ReadonlySet<TouchType> = new Set<TouchType>([
  'content_downloaded',
  'email_clicked',
  'page_viewed',
  'webinar_attended',
]);

export interface RecommendInput {
  personaId?: string;
  personaName?: string;
  funnelStage: FunnelStage;
  assets: readonly Asset[];
  touches: readonly Touch[];
  ratings: ReadonlyMap<string, { useful: number; total: number }>;
  now: number;
  /** How many to return; 5 unless told. */
  limit?: number;
}

/**
 * Ranks assets for one lead. Bot-suspect touches and touches after `now` neither mark an asset
 * as consumed nor a campaign as engaged: a scanner clicking every link is not the lead reading.
 * Ties are broken by asset id, so the order assets arrive in never changes the ranking.
 */
export function recommendContent(input: RecommendInput): Recommendation[] {
  const { personaId, funnelStage, now } = input;
  const limit = input.limit ?? 5;
  if (limit <= 0) return [];
  const W = RECOMMEND_WEIGHTS;

  const consumed = new Set<string>();
  const campaigns = new Set<string>();
  for (const t of input.touches) {
    if (t.botSuspect || t.at > now) continue;
    if (t.assetId !== undefined && CONSUMED.has(t.type)) consumed.add(t.assetId);
    if (t.campaignId !== undefined) campaigns.add(t.campaignId);
  }

  const out: Recommendation[] = [];
  for (const asset of input.assets) {
    if (consumed.has(asset.id)) continue;
    if (asset.expiresAt !== undefined && asset.expiresAt <= now) continue;
    if (asset.publishedAt > now) continue;

    let score = 0;
    const reasons: RecommendationReason[] = [];
    if (personaId !== undefined && asset.personaIds.includes(personaId)) {
      score += W.persona;
      reasons.push({ kind: 'persona_fit', value: input.personaName ?? personaId });
    }
    if (asset.stages.includes(funnelStage)) {
      score += W.stage;
      reasons.push({ kind: 'stage_fit', value: funnelStage });
    }
    const ageDays = (now - asset.publishedAt) / DAY_MS;
    if (ageDays < W.recentDays) {
      score += W.recent * (1 - ageDays / W.recentDays);
      reasons.push({ kind: 'recent', value: Math.floor(ageDays) });
    }
    const rating = input.ratings.get(asset.id);
    if (rating && rating.total >= W.minRatings) {
      const share = Math.min(1, Math.max(0, rating.useful / rating.total));
      score += (share - 0.5) * 2 * W.rating;
      const percent = Math.round(share * 100);
      if (share >= 0.6) reasons.push({ kind: 'well_rated', value: percent });
      else if (share < 0.4) reasons.push({ kind: 'poorly_rated', value: percent });
    }
    if (asset.campaignId !== undefined && campaigns.has(asset.campaignId)) {
      score += W.campaign;
      reasons.push({ kind: 'campaign_engaged', value: asset.campaignId });
    }
    if (asset.expiresAt !== undefined && asset.expiresAt - now <= W.expiringDays * DAY_MS) {
      score += W.expiring;
      reasons.push({ kind: 'expiring_soon', value: Math.ceil((asset.expiresAt - now) / DAY_MS) });
    }
    if (score <= 0) continue;
    out.push({ assetId: asset.id, score: Math.round(score * 10) / 10, reasons });
  }
  out.sort((a, b) => b.score - a.score || compareIds(a.assetId, b.assetId));
  return out.slice(0, limit);
}

/**
 * The buying stage content is chosen for. Subscribers and leads are in awareness until their
 * score reaches half the MQL threshold (they are warming up: consideration content); MQLs and
 * SALs are considering; SQLs, opportunities and customers are deciding (customers get
 * decision-stage material such as case studies and ROI tools for expansion). Disqualified leads
 * get awareness content.
 */
export function funnelStageFor(
  stage: LifecycleStage,
  score?: { total: number; thresholds: { mql: number; sql: number } },
): FunnelStage {
  switch (stage) {
    case 'subscriber':
    case 'lead':
      return score && score.total >= score.thresholds.mql / 2 ? 'consideration' : 'awareness';
    case 'mql':
    case 'sal':
      return 'consideration';
    case 'sql':
    case 'opportunity':
    case 'customer':
      return 'decision';
    case 'disqualified':
      return 'awareness';
  }
}
