/**
 * The local source's reading side (background only): streams the events out of IndexedDB in
 * batches into the aggregator, so a store of a million events is never held at once, and times
 * the reading and the aggregating apart (the dashboard shows both).
 */
import { getDefinitions, type TandemDb } from '../store';
import { flattenPacks, leadPackRange } from '../store/packs';
import { createDashboardAggregator, OPEN_TOUCH_TYPES, type AssetOpen } from './aggregate';
import type { DashboardData, DashboardQuery } from './schema';

/** Events per read: large enough to keep IndexedDB busy, small enough to bound memory. */
export const READ_BATCH = 50_000;

const openTypes = new Set<string>(OPEN_TOUCH_TYPES);

/** Marketing touches in which these leads opened an asset. */
async function touchOpens(db: TandemDb, leadKeys: readonly string[]): Promise<AssetOpen[]> {
  if (!leadKeys.length) return [];
  const tx = db.transaction('touchPacks', 'readonly');
  const perLead = await Promise.all(leadKeys.map((key) => tx.store.getAll(leadPackRange(key))));
  await tx.done;
  const opens: AssetOpen[] = [];
  for (const packs of perLead) {
    for (const t of flattenPacks(packs)) {
      if (t.assetId !== undefined && !t.botSuspect && openTypes.has(t.type)) {
        opens.push({ leadKey: t.leadKey, assetId: t.assetId, at: t.at });
      }
    }
  }
  return opens;
}

export async function loadDashboard(
  db: TandemDb,
  query: DashboardQuery,
  now: number,
  timer: () => number = () => performance.now(),
): Promise<DashboardData> {
  let readMs = 0;
  let aggregateMs = 0;
  let t = timer();
  const tx = db.transaction(['leads', 'events'], 'readonly');
  const [defs, leads, first] = await Promise.all([
    getDefinitions(db),
    tx.objectStore('leads').getAll(),
    tx.objectStore('events').index('by-time').openCursor(),
  ]);
  const earliestAt = first?.value.at;
  await tx.done.catch(() => {});
  readMs += timer() - t;

  t = timer();
  const agg = createDashboardAggregator(
    { ...defs, leads },
    { query, now, ...(earliestAt !== undefined ? { earliestAt } : {}) },
  );
  aggregateMs += timer() - t;

  // By primary key, one transaction per batch: every event is seen once, whatever its time.
  let after: string | undefined;
  for (;;) {
    t = timer();
    const batch = await db.getAll(
      'events',
      after === undefined ? undefined : IDBKeyRange.lowerBound(after, true),
      READ_BATCH,
    );
    readMs += timer() - t;
    if (!batch.length) break;
    t = timer();
    agg.add(batch);
    aggregateMs += timer() - t;
    after = batch[batch.length - 1]!.id;
    if (batch.length < READ_BATCH) break;
  }

  t = timer();
  const opens = await touchOpens(db, agg.sharedLeads());
  readMs += timer() - t;
  t = timer();
  agg.addOpens(opens);
  const data = agg.finish();
  aggregateMs += timer() - t;
  return { ...data, stats: { scanned: data.stats.scanned, readMs, aggregateMs } };
}
