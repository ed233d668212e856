import type { Asset, Campaign, Lifecycle, Persona, ScoringModel, WorkspaceBundle } from '../model';
import { inWriteTx, writer } from './bulk';
import { toStoredEvent, toStoredLead } from './normalize';
import { compareTouches, groupByLead, layoutPacks, makePack, packTouches } from './packs';
import type {
  ImportRecord,
  MetaKey,
  MetaValues,
  TandemDB,
  TandemDb,
  TandemStoreName,
  WorkspaceInfo,
} from './schema';

/** Stores a workspace replace clears and rewrites (not `imports` or `quarantine`). */
const WORKSPACE_STORES = [
  'meta',
  'leads',
  'touchPacks',
  'campaigns',
  'assets',
  'personas',
  'definitions',
  'events',
] as const satisfies TandemStoreName[];

/**
 * Replaces the workspace with `bundle`: clears and writes every definition and all data in one
 * readwrite transaction, so a failure (an invalid key, an id repeated within the bundle) leaves
 * the previous workspace exactly as it was.
 *
 * The bundle is trusted to be validated already (importers and the demo generator parse it with
 * the zod model). Ids must be unique within each collection: records are `add`ed (and touch ids
 * checked, as touches are stored packed by lead), so a repeated id fails the whole replace with a
 * ConstraintError instead of silently keeping the last copy.
 *
 * Kept across a replace: events still `pending` delivery (a rep's unsent feedback is never
 * lost; bundle events with the same id are skipped), other `meta` keys, import history and
 * quarantine. Bundle events are stored as `local`: they came from the bundle, not from this rep.
 */
export async function replaceWorkspace(
  db: TandemDb,
  bundle: WorkspaceBundle,
  opts: { importRecord?: ImportRecord } = {},
): Promise<void> {
  // The history entry of an imported bundle commits with it, or not at all.
  const stores = opts.importRecord ? [...WORKSPACE_STORES, 'imports' as const] : WORKSPACE_STORES;
  const tx = db.transaction(stores, 'readwrite');
  await inWriteTx(tx, async () => {
    const pending = await tx.objectStore('events').index('by-delivery').getAll('pending');
    const revision = ((await tx.objectStore('meta').get('definitionsRevision')) as number) ?? 0;
    const eventsRevision = ((await tx.objectStore('meta').get('eventsRevision')) as number) ?? 0;
    const pendingIds = new Set(pending.map((event) => event.id));

    const leads = writer(tx, 'leads');
    const touches = writer(tx, 'touchPacks');
    const campaigns = writer(tx, 'campaigns');
    const assets = writer(tx, 'assets');
    const personas = writer(tx, 'personas');
    const definitions = writer(tx, 'definitions');
    const events = writer(tx, 'events');
    const meta = writer(tx, 'meta');
    for (const w of [leads, touches, campaigns, assets, personas, definitions, events]) w.clear();

    for (const lead of bundle.leads) leads.add(toStoredLead(lead));
    const ids = new Set<string>();
    for (const touch of bundle.touches) {
      if (ids.has(touch.id)) {
        throw new DOMException(`touch id "${touch.id}" repeats in the bundle`, 'ConstraintError');
      }
      ids.add(touch.id);
    }
    for (const [leadKey, list] of groupByLead(bundle.touches)) {
      for (const pack of layoutPacks(leadKey, list.sort(compareTouches))) touches.add(pack);
    }
    for (const campaign of bundle.campaigns) campaigns.add(campaign);
    for (const asset of bundle.assets) assets.add(asset);
    for (const persona of bundle.personas) personas.add(persona);
    definitions.put(bundle.scoringModel, 'scoringModel');
    definitions.put(bundle.lifecycle, 'lifecycle');
    for (const event of pending) events.put(event);
    for (const event of bundle.events) {
      if (!pendingIds.has(event.id)) events.add(toStoredEvent(event, 'local'));
    }
    meta.put({ ...bundle.workspace }, 'workspace');
    meta.put(true, 'seeded');
    meta.put(revision + 1, 'definitionsRevision');
    meta.put(eventsRevision + 1, 'eventsRevision');
    meta.put(bundle.touches.length, 'touchCount');
    if (opts.importRecord) writer(tx, 'imports').add(opts.importRecord);
  });
}

async function getMeta<K extends MetaKey>(
  db: TandemDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  return (await db.get('meta', key)) as MetaValues[K] | undefined;
}

export function getWorkspaceMeta(db: TandemDb): Promise<WorkspaceInfo | undefined> {
  return getMeta(db, 'workspace');
}

export async function isSeeded(db: TandemDb): Promise<boolean> {
  return (await getMeta(db, 'seeded')) === true;
}

export interface Definitions {
  personas: Persona[];
  campaigns: Campaign[];
  assets: Asset[];
  scoringModel?: ScoringModel;
  lifecycle?: Lifecycle;
}

/** Every definition the engines need, read in one transaction (a consistent snapshot). */
export async function getDefinitions(db: TandemDb): Promise<Definitions> {
  const tx = db.transaction(['personas', 'campaigns', 'assets', 'definitions'], 'readonly');
  const [personas, campaigns, assets, scoringModel, lifecycle] = await Promise.all([
    tx.objectStore('personas').getAll(),
    tx.objectStore('campaigns').getAll(),
    tx.objectStore('assets').getAll(),
    tx.objectStore('definitions').get('scoringModel'),
    tx.objectStore('definitions').get('lifecycle'),
  ]);
  await tx.done;
  const result: Definitions = { personas, campaigns, assets };
  if (scoringModel) result.scoringModel = scoringModel as ScoringModel;
  if (lifecycle) result.lifecycle = lifecycle as Lifecycle;
  return result;
}

/** How many touches the store holds (kept in `meta`: counting would read every pack). */
export async function countTouches(db: TandemDb): Promise<number> {
  return (await getMeta(db, 'touchCount')) ?? 0;
}

export async function countAll(
  db: TandemDb,
): Promise<{ leads: number; touches: number; events: number }> {
  const tx = db.transaction(['leads', 'meta', 'events'], 'readonly');
  const [leads, touches, events] = await Promise.all([
    tx.objectStore('leads').count(),
    tx.objectStore('meta').get('touchCount') as Promise<number | undefined>,
    tx.objectStore('events').count(),
  ]);
  await tx.done;
  return { leads, touches: touches ?? 0, events };
}

export type StoreDump = {
  [S in TandemStoreName]?: { key: TandemDB[S]['key']; value: TandemDB[S]['value'] }[];
};

/**
 * Every record of every store the database has, as stored (derived fields included), sorted by
 * primary key; read in one transaction. For tests that compare a database before and after.
 */
export async function dumpAll(db: TandemDb): Promise<StoreDump> {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readonly');
  const dumps = await Promise.all(
    names.map(async (name) => {
      const store = tx.objectStore(name);
      // Both come back in primary-key order, so they pair up by position.
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
      return [name, keys.map((key, i) => ({ key, value: values[i] }))] as const;
    }),
  );
  await tx.done;
  return Object.fromEntries(dumps) as StoreDump;
}

/**
 * Deletes every touch that happened before `before` (epoch ms), in one transaction; returns
 * how many went. Leads, definitions and events stay.
 */
export async function purgeTouchesBefore(db: TandemDb, before: number): Promise<number> {
  const tx = db.transaction(['touchPacks', 'meta'], 'readwrite');
  return inWriteTx(tx, async () => {
    const packs = writer(tx, 'touchPacks');
    let removed = 0;
    // Only packs starting before the cutoff hold touches to purge. A pack is sorted, so what
    // stays is a suffix; a rewritten pack's new `minAt` is past the cutoff, out of the range.
    let cursor = await tx
      .objectStore('touchPacks')
      .index('by-min-at')
      .openCursor(IDBKeyRange.upperBound(before, true));
    while (cursor) {
      const pack = cursor.value;
      const keep = packTouches(pack).filter((t) => t.at >= before);
      removed += pack.count - keep.length;
      if (keep.length) packs.put(makePack(pack.leadKey, pack.seq, keep));
      else packs.delete([pack.leadKey, pack.seq]);
      cursor = await cursor.continue();
    }
    if (removed > 0) {
      const count = ((await tx.objectStore('meta').get('touchCount')) as number | undefined) ?? 0;
      writer(tx, 'meta').put(Math.max(0, count - removed), 'touchCount');
    }
    return removed;
  });
}

/**
 * Deletes all data: every store is cleared (workspace, events, import history, quarantine).
 * The store stays marked as seeded so the demo workspace does not come back by itself; "reset to
 * the demo workspace" brings it back on request. The revisions go on counting up rather than
 * starting again: caches keyed on them (definitions, ratings) would otherwise take the next
 * workspace written for the one they hold.
 */
export async function deleteEverything(db: TandemDb): Promise<void> {
  const names = [...db.objectStoreNames] as TandemStoreName[];
  const tx = db.transaction(names, 'readwrite');
  await inWriteTx(tx, async () => {
    const meta = tx.objectStore('meta');
    const [definitionsRevision, eventsRevision] = await Promise.all([
      meta.get('definitionsRevision') as Promise<number | undefined>,
      meta.get('eventsRevision') as Promise<number | undefined>,
    ]);
    for (const name of names) writer(tx, name).clear();
    const w = writer(tx, 'meta');
    w.put(true, 'seeded');
    w.put((definitionsRevision ?? 0) + 1, 'definitionsRevision');
    w.put((eventsRevision ?? 0) + 1, 'eventsRevision');
  });
}

/**
 * How many records each store holds (what the privacy section lists), and under `touches` how
 * many touches (`touchPacks` counts their packs).
 */
export async function countStores(db: TandemDb): Promise<Record<string, number>> {
  const names = [...db.objectStoreNames] as TandemStoreName[];
  const tx = db.transaction(names, 'readonly');
  const [touches, ...counts] = await Promise.all([
    tx.objectStore('meta').get('touchCount') as Promise<number | undefined>,
    ...names.map((n) => tx.objectStore(n).count()),
  ]);
  await tx.done;
  return { ...Object.fromEntries(names.map((n, i) => [n, counts[i]!])), touches: touches ?? 0 };
}
