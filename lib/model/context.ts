/**
 * Results of the engines, and the `LeadContext` the background sends the sidebar in one message.
 * They are schemas too, so the receiving side validates what it gets.
 */
import { z } from 'zod';
import { EpochMs, Id, ShortText } from './common';
import { Asset, Campaign, FunnelStage } from './content';
import { DetectedRecord } from './crm';
import { Lifecycle, Persona, StageDefinition } from './definitions';
import { Department, Lead, LifecycleStage, Seniority } from './lead';
import { Touch } from './touch';

// ---------- identity resolution ----------
export const MatchRule = z.enum(['crm_id', 'email', 'name_company', 'manual']);
export type MatchRule = z.infer<typeof MatchRule>;

export const IdentityMatch = z.object({
  leadKey: Id,
  rule: MatchRule,
  /** 0 to 1: crm_id and manual 1, email 0.95, name + company lower. */
  confidence: z.number().min(0).max(1),
});
export type IdentityMatch = z.infer<typeof IdentityMatch>;

// ---------- persona match ----------
export const NormalizedTitle = z.object({
  seniority: Seniority,
  department: Department,
});
export type NormalizedTitle = z.infer<typeof NormalizedTitle>;

export const CriterionResult = z.object({
  criterionId: Id,
  label: ShortText,
  weight: z.number(),
  matched: z.boolean(),
  /** What was compared, e.g. `title "Sr. Dir., Demand Gen" -> seniority director`. */
  explanation: ShortText,
});
export type CriterionResult = z.infer<typeof CriterionResult>;

export const PersonaScore = z.object({
  personaId: Id,
  personaName: ShortText,
  /** Matched weight over total weight, 0 to 100, rounded. */
  percent: z.number().min(0).max(100),
  criteria: z.array(CriterionResult),
});
export type PersonaScore = z.infer<typeof PersonaScore>;

export const PersonaMatch = z.object({
  normalized: NormalizedTitle,
  top: PersonaScore.optional(),
  runnerUp: PersonaScore.optional(),
});
export type PersonaMatch = z.infer<typeof PersonaMatch>;

// ---------- explainable scoring ----------
export const ScoreCategory = z.enum(['fit', 'engagement', 'negative']);
export type ScoreCategory = z.infer<typeof ScoreCategory>;

export const Contribution = z.object({
  ruleId: Id,
  label: ShortText,
  category: ScoreCategory,
  /** Points the rule grants before decay and caps. */
  rawPoints: z.number(),
  /** Points actually counted, after decay and caps. */
  points: z.number(),
  /** The touch that earned it (engagement and touch-negative rules). */
  touchId: z.string().optional(),
  at: EpochMs.optional(),
  ageDays: z.number().nonnegative().optional(),
  /** Multiplier applied by decay, 0 to 1 (1 = no decay). */
  decayFactor: z.number().min(0).max(1),
  /** True when a rule or category cap reduced this contribution. */
  capped: z.boolean(),
});
export type Contribution = z.infer<typeof Contribution>;

export const ScoreHistoryPoint = z.object({ at: EpochMs, total: z.number() });

export const ScoreBooster = z.object({
  ruleId: Id,
  label: ShortText,
  /** Points the lead would gain now by one more qualifying touch. */
  gain: z.number().positive(),
});

export const ScoreResult = z.object({
  fit: z.number(),
  fitCap: z.number(),
  fitCapped: z.boolean(),
  engagement: z.number(),
  engagementCap: z.number(),
  engagementCapped: z.boolean(),
  negative: z.number(),
  total: z.number(),
  /** Fit as a percentage of the fit cap (what the grade bands read). */
  fitPercent: z.number().min(0).max(100),
  grade: z.string(),
  contributions: z.array(Contribution),
  thresholds: z.object({ mql: z.number(), sql: z.number() }),
  /** Points still missing to reach each threshold (0 once reached). */
  toMql: z.number().nonnegative(),
  toSql: z.number().nonnegative(),
  stageSuggestion: LifecycleStage,
  /** Daily totals for the last 90 days, oldest first, ending at `now`. */
  history: z.array(ScoreHistoryPoint),
  /** What would most raise the score, best first. */
  boosters: z.array(ScoreBooster),
});
export type ScoreResult = z.infer<typeof ScoreResult>;

/**
 * Where the lead's score stands among every lead of the workspace, as ranked at `rankedAt`
 * (the ranking is computed in the background; the lead's own total is today's).
 */
export const ScoreStanding = z.object({
  /** 1 for the highest total; leads with the same total share a rank. */
  rank: z.number().int().positive(),
  /** How many leads were ranked. */
  of: z.number().int().positive(),
  /** The smallest top share (whole percent, 1 to 100) the rank falls in. */
  topPercent: z.number().int().min(1).max(100),
  rankedAt: EpochMs,
});
export type ScoreStanding = z.infer<typeof ScoreStanding>;

/**
 * The stored ranking of the workspace's scores: when, how many leads, and whether it was made
 * under the definitions the store holds now (standings are read only from a current one).
 */
export const ScoreRankingStatus = z.object({
  rankedAt: EpochMs,
  leads: z.number().int().nonnegative(),
  current: z.boolean(),
  /** Who ranked: this extension over its store, or the team hub over the whole workspace. */
  source: z.enum(['local', 'hub']),
});
export type ScoreRankingStatus = z.infer<typeof ScoreRankingStatus>;

// ---------- content recommendation ----------
export const RecommendationReason = z.object({
  kind: z.enum([
    'persona_fit',
    'stage_fit',
    'recent',
    'well_rated',
    'poorly_rated',
    'campaign_engaged',
    'expiring_soon',
  ]),
  /** A value for the reason's message: persona name, stage, days, rating share. */
  value: z.union([z.string().max(200), z.number()]).optional(),
});
export type RecommendationReason = z.infer<typeof RecommendationReason>;

export const Recommendation = z.object({
  assetId: Id,
  score: z.number(),
  reasons: z.array(RecommendationReason),
});
export type Recommendation = z.infer<typeof Recommendation>;

// ---------- timeline ----------
export const TimelineDay = z.object({
  /** Local calendar day, YYYY-MM-DD, in the time zone the timeline was built for. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  touches: z.array(Touch),
  campaignIds: z.array(Id),
});
export type TimelineDay = z.infer<typeof TimelineDay>;

export const IntentSurge = z.object({
  kind: z.enum(['pricing', 'content', 'web']),
  start: EpochMs,
  end: EpochMs,
  touchIds: z.array(z.string()),
});
export type IntentSurge = z.infer<typeof IntentSurge>;

export const Timeline = z.object({
  /** Newest day first, touches newest first within a day. */
  days: z.array(TimelineDay),
  total: z.number().int().nonnegative(),
  botSuspect: z.number().int().nonnegative(),
  firstTouch: Touch.optional(),
  lastTouch: Touch.optional(),
  surges: z.array(IntentSurge),
});
export type Timeline = z.infer<typeof Timeline>;

// ---------- lifecycle / SLA ----------
export const SlaStatus = z.object({
  stage: LifecycleStage,
  stageLabel: ShortText,
  since: EpochMs.optional(),
  /** Only for MQLs: when first follow-up is due and whether it is late. */
  dueAt: EpochMs.optional(),
  overdue: z.boolean(),
});
export type SlaStatus = z.infer<typeof SlaStatus>;

// ---------- finding a lead to link a record to ----------
export const LeadSummary = z.object({
  key: Id,
  name: ShortText,
  email: z.string().max(320).optional(),
  company: ShortText.optional(),
  title: ShortText.optional(),
});
export type LeadSummary = z.infer<typeof LeadSummary>;

// ---------- what the sidebar gets ----------
export const LeadContext = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('matched'),
    detected: DetectedRecord,
    match: IdentityMatch,
    lead: Lead,
    persona: PersonaMatch,
    /** Full persona definitions for the top and runner-up personas. */
    personas: z.array(Persona),
    score: ScoreResult,
    /** Absent until the workspace's leads have been ranked under its current scoring model. */
    standing: ScoreStanding.optional(),
    timeline: Timeline,
    recommendations: z.array(Recommendation),
    /** Every asset and campaign the context refers to, by id. */
    assets: z.array(Asset),
    campaigns: z.array(Campaign),
    funnelStage: FunnelStage,
    sla: SlaStatus,
    /**
     * What sales and marketing agreed each stage means, for the lead's stage and for the one its
     * score points to when that is another (`score.stageSuggestion`): the lead's first. Empty
     * when the workspace defines neither.
     */
    stages: z.array(StageDefinition).max(2),
    rejectionReasons: Lifecycle.shape.rejectionReasons,
    dataUpdatedAt: EpochMs.optional(),
    computedAt: EpochMs,
  }),
  z.object({
    status: z.literal('no-history'),
    detected: DetectedRecord,
    dataUpdatedAt: EpochMs.optional(),
    computedAt: EpochMs,
  }),
]);
export type LeadContext = z.infer<typeof LeadContext>;
export type MatchedLeadContext = Extract<LeadContext, { status: 'matched' }>;
