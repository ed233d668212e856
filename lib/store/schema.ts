/**
 * The IndexedDB schema of Tandem's local store, as idb `DBSchema` typing over the zod model.
 *
 * Records are the model types plus a few fields the store derives for its indexes (leads) or for
 * the outbox (events). Those extra fields are declared here as zod schemas too, so every shape
 * still comes from one place; the model itself is not changed.
 */
import type { DBSchema, IDBPDatabase, StoreNames } from 'idb';
import { z } from 'zod';
import {
  EpochMs,
  Touch,
  type Asset,
  type Campaign,
  type Lead,
  type Lifecycle,
  type Persona,
  type ScoringModel,
  type TandemEvent,
  type WorkspaceBundle,
} from '../model';

/** The workspace a store holds (the bundle's `workspace` block). */
export type WorkspaceInfo = WorkspaceBundle['workspace'];

/** What the `meta` store holds, by key. */
export interface MetaValues {
  workspace: WorkspaceInfo;
  /** True once a workspace (demo or imported) has been written. */
  seeded: boolean;
  /** Bumped by every write to personas, campaigns, assets or definitions (caches key on it). */
  definitionsRevision: number;
  /** Bumped by every event written (caches of event aggregates key on it). */
  eventsRevision: number;
  /**
   * How many touches `touchPacks` holds (the sum of its packs' lengths), kept by every writer in
   * the transaction that changes them: counting them would mean reading every pack. Since v3.
   */
  touchCount: number;
  /** The latest ranking of every lead's score (see `ScoreRanking`). */
  scoreRanking: ScoreRanking;
}
export type MetaKey = keyof MetaValues;

/**
 * Every lead's score total at `computedAt`, ascending, under the scoring model of
 * `definitionsRevision`: what a lead's standing ("#12 of 300 leads") is read from. Only valid
 * while the store's definitions revision is still that one.
 */
export const ScoreRanking = z.object({
  computedAt: EpochMs,
  definitionsRevision: z.number().int().nonnegative(),
  totals: z.array(z.number()),
  /** 'hub': made by the team hub over the whole workspace (absent: by this extension). */
  source: z.literal('hub').optional(),
});
export type ScoreRanking = z.infer<typeof ScoreRanking>;

/** What the `definitions` store holds, by key. */
export interface DefinitionValues {
  scoringModel: ScoringModel;
  lifecycle: Lifecycle;
}
export type DefinitionKey = keyof DefinitionValues;

/**
 * Fields the store derives from a lead for its indexes. They are recomputed on every write and
 * stripped on every read: repositories only ever return the model `Lead`.
 */
export const LeadIndexFields = z.object({
  /** `recordKey(ref)` of every CRM ref (multiEntry index `by-record`). */
  recordKeys: z.array(z.string()),
  /** `normalizeEmail(email)`; absent when the lead has no email (so it is not indexed). */
  emailNorm: z.string().optional(),
  /** Lower-cased "first last" without accents; absent when the lead has no name. Since v2. */
  nameNorm: z.string().optional(),
});
export type LeadIndexFields = z.infer<typeof LeadIndexFields>;
export type StoredLead = Lead & LeadIndexFields;

/**
 * Where an event is in the outbox:
 * - `pending`: waiting to be sent to the team hub;
 * - `delivered`: the hub acknowledged it;
 * - `local`: kept on this device only (no hub configured, or it came from a bundle).
 */
export const EventDelivery = z.enum(['pending', 'delivered', 'local']);
export type EventDelivery = z.infer<typeof EventDelivery>;

/** Outbox bookkeeping stored beside each event. Since v2. */
export const OutboxState = z.object({
  delivery: EventDelivery,
  /** Failed delivery attempts so far. */
  attempts: z.number().int().nonnegative(),
  lastError: z.string().max(1000).optional(),
  deliveredAt: EpochMs.optional(),
});
export type OutboxState = z.infer<typeof OutboxState>;
export type StoredEvent = TandemEvent & OutboxState;

/** One entry of the import history (what the options page lists). */
export const ImportRecord = z.object({
  /** A UUID v7, so the history sorts by time when listed by key. */
  id: z.string().min(1).max(64),
  at: EpochMs,
  /** What was imported: a preset or format id such as `marketo`, `hubspot`, `csv`, `bundle`. */
  kind: z.string().min(1).max(64),
  fileName: z.string().max(500),
  /** Rows read from the file and rows rejected by validation. */
  rows: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  status: z.enum(['ok', 'partial', 'failed']),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/** Most touches one pack holds: a lead with more has several packs. */
export const TOUCH_PACK_CAP = 500;

/**
 * A run of one lead's touches, stored as one record (since v3). IndexedDB charges a fixed cost
 * per request whatever the value's size, so touches are written and read a pack at a time
 * rather than one record each. Since v4 the touches are bytes (./touch-codec, through
 * `packTouches` and `layoutPacks` in ./packs): under 30 % of the bytes IndexedDB writes for the
 * objects, so large writes (imports) take less time.
 *
 * A lead's packs, concatenated in `seq` order, hold its touches sorted by `at`, then by `id`
 * (the order the v1 index `by-lead-time` gave); each holds 1 to `TOUCH_PACK_CAP` touches, and a
 * touch id appears once per lead. Seqs ascend but may have gaps (a purge deletes emptied packs).
 */
export const TouchPack = z.object({
  leadKey: z.string(),
  seq: z.number().int().nonnegative(),
  /** The first touch's `at`: the `by-min-at` index finds the packs a purge has to rewrite. */
  minAt: EpochMs,
  /** How many touches `data` holds. */
  count: z.number().int().min(1).max(TOUCH_PACK_CAP),
  /** The touches, encoded (./touch-codec). */
  data: z.instanceof(Uint8Array),
});
export type TouchPack = z.infer<typeof TouchPack>;

/** A pack as v3 stored it: the touches as objects. */
export const TouchPackV3 = z.object({
  leadKey: z.string(),
  seq: z.number().int().nonnegative(),
  minAt: EpochMs,
  touches: z.array(Touch).min(1).max(TOUCH_PACK_CAP),
});
export type TouchPackV3 = z.infer<typeof TouchPackV3>;
export type TouchPackKey = [leadKey: string, seq: number];

/** Store names whose records an upgrade validates and may quarantine. */
export const QuarantineSource = z.enum(['leads', 'events', 'touches']);

/**
 * A stored record an upgrade could not validate. It is kept, with the reason, instead of being
 * dropped silently or failing the whole upgrade (which would lock the user out of all data).
 */
export const QuarantinedRecord = z.object({
  /** `${store}/${primary key}`: quarantining the same record twice keeps one copy. */
  id: z.string(),
  store: QuarantineSource,
  /** The record's primary key in its store. */
  key: z.string(),
  /** The schema version the upgrade was moving to. */
  version: z.number().int().positive(),
  reason: z.string().max(4000),
  at: EpochMs,
  /** The record exactly as it was stored. */
  value: z.unknown(),
});
export type QuarantinedRecord = z.infer<typeof QuarantinedRecord>;

export interface TandemDB extends DBSchema {
  meta: { key: MetaKey; value: MetaValues[MetaKey] };
  leads: {
    key: string;
    value: StoredLead;
    indexes: { 'by-record': string; 'by-email': string; 'by-name': string };
  };
  /**
   * One record per touch, schema v1 and v2 only: v3 moves them into `touchPacks` and deletes
   * the store. Typed only so the shipped migration steps that made it still compile.
   */
  touches: {
    key: string;
    value: Touch;
    indexes: { 'by-lead-time': [string, number]; 'by-campaign': string; 'by-time': number };
  };
  touchPacks: { key: TouchPackKey; value: TouchPack; indexes: { 'by-min-at': number } };
  /**
   * An import's parsed touches while it ran, schema v3 and v4 only (v5 deletes the store):
   * typed only so the shipped migration step that made it still compiles.
   */
  importStaging: { key: [bucket: number, n: number]; value: Touch[] };
  campaigns: { key: string; value: Campaign };
  assets: { key: string; value: Asset };
  personas: { key: string; value: Persona };
  definitions: { key: DefinitionKey; value: DefinitionValues[DefinitionKey] };
  events: {
    key: string;
    value: StoredEvent;
    indexes: {
      'by-time': number;
      'by-kind': TandemEvent['kind'];
      'by-lead': string;
      'by-delivery': EventDelivery;
    };
  };
  imports: { key: string; value: ImportRecord };
  quarantine: { key: string; value: QuarantinedRecord };
}

export type TandemStoreName = StoreNames<TandemDB>;
export type TandemDb = IDBPDatabase<TandemDB>;
