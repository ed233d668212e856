/**
 * Schema versions, as an ordered list of migration steps. `MIGRATIONS[n - 1]` takes the database
 * from version n - 1 to version n; opening at version V from oldVersion runs every step above
 * oldVersion up to V, in order, inside the one upgrade transaction.
 *
 * Rules for adding a version: append a step, never edit a shipped one (users' databases were made
 * by it), and validate any stored data the step rewrites. Steps must not await anything but
 * requests on `tx`: awaiting anything else lets the upgrade transaction commit early.
 */
import type { IDBPTransaction } from 'idb';
import { z } from 'zod';
import { Lead, TandemEvent } from '../model';
import { toStoredEvent, toStoredLead } from './normalize';
import type { QuarantinedRecord, TandemDB, TandemDb, TandemStoreName } from './schema';

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

export const MIGRATIONS: readonly MigrationStep[] = [v1, v2];

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

/** Async work a step starts on `tx`: a failure aborts the whole upgrade instead of going unseen. */
function inUpgrade(tx: UpgradeTx, work: Promise<void>): void {
  work.catch((error: unknown) => failUpgrade(tx, error));
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
