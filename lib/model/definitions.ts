import { z } from 'zod';
import { Id, LongText, ShortText } from './common';
import { AssetType } from './content';
import { Department, LifecycleStage, Region, Seniority } from './lead';
import { TouchType } from './touch';

/** The kind of address an email uses: fit rules and negative rules test it. */
export const EmailDomainKind = z.enum(['business', 'personal', 'student', 'competitor']);
export type EmailDomainKind = z.infer<typeof EmailDomainKind>;

/**
 * A test on who a lead is. Shared by persona criteria and by fit / negative scoring rules,
 * so "seniority is VP or above" means the same thing everywhere.
 */
export const Condition = z.discriminatedUnion('field', [
  z.object({
    field: z.literal('title'),
    /** Case-insensitive keywords or phrases; any one in the title matches. */
    anyOf: z.array(ShortText.min(1)).min(1).max(50),
  }),
  z.object({ field: z.literal('seniority'), anyOf: z.array(Seniority).min(1) }),
  z.object({ field: z.literal('department'), anyOf: z.array(Department).min(1) }),
  z.object({ field: z.literal('industry'), anyOf: z.array(ShortText.min(1)).min(1).max(50) }),
  z.object({
    field: z.literal('companySize'),
    min: z.number().int().nonnegative().optional(),
    max: z.number().int().nonnegative().optional(),
  }),
  z.object({ field: z.literal('region'), anyOf: z.array(Region).min(1) }),
  z.object({ field: z.literal('emailDomain'), anyOf: z.array(EmailDomainKind).min(1) }),
]);
export type Condition = z.infer<typeof Condition>;

export const PersonaCriterion = z.object({
  id: Id,
  label: ShortText.min(1),
  condition: Condition,
  /** Relative weight; the match percentage is matched weight over total weight. */
  weight: z.number().positive().max(100),
});
export type PersonaCriterion = z.infer<typeof PersonaCriterion>;

/** A named buyer type, and what marketing knows about it. */
export const Persona = z.object({
  id: Id,
  name: ShortText.min(1),
  description: LongText.default(''),
  criteria: z.array(PersonaCriterion).min(1).max(30),
  pains: z.array(ShortText).max(30).default([]),
  goals: z.array(ShortText).max(30).default([]),
  objections: z.array(ShortText).max(30).default([]),
  valueProposition: LongText.default(''),
  talkingPoints: z.array(ShortText).max(30).default([]),
});
export type Persona = z.infer<typeof Persona>;

export const FitRule = z.object({
  id: Id,
  label: ShortText.min(1),
  condition: Condition,
  points: z.number().min(0).max(1000),
});
export type FitRule = z.infer<typeof FitRule>;

/** Points for what a lead did. Points decay with the model's half-life unless `decays` is false. */
export const EngagementRule = z.object({
  id: Id,
  label: ShortText.min(1),
  touchTypes: z.array(TouchType).min(1),
  /** Only touches on assets of these types (e.g. case studies). */
  assetTypes: z.array(AssetType).optional(),
  /** Only touches whose detail or URL contains one of these (e.g. "/pricing"). Case-insensitive. */
  urlContains: z.array(ShortText.min(1)).optional(),
  points: z.number().min(0).max(1000),
  /** Most points this rule can contribute in total, after decay. */
  cap: z.number().positive().optional(),
  decays: z.boolean().default(true),
});
export type EngagementRule = z.infer<typeof EngagementRule>;

/** Points taken away: for a touch (unsubscribe, bounce) or for who the lead is (student address). */
export const NegativeRule = z.object({
  id: Id,
  label: ShortText.min(1),
  when: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('touch'), touchTypes: z.array(TouchType).min(1) }),
    z.object({ kind: z.literal('fit'), condition: Condition }),
  ]),
  /** A negative number. Negative rules never decay: an unsubscribe stays an unsubscribe. */
  points: z.number().max(0).min(-1000),
});
export type NegativeRule = z.infer<typeof NegativeRule>;

export const GradeBand = z.object({
  grade: z.string().min(1).max(3),
  /** Lowest fit score (0 to 100, share of the fit cap) that earns this grade. */
  minFit: z.number().min(0).max(100),
});
export type GradeBand = z.infer<typeof GradeBand>;

export const ScoringModel = z.object({
  id: Id,
  name: ShortText.min(1),
  fit: z.object({
    rules: z.array(FitRule).max(200),
    /** Most fit points in total; also the 100% mark for grades. */
    cap: z.number().positive(),
  }),
  engagement: z.object({
    rules: z.array(EngagementRule).max(200),
    cap: z.number().positive(),
    /** Engagement points halve every this many days. */
    halfLifeDays: z.number().positive().max(3650),
  }),
  negative: z.array(NegativeRule).max(100).default([]),
  /** Email domains of competitors (the `competitor` email-domain kind). */
  competitorDomains: z.array(z.string().min(3).max(253)).max(500).default([]),
  thresholds: z
    .object({ mql: z.number().nonnegative(), sql: z.number().nonnegative() })
    .refine((t) => t.sql >= t.mql, 'the SQL threshold must not be below the MQL threshold'),
  /** Highest band first; the first band whose minFit the lead reaches is its grade. */
  gradeBands: z.array(GradeBand).min(1).max(20),
});
export type ScoringModel = z.infer<typeof ScoringModel>;

export const StageDefinition = z.object({
  stage: LifecycleStage,
  label: ShortText.min(1),
  /** The criteria sales and marketing agreed for this stage, in words. */
  criteria: LongText,
});
export type StageDefinition = z.infer<typeof StageDefinition>;

export const RejectionReason = z.object({ id: Id, label: ShortText.min(1) });
export type RejectionReason = z.infer<typeof RejectionReason>;

/** The shared definitions of the hand-off: stages, the MQL follow-up SLA, rejection reasons. */
export const Lifecycle = z.object({
  stages: z.array(StageDefinition).min(1),
  /** Hours within which a rep must act on a new MQL. */
  mqlSlaHours: z
    .number()
    .positive()
    .max(24 * 90),
  rejectionReasons: z.array(RejectionReason).min(1).max(50),
});
export type Lifecycle = z.infer<typeof Lifecycle>;
