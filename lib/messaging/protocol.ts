/**
 * The one protocol between content scripts, extension pages and the background: every message
 * has a name, a zod schema for its payload (checked by the receiver) and a typed result.
 * Senders use `send()` from ./client; the background registers handlers with `listen()`.
 */
import { z } from 'zod';
import {
  Asset,
  Campaign,
  CustomCrm,
  CustomCrmId,
  DetectedField,
  DetectedRecord,
  EpochMs,
  EventDraft,
  HubConfig,
  IdentityFieldName,
  Id,
  LeadContext,
  LeadSummary,
  RecordRef,
  RejectionReason,
  Rep,
  TandemEvent,
  ScoreRankingStatus,
} from '../model';
import { DashboardData, DashboardQuery } from '../dashboard/schema';

export const StoreStatus = z.object({
  seeded: z.boolean(),
  workspaceName: z.string().optional(),
  leads: z.number().int().nonnegative(),
  touches: z.number().int().nonnegative(),
  dataUpdatedAt: EpochMs.optional(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

const Empty = z.object({}).strict();

/** What the options page's data and privacy sections show. */
export const DataSummary = z.object({
  workspace: z.object({ id: z.string(), name: z.string(), updatedAt: EpochMs }).optional(),
  /** Records per object store. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  imports: z.array(
    z.object({
      id: z.string(),
      at: EpochMs,
      kind: z.string(),
      fileName: z.string(),
      rows: z.number().int().nonnegative(),
      rejected: z.number().int().nonnegative(),
      status: z.enum(['ok', 'partial', 'failed']),
    }),
  ),
  /** The stored ranking of the leads' scores (the sidebar's standing), when there is one. */
  ranking: ScoreRankingStatus.optional(),
});
export type DataSummary = z.infer<typeof DataSummary>;

/** The CRM part of the settings, as the options page shows it. */
export const CrmSettings = z.object({
  disabledAdapters: z.array(z.string()),
  customCrms: z.array(
    z.object({
      crm: CustomCrm,
      /** The origin pattern the CRM runs on (the host permission). */
      origin: z.string(),
      /** Whether the host permission is (still) granted: the user can revoke it any time. */
      access: z.boolean(),
    }),
  ),
});
export type CrmSettings = z.infer<typeof CrmSettings>;

/** What "test on the open CRM tab" found, or why it could not look. */
export const CustomCrmTest = z.discriminatedUnion('status', [
  /** The host permission is missing: the options page must ask for it (a user gesture). */
  z.object({ status: z.literal('no_access'), origin: z.string() }),
  /** No open tab shows that origin. */
  z.object({ status: z.literal('no_tab'), origin: z.string() }),
  /** The page could not be scripted (an error page, a page the browser protects). */
  z.object({ status: z.literal('failed'), url: z.string(), message: z.string() }),
  z.object({
    status: z.literal('tested'),
    url: z.string(),
    record: RecordRef.omit({ crm: true }).nullable(),
    fields: z.partialRecord(IdentityFieldName, DetectedField),
    viewFound: z.boolean(),
    selectorErrors: z.partialRecord(IdentityFieldName, z.string()),
  }),
]);
export type CustomCrmTest = z.infer<typeof CustomCrmTest>;

/** The rep attached to events, and whether an administrator's policy set it (then it is locked). */
export const RepIdentity = z.object({ rep: Rep.optional(), managed: z.boolean() });
export type RepIdentity = z.infer<typeof RepIdentity>;

/** The outbox as the popup shows it. */
export const OutboxStatus = z.object({
  /** Waiting for the team hub (including those that failed and will be retried). */
  queued: z.number().int().nonnegative(),
  /** Acknowledged by the team hub. */
  delivered: z.number().int().nonnegative(),
  /** Kept on this device: no team hub is configured. */
  local: z.number().int().nonnegative(),
  /** Queued events whose last delivery attempt failed. */
  failing: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  hubConfigured: z.boolean(),
});
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/** What the feedback forms offer: the content library, defaults for this lead, the reasons. */
export const FeedbackOptions = z.object({
  assets: z.array(Asset),
  campaigns: z.array(Campaign),
  /** Assets this rep copied or sent for the lead, most recent first. */
  recentAssetIds: z.array(Id),
  rejectionReasons: z.array(RejectionReason),
});
export type FeedbackOptions = z.infer<typeof FeedbackOptions>;

/** The team hub connection as the options page shows it. */
export const HubStatus = z.discriminatedUnion('connected', [
  z.object({ connected: z.literal(false) }),
  z.object({
    connected: z.literal(true),
    url: z.string(),
    /** Set by the administrator's policy (read-only). */
    managed: z.boolean(),
    who: z
      .object({ name: z.string(), email: z.string(), role: z.string(), workspaceId: z.string() })
      .optional(),
    lastSyncAt: EpochMs.optional(),
    lastError: z.string().optional(),
    definitionsVersion: z.number().optional(),
  }),
]);
export type HubStatus = z.infer<typeof HubStatus>;

export const RecordedEvent = z.object({
  status: z.enum(['added', 'duplicate']),
  event: TandemEvent,
  /** How long (ms from the event's time) it can still be undone. */
  undoUntil: EpochMs,
});
export type RecordedEvent = z.infer<typeof RecordedEvent>;

export const protocol = {
  /** Everything the sidebar shows for a detected record, in one call. */
  getLeadContext: { input: DetectedRecord, output: LeadContext },
  /**
   * The record a tab shows, with its fields, when its context was asked for before the fields
   * rendered (from the URL alone) and that answer stood: the popup reads what the tab shows.
   */
  rememberRecord: { input: DetectedRecord, output: z.object({ remembered: z.boolean() }) },
  /**
   * Injects the CRM detector (DOM probes, record watcher) into the sender's frame: the bootstrap
   * content script asks once its URL check finds a record (once per page).
   */
  injectCrmDetector: { input: Empty, output: z.object({ injected: z.boolean() }) },
  /** Injects the sidebar UI script into the sender's frame (once per page). */
  injectSidebarUi: { input: Empty, output: z.object({ injected: z.boolean() }) },
  /** What the local store holds. */
  getStoreStatus: { input: Empty, output: StoreStatus },
  /** Leads whose email or name starts with the query (to link a record to marketing data). */
  searchLeads: {
    input: z.object({ query: z.string().trim().min(1).max(200) }),
    output: z.array(LeadSummary),
  },
  /** Links a CRM record to a lead (a wrong match corrected, or a record with no history). */
  linkRecord: {
    input: z.object({ leadKey: Id, ref: RecordRef }),
    output: z.object({ linked: z.boolean() }),
  },
  /** Replaces the local workspace with a freshly generated demo workspace. */
  resetDemoWorkspace: { input: Empty, output: StoreStatus },
  /** The kill switches and the CRMs the user added, with their permission state. */
  getCrmSettings: { input: Empty, output: CrmSettings },
  /** The kill switch of one built-in adapter. */
  setAdapterEnabled: {
    input: z.object({ adapterId: z.string().min(1).max(64), enabled: z.boolean() }).strict(),
    output: CrmSettings,
  },
  /**
   * Stores a CRM the user added and registers the content script on its origin. The sender
   * (the options page) has already obtained the host permission in the click handler.
   */
  addCustomCrm: { input: CustomCrm, output: CrmSettings },
  /** Unregisters, forgets and gives back the host permission of a CRM the user added. */
  removeCustomCrm: { input: z.object({ id: CustomCrmId }).strict(), output: CrmSettings },
  /** Store contents for the options page: workspace, record counts, recent imports. */
  getDataSummary: { input: Empty, output: DataSummary },
  /** Deletes touches older than N days (privacy). */
  purgeTouches: {
    input: z.object({ olderThanDays: z.number().int().min(1).max(36_500) }).strict(),
    output: z.object({ removed: z.number().int().nonnegative() }),
  },
  /**
   * Ranks every lead's score again (after an import changed the leads or their touches): what a
   * lead's standing in the sidebar is read from. Answers once the ranking is stored; without a
   * ranking (no scoring model, or a team hub), with nothing.
   */
  rankScores: {
    input: Empty,
    output: z.object({
      rankedAt: EpochMs.optional(),
      leads: z.number().int().nonnegative(),
    }),
  },
  /** Deletes all local data; the demo workspace does not come back by itself. */
  deleteAllData: { input: z.object({ confirm: z.literal(true) }).strict(), output: DataSummary },
  /** Runs a candidate CRM's rules in the open tab that shows its origin. */
  testCustomCrmOnTab: { input: CustomCrm, output: CustomCrmTest },
  /** The rep's identity (settings, or the administrator's policy). */
  getRep: { input: Empty, output: RepIdentity },
  /** Sets the rep's identity in settings; refused when a policy sets it. */
  setRep: { input: Rep, output: RepIdentity },
  /**
   * Stores a feedback, verdict, insight or usage event (the background attaches the rep and
   * checks the asset and reason exist) before the UI says "sent". Idempotent by event id.
   */
  recordEvent: { input: EventDraft, output: RecordedEvent },
  /** Withdraws an event within its undo window; `undone: false` when it is too late. */
  undoEvent: {
    input: z.object({ id: z.uuid() }).strict(),
    output: z.object({ undone: z.boolean() }),
  },
  /** Queued, delivered and local event counts. */
  getOutboxStatus: { input: Empty, output: OutboxStatus },
  /** The team hub connection. */
  getHubStatus: { input: Empty, output: HubStatus },
  /**
   * Connects to a team hub (checks the token with the hub first). The options page has already
   * obtained the hub's origin as an optional host permission in the click handler.
   */
  connectHub: { input: HubConfig, output: HubStatus },
  disconnectHub: { input: Empty, output: HubStatus },
  /** Delivers queued events and fetches the published definitions now. */
  syncHub: { input: Empty, output: HubStatus },
  /** The record last detected in a tab, if the tab still shows it (for the popup). */
  getTabRecord: {
    input: z.object({ tabId: z.number().int().nonnegative() }).strict(),
    output: z.object({ detected: DetectedRecord.nullable() }),
  },
  /** The feedback forms' choices and defaults, for a lead or none. */
  getFeedbackOptions: {
    input: z.object({ leadKey: Id.optional() }).strict(),
    output: FeedbackOptions,
  },
  /** The marketer dashboard's aggregates over the local events (the local data source). */
  getDashboard: { input: DashboardQuery, output: DashboardData },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<N extends MessageName> = z.input<Protocol[N]['input']>;
export type MessageOutput<N extends MessageName> = z.infer<Protocol[N]['output']>;

/** What travels over `runtime.sendMessage`. */
export interface Envelope {
  tandem: 1;
  name: string;
  data: unknown;
}

export type ErrorCode = 'unknown_message' | 'invalid_input' | 'handler_failed' | 'no_response';

export type Result<T> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export function isEnvelope(msg: unknown): msg is Envelope {
  return (
    typeof msg === 'object' &&
    msg !== null &&
    (msg as Envelope).tandem === 1 &&
    typeof (msg as Envelope).name === 'string'
  );
}
