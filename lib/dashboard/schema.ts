/**
 * What the dashboard asks for and what it gets back. One shape for both sources: the local
 * source (the background aggregates the events in IndexedDB) and the team hub's aggregates
 * (which validate against the same schema when they arrive).
 */
import { z } from 'zod';
import { EpochMs, Id, InsightCategory, ContentRating } from '../model';
import { isTimeZone } from './time';

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'not a time zone this browser knows');

export const DashboardQuery = z
  .object({
    /** Inclusive lower bound on event time; absent: from the first event. */
    from: EpochMs.optional(),
    /** Exclusive upper bound; absent: now. */
    to: EpochMs.optional(),
    /** Only events of this campaign (the event's own, else its asset's) and its assets. */
    campaignId: Id.optional(),
    /** Days and weeks follow this zone's wall clock. */
    timeZone: TimeZone,
    /** Words every field insight shown must contain (in its text, tags or category). */
    insightSearch: z.string().trim().max(200).optional(),
  })
  .strict();
export type DashboardQuery = z.infer<typeof DashboardQuery>;
export type DashboardQueryInput = z.input<typeof DashboardQuery>;

const Count = z.number().int().nonnegative();
/** A share from 0 to 1; null when there is nothing to divide by. */
const Rate = z.number().min(0).max(1).nullable();

export const LabelCount = z.object({ key: z.string(), label: z.string(), count: Count });
export type LabelCount = z.infer<typeof LabelCount>;

export const AssetUsageRow = z.object({
  assetId: z.string(),
  title: z.string(),
  type: z.string(),
  /** False for an asset no longer in the library (the event outlived it). */
  known: z.boolean(),
  campaignId: z.string().optional(),
  campaignName: z.string().optional(),
  copied: Count,
  sent: Count,
  /** Distinct reps who copied or sent it. */
  reps: Count,
  /** Distinct leads it was copied or sent for. */
  leads: Count,
  /** Of those leads, how many opened it after it was first shared with them. */
  leadsOpened: Count,
  openRate: Rate,
  personas: z.array(LabelCount),
  stages: z.array(LabelCount),
  /** Copies and sends per week, aligned with `DashboardData.weeks`. */
  weekly: z.array(Count),
  lastUsedAt: EpochMs.optional(),
});
export type AssetUsageRow = z.infer<typeof AssetUsageRow>;

export const GroupShare = z.object({
  key: z.string(),
  label: z.string(),
  total: Count,
  unused: Count,
});
export type GroupShare = z.infer<typeof GroupShare>;

export const UnusedWindow = z.object({
  days: z.number().int().positive(),
  /** Assets in the library (not expired), within the campaign filter. */
  library: Count,
  inUse: Count,
  share: Rate,
  byCampaign: z.array(GroupShare),
  byStage: z.array(GroupShare),
});
export type UnusedWindow = z.infer<typeof UnusedWindow>;

export const UnusedAsset = z.object({
  assetId: z.string(),
  title: z.string(),
  type: z.string(),
  campaignId: z.string().optional(),
  campaignName: z.string().optional(),
  stages: z.array(z.string()),
  publishedAt: EpochMs,
  lastUsedAt: EpochMs.optional(),
  /** The windows (in days) in which nobody copied or sent it. */
  unusedIn: z.array(z.number().int().positive()),
});
export type UnusedAsset = z.infer<typeof UnusedAsset>;

export const FeedbackNote = z.object({
  id: z.string(),
  at: EpochMs,
  rating: ContentRating,
  reasons: z.array(z.string()),
  note: z.string().optional(),
  repName: z.string(),
});
export type FeedbackNote = z.infer<typeof FeedbackNote>;

export const FeedbackRow = z.object({
  assetId: z.string(),
  title: z.string(),
  known: z.boolean(),
  total: Count,
  useful: Count,
  notRelevant: Count,
  outdated: Count,
  missingInfo: Count,
  usefulRate: Rate,
  /** Useful rate of the older and the newer half of its ratings (null below the minimum). */
  earlierRate: Rate,
  recentRate: Rate,
  falling: z.boolean(),
  reasons: z.array(LabelCount),
  /** Ratings that came with a note or reasons, newest first (the latest few). */
  notes: z.array(FeedbackNote),
  notesTotal: Count,
});
export type FeedbackRow = z.infer<typeof FeedbackRow>;

export const VerdictGroup = z.object({
  key: z.string(),
  label: z.string(),
  accepted: Count,
  rejected: Count,
  rate: Rate,
});
export type VerdictGroup = z.infer<typeof VerdictGroup>;

export const OverdueMql = z.object({
  leadKey: z.string(),
  name: z.string(),
  company: z.string().optional(),
  since: EpochMs,
  dueAt: EpochMs,
  hoursOverdue: Count,
});
export type OverdueMql = z.infer<typeof OverdueMql>;

export const LeadQuality = z.object({
  accepted: Count,
  rejected: Count,
  rate: Rate,
  byCampaign: z.array(VerdictGroup),
  bySource: z.array(VerdictGroup),
  byPersona: z.array(VerdictGroup),
  /** Most frequent first; `share` of all rejections. */
  reasons: z.array(LabelCount.extend({ share: Rate })),
  /** MQLs past the follow-up SLA right now, most overdue first (the first 100). */
  overdue: z.array(OverdueMql),
  overdueTotal: Count,
  slaHours: z.number().positive().optional(),
});
export type LeadQuality = z.infer<typeof LeadQuality>;

export const InsightItem = z.object({
  id: z.string(),
  at: EpochMs,
  category: InsightCategory,
  text: z.string(),
  tags: z.array(z.string()),
  repName: z.string(),
});
export type InsightItem = z.infer<typeof InsightItem>;

export const Insights = z.object({
  /** Insights in the range and campaign. */
  total: Count,
  /** Of those, how many match the search. */
  matched: Count,
  /** The newest matching ones, newest first. */
  items: z.array(InsightItem),
  tags: z.array(LabelCount),
  categories: z.array(LabelCount),
});
export type Insights = z.infer<typeof Insights>;

export const RepRow = z.object({
  email: z.string(),
  name: z.string(),
  copied: Count,
  sent: Count,
  /** Distinct assets copied or sent. */
  assets: Count,
  feedback: Count,
  accepted: Count,
  rejected: Count,
  insights: Count,
  lastActiveAt: EpochMs,
});
export type RepRow = z.infer<typeof RepRow>;

export const DashboardData = z.object({
  source: z.enum(['local', 'hub']),
  generatedAt: EpochMs,
  from: EpochMs.optional(),
  to: EpochMs,
  timeZone: z.string(),
  campaignId: z.string().optional(),
  /** The campaigns the filter offers. */
  campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
  totals: z.object({
    events: Count,
    usage: Count,
    feedback: Count,
    verdicts: Count,
    insights: Count,
  }),
  /** Start of each local week (Monday 00:00) the range covers. */
  weeks: z.array(EpochMs),
  weeklyCopied: z.array(Count),
  weeklySent: z.array(Count),
  assets: z.array(AssetUsageRow),
  unused: z.object({ windows: z.array(UnusedWindow), assets: z.array(UnusedAsset) }),
  feedback: z.array(FeedbackRow),
  leads: LeadQuality,
  insights: Insights,
  reps: z.array(RepRow),
  /** How the numbers were made: events read, and where measured, the time it took. */
  stats: z.object({
    scanned: Count,
    readMs: z.number().nonnegative().optional(),
    aggregateMs: z.number().nonnegative().optional(),
  }),
});
export type DashboardData = z.infer<typeof DashboardData>;
