/**
 * Schema versions, as an ordered list of migration steps. `MIGRATIONS[n - 1]` takes the database
 * from version n - 1 to version n; opening at version V from oldVersion runs every step above
 * oldVersion up to V, in order, inside the one upgrade transaction.
 *
 * Rules for adding a version: append a step, never edit a shipped one (users' databases were made
 * by it), and validate any stored data the step rewrites. Steps must not await anything but
 * requests on `tx`: awaiting anything else lets the upgrade transaction commit early.
 */
import { unwrap, type IDBPTransaction } from 'idb';
import { z } from 'zod';
import { Lead, TandemEvent, Touch } from '../model';
import { toStoredEvent, toStoredLead } from './normalize';
import { makePack } from './packs';
import {
  TOUCH_PACK_CAP,
  TouchPackV3,
  type QuarantinedRecord,
  type TandemDB,
  type TandemDb,
  type TandemStoreName,
} from './schema';

export type UpgradeTx = IDBPTransaction<TandemDB, TandemStoreName[], 'versionchange'>;
export type MigrationStep = (db: TandemDb, tx: UpgradeTx, oldVersion: number) => void;

/** v1: the first shipped schema. */
const v1: MigrationStep = (db) => {
  db.createObjectStore('meta');
  const leads = db.createObjectStore('leads', { keyPath: 'key' });
  leads.createIndex('by-record', 'recordKeys', { multiEntry: true });
  leads.createIndex('by-email', 'emailNorm');
  const touches = db.createObjectStore('touches', { keyPath: 'id' });
  touches.createIndex('by-lead-time', ['leadKey', 'at']);
  touches.createIndex('by-campaign', 'campaignId');
  touches.createIndex('by-time', 'at');
  db.createObjectStore('campaigns', { keyPath: 'id' });
  db.createObjectStore('assets', { keyPath: 'id' });
  db.createObjectStore('personas', { keyPath: 'id' });
  db.createObjectStore('definitions');
  const events = db.createObjectStore('events', { keyPath: 'id' });
  events.createIndex('by-time', 'at');
  events.createIndex('by-kind', 'kind');
  events.createIndex('by-lead', 'leadKey');
  db.createObjectStore('imports', { keyPath: 'id' });
};

/**
 * v2: name lookup for identity resolution (`leads.by-name` over a derived `nameNorm`), and
 * delivery state on events so the outbox can find what is still to send (`events.by-delivery`).
 * Existing leads and events are re-validated and rewritten; invalid ones go to `quarantine`.
 */
const v2: MigrationStep = (db, tx) => {
  db.createObjectStore('quarantine', { keyPath: 'id' });
  tx.objectStore('leads').createIndex('by-name', 'nameNorm');
  tx.objectStore('events').createIndex('by-delivery', 'delivery');
  inUpgrade(
    tx,
    revalidate(tx, 'leads', 2, (value) => {
      const parsed = Lead.safeParse(value);
      return parsed.success ? { value: toStoredLead(parsed.data) } : { error: parsed.error };
    }),
  );
  inUpgrade(
    tx,
    revalidate(tx, 'events', 2, (value) => {
      const parsed = TandemEvent.safeParse(value);
      // Events written before v2 were never sent anywhere: they stay on this device.
      return parsed.success
        ? { value: toStoredEvent(parsed.data, 'local') }
        : { error: parsed.error };
    }),
  );
};

/**
 * v3: touches are stored packed, many per record (`touchPacks`, see `TouchPack`), instead of one
 * record per touch: IndexedDB's cost is per request, so a million touches took minutes to write.
 * Existing touches are validated and moved into packs (invalid ones go to `quarantine`), the
 * total is kept in `meta.touchCount`, and the `touches` store is deleted. `importStaging` held
 * an import's parsed touches until it merged them, inside its own transaction (until v5).
 */
const v3: MigrationStep = (db, tx) => {
  const packs = db.createObjectStore('touchPacks', { keyPath: ['leadKey', 'seq'] });
  packs.createIndex('by-min-at', 'minAt');
  db.createObjectStore('importStaging');
  inUpgrade(tx, packLegacyTouches(db, tx));
};

/**
 * v4: a pack's touches are stored encoded (`TouchPack.data`, ./touch-codec) instead of as
 * objects: a fraction of the bytes, so an import's writes take less time. Every pack is
 * validated (its touches included) and rewritten; an invalid one
 * goes to `quarantine`, and `meta.touchCount` is recounted from what stays.
 */
const v4: MigrationStep = (_db, tx) => {
  afterEarlierSteps(tx, () => encodePacks(tx));
};

/**
 * v5: `importStaging` is deleted. Imports stage their parsed touches outside the store (in the
 * import worker's memory, then Blobs: ../import/sink), and the store was always empty outside
 * an import's own transaction, so nothing is lost.
 */
const v5: MigrationStep = (db) => {
  if (db.objectStoreNames.contains('importStaging')) db.deleteObjectStore('importStaging');
};

export const MIGRATIONS: readonly MigrationStep[] = [v1, v2, v3, v4, v5];

/** The current schema version: one per migration step. */
export const DB_VERSION = MIGRATIONS.length;

/** Runs the steps that take a database from `oldVersion` to `newVersion`, in order. */
export function runMigrations(
  db: TandemDb,
  tx: UpgradeTx,
  oldVersion: number,
  newVersion: number,
): void {
  // A failed upgrade is reported by the open request; `tx.done` rejecting too is not news.
  tx.done.catch(() => undefined);
  try {
    for (let version = oldVersion + 1; version <= newVersion; version++) {
      const step = MIGRATIONS[version - 1];
      if (!step) throw new RangeError(`no migration step to schema version ${version}`);
      step(db, tx, oldVersion);
    }
  } catch (error) {
    failUpgrade(tx, error);
  }
}

const upgradeFailures = new WeakMap<UpgradeTx, unknown>();

/** Aborts the upgrade (nothing of it is kept) and remembers why, for `openTandemDb` to throw. */
function failUpgrade(tx: UpgradeTx, error: unknown): void {
  if (!upgradeFailures.has(tx)) upgradeFailures.set(tx, error);
  try {
    tx.abort();
  } catch {
    // Already finished or aborting: the open request reports the failure.
  }
}

/** The error that made a step abort the upgrade, if one did. */
export function upgradeFailure(tx: UpgradeTx): unknown {
  return upgradeFailures.get(tx);
}

/** Data work started on each upgrade transaction so far. */
const startedWork = new WeakMap<UpgradeTx, Promise<void>[]>();

/** Async work a step starts on `tx`: a failure aborts the whole upgrade instead of going unseen. */
function inUpgrade(tx: UpgradeTx, work: Promise<void>): void {
  const started = startedWork.get(tx);
  if (started) started.push(work);
  else startedWork.set(tx, [work]);
  work.catch((error: unknown) => failUpgrade(tx, error));
}

/**
 * Starts `work` once every earlier step's data work is done, for a step that rewrites what an
 * earlier one writes (steps' data work otherwise runs side by side, and requests run in the
 * order they are made). It starts from the last of those requests' callbacks, so the upgrade
 * transaction is still active.
 */
function afterEarlierSteps(tx: UpgradeTx, work: () => Promise<void>): void {
  inUpgrade(
    tx,
    Promise.all(startedWork.get(tx) ?? []).then(() => work()),
  );
}

type Revalidated<S extends 'leads' | 'events'> =
  { value: TandemDB[S]['value']; error?: undefined } | { value?: undefined; error: z.ZodError };

/**
 * Walks every record of `store`: valid ones are rewritten in their current shape, invalid ones are
 * moved to `quarantine` with the validation message.
 */
async function revalidate<S extends 'leads' | 'events'>(
  tx: UpgradeTx,
  store: S,
  version: number,
  upgrade: (value: unknown) => Revalidated<S>,
): Promise<void> {
  const quarantine = tx.objectStore('quarantine');
  const at = Date.now();
  let cursor = await tx.objectStore(store).openCursor();
  while (cursor) {
    const result = upgrade(cursor.value);
    if (result.error) {
      const key = String(cursor.primaryKey);
      const record: QuarantinedRecord = {
        id: `${store}/${key}`,
        store,
        key,
        version,
        reason: z.prettifyError(result.error).slice(0, 4000),
        at,
        value: cursor.value,
      };
      await Promise.all([quarantine.put(record), cursor.delete()]);
    } else {
      await cursor.update(result.value);
    }
    cursor = await cursor.continue();
  }
}

/** v3's packs: a lead's sorted touches cut into runs of `TOUCH_PACK_CAP`, as objects. */
function layoutPacksV3(leadKey: string, sorted: readonly Touch[]): TouchPackV3[] {
  const packs: TouchPackV3[] = [];
  for (let start = 0, seq = 0; start < sorted.length; start += TOUCH_PACK_CAP, seq++) {
    const touches = sorted.slice(start, start + TOUCH_PACK_CAP);
    packs.push({ leadKey, seq, minAt: touches[0]!.at, touches });
  }
  return packs;
}

/** v4's data step: every v3 pack validated and rewritten encoded (see `v4`). */
async function encodePacks(tx: UpgradeTx): Promise<void> {
  const quarantine = tx.objectStore('quarantine');
  const at = Date.now();
  let total = 0;
  let cursor = await tx.objectStore('touchPacks').openCursor();
  while (cursor) {
    const parsed = TouchPackV3.safeParse(cursor.value);
    if (parsed.success) {
      const { leadKey, seq, touches } = parsed.data;
      await cursor.update(makePack(leadKey, seq, touches));
      total += touches.length;
    } else {
      const key = JSON.stringify(cursor.primaryKey);
      const record: QuarantinedRecord = {
        id: `touches/${key}`,
        store: 'touches',
        key,
        version: 4,
        reason: z.prettifyError(parsed.error).slice(0, 4000),
        at,
        value: cursor.value,
      };
      await Promise.all([quarantine.put(record), cursor.delete()]);
    }
    cursor = await cursor.continue();
  }
  await tx.objectStore('meta').put(total, 'touchCount');
}

/** Legacy touches read per request while packing them. */
const LEGACY_BATCH = 2048;

/**
 * v3's data step: walks the v1 `touches` store in `by-lead-time` order (a lead's touches are
 * contiguous there, already sorted as packs want them), a batch per request, so only one lead's
 * touches are held at a time. Then deletes the store.
 */
async function packLegacyTouches(db: TandemDb, tx: UpgradeTx): Promise<void> {
  const legacy = tx.objectStore('touches');
  const index = legacy.index('by-lead-time');
  const packs = unwrap(tx.objectStore('touchPacks'));
  const quarantine = unwrap(tx.objectStore('quarantine'));
  const at = Date.now();
  const quarantined = (value: unknown, key: string, error: z.ZodError | null) => {
    const record: QuarantinedRecord = {
      id: `touches/${key}`,
      store: 'touches',
      key,
      version: 3,
      reason: error ? z.prettifyError(error).slice(0, 4000) : 'not a touch',
      at,
      value,
    };
    quarantine.put(record);
  };
  let total = 0;
  let seen = 0;
  let lead: string | null = null;
  let touches: Touch[] = [];
  const flushLead = () => {
    if (lead !== null) for (const pack of layoutPacksV3(lead, touches)) packs.put(pack);
    total += touches.length;
    touches = [];
  };
  const take = (value: unknown, key: string) => {
    seen++;
    const parsed = Touch.safeParse(value);
    if (!parsed.success) return quarantined(value, key, parsed.error);
    if (parsed.data.leadKey !== lead) {
      flushLead();
      lead = parsed.data.leadKey;
    }
    touches.push(parsed.data);
  };

  // getAll from an index cannot resume after a primary key, only at an index key: the next batch
  // starts at the last batch's last [leadKey, at] and skips the ids of that key already taken.
  let range: IDBKeyRange | undefined;
  let taken = new Set<IDBValidKey>();
  let limit = LEGACY_BATCH;
  for (;;) {
    const [keys, values] = await Promise.all([
      index.getAllKeys(range, limit),
      index.getAll(range, limit),
    ]);
    let fresh = 0;
    values.forEach((value, i) => {
      const key = keys[i]!;
      if (taken.has(key)) return;
      fresh++;
      take(value, String(key));
    });
    if (values.length < limit) break;
    // Every record of the batch was taken before: one [leadKey, at] holds more than a batch.
    if (fresh === 0) {
      limit *= 2;
      continue;
    }
    const last = indexKeyOf(values[values.length - 1]);
    taken = new Set();
    for (let i = values.length - 1; i >= 0; i--) {
      if (indexedDB.cmp(indexKeyOf(values[i]), last) !== 0) break;
      taken.add(keys[i]!);
    }
    range = IDBKeyRange.lowerBound(last);
  }
  flushLead();

  // Records the index leaves out (no valid [leadKey, at]) cannot be touches: quarantined too.
  if (seen < (await legacy.count())) {
    let cursor = await legacy.openCursor();
    while (cursor) {
      if (!isValidKey(indexKeyOf(cursor.value))) {
        quarantined(
          cursor.value,
          String(cursor.primaryKey),
          Touch.safeParse(cursor.value).error ?? null,
        );
      }
      cursor = await cursor.continue();
    }
  }
  unwrap(tx.objectStore('meta')).put(total, 'touchCount');
  db.deleteObjectStore('touches');
}

function indexKeyOf(value: unknown): IDBValidKey {
  const v = value as { leadKey?: IDBValidKey; at?: IDBValidKey };
  return [v.leadKey!, v.at!];
}

function isValidKey(key: IDBValidKey): boolean {
  try {
    IDBKeyRange.only(key);
    return true;
  } catch {
    return false;
  }
}
