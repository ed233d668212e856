import { z } from 'zod';
import { Email, EpochMs, Id, ShortText } from './common';
import { RecordRef } from './crm';
import { LifecycleStage } from './lead';

/** The rep who acted; attached to every event. */
export const Rep = z.object({ name: ShortText.min(1), email: Email });
export type Rep = z.infer<typeof Rep>;

/** What the rep saw when they acted, so marketing reads feedback in context. */
export const SeenContext = z.object({
  personaId: Id.optional(),
  personaName: ShortText.optional(),
  personaPercent: z.number().min(0).max(100).optional(),
  score: z.number().optional(),
  grade: z.string().max(3).optional(),
  stage: LifecycleStage.optional(),
});
export type SeenContext = z.infer<typeof SeenContext>;

export const NOTE_MAX = 1000;
const Note = z.string().trim().max(NOTE_MAX, `notes are limited to ${NOTE_MAX} characters`);

/**
 * What the UI sends: an event without the rep, whom the background attaches from the settings
 * (or the administrator's policy). The id is made when the rep starts the action, so a double
 * click or a retried message carries the same id and is stored once.
 */
const DraftBase = z.object({
  /** Idempotency key: a time-ordered UUID (v7). */
  id: z.uuid(),
  at: EpochMs,
  record: RecordRef.optional(),
  leadKey: Id.optional(),
  campaignId: Id.optional(),
  context: SeenContext.optional(),
});

export const ContentRating = z.enum(['useful', 'not_relevant', 'outdated', 'missing_info']);
export type ContentRating = z.infer<typeof ContentRating>;

const ContentFeedbackDraft = DraftBase.extend({
  kind: z.literal('content_feedback'),
  assetId: Id,
  rating: ContentRating,
  reasons: z.array(ShortText.min(1)).max(10).default([]),
  note: Note.optional(),
});

export const Verdict = z.enum(['accepted', 'rejected']);
export type Verdict = z.infer<typeof Verdict>;

const LeadVerdictDraft = DraftBase.extend({
  kind: z.literal('lead_verdict'),
  verdict: Verdict,
  /** One of the workspace's configured rejection reasons; required when rejected. */
  reasonId: Id.optional(),
  note: Note.optional(),
});

export const InsightCategory = z.enum([
  'objection',
  'competitor',
  'product_gap',
  'market_trend',
  'other',
]);
export type InsightCategory = z.infer<typeof InsightCategory>;

export const INSIGHT_MAX = 2000;

const FieldInsightDraft = DraftBase.extend({
  kind: z.literal('field_insight'),
  category: InsightCategory,
  text: z
    .string()
    .trim()
    .min(1, 'say what you heard')
    .max(INSIGHT_MAX, `insights are limited to ${INSIGHT_MAX} characters`),
  tags: z.array(ShortText.min(1).max(50)).max(20).default([]),
});

export const UsageAction = z.enum(['copied', 'sent', 'opened']);
export type UsageAction = z.infer<typeof UsageAction>;

const AssetUsageDraft = DraftBase.extend({
  kind: z.literal('asset_usage'),
  action: UsageAction,
  assetId: Id,
});

const rejectionNeedsReason = (e: { kind: string; verdict?: Verdict; reasonId?: string }) =>
  e.kind !== 'lead_verdict' || e.verdict === 'accepted' || !!e.reasonId;
const reasonCheck = { message: 'a rejection needs a reason', path: ['reasonId'] };

/** An event as the UI sends it (see DraftBase). */
export const EventDraft = z
  .discriminatedUnion('kind', [
    ContentFeedbackDraft,
    LeadVerdictDraft,
    FieldInsightDraft,
    AssetUsageDraft,
  ])
  .refine(rejectionNeedsReason, reasonCheck);
export type EventDraft = z.infer<typeof EventDraft>;
export type EventDraftInput = z.input<typeof EventDraft>;

const withRep = { rep: Rep };
export const ContentFeedbackEvent = ContentFeedbackDraft.extend(withRep);
export const LeadVerdictEvent = LeadVerdictDraft.extend(withRep);
export const FieldInsightEvent = FieldInsightDraft.extend(withRep);
export const AssetUsageEvent = AssetUsageDraft.extend(withRep);

/** Every feedback, verdict, insight and asset usage travels as one of these. */
export const TandemEvent = z
  .discriminatedUnion('kind', [
    ContentFeedbackEvent,
    LeadVerdictEvent,
    FieldInsightEvent,
    AssetUsageEvent,
  ])
  .refine(rejectionNeedsReason, reasonCheck);
export type TandemEvent = z.infer<typeof TandemEvent>;
export type ContentFeedbackEvent = z.infer<typeof ContentFeedbackEvent>;
export type LeadVerdictEvent = z.infer<typeof LeadVerdictEvent>;
export type FieldInsightEvent = z.infer<typeof FieldInsightEvent>;
export type AssetUsageEvent = z.infer<typeof AssetUsageEvent>;
