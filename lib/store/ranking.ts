/**
 * The stored ranking of every lead's score, and the scan that feeds it: every lead with its
 * touches, a batch of leads per readonly transaction, so writers and the sidebar's reads are
 * never held up for the whole scan.
 */
import type { Lead, ScoreRankingStatus, Touch } from '../model';
import { inWriteTx, writer } from './bulk';
import { fromStoredLead } from './normalize';
import { flattenPacks } from './packs';
import { ScoreRanking, type TandemDb, type TouchPack } from './schema';

/** The stored ranking, or undefined when there is none or it does not read as one. */
export async function readScoreRanking(db: TandemDb): Promise<ScoreRanking | undefined> {
  const parsed = ScoreRanking.safeParse(await db.get('meta', 'scoreRanking'));
  return parsed.success ? parsed.data : undefined;
}

/** The revision of the definitions the store holds (bumped by every write to them). */
export async function readDefinitionsRevision(db: TandemDb): Promise<number> {
  return ((await db.get('meta', 'definitionsRevision')) as number | undefined) ?? 0;
}

/** The stored ranking's status, read with the definitions revision in one transaction. */
export async function scoreRankingStatus(db: TandemDb): Promise<ScoreRankingStatus | undefined> {
  const meta = db.transaction('meta').store;
  const [stored, revision] = await Promise.all([
    meta.get('scoreRanking'),
    meta.get('definitionsRevision') as Promise<number | undefined>,
  ]);
  const parsed = ScoreRanking.safeParse(stored);
  if (!parsed.success) return undefined;
  const { computedAt, definitionsRevision, totals, source } = parsed.data;
  return {
    rankedAt: computedAt,
    leads: totals.length,
    current: definitionsRevision === (revision ?? 0),
    source: source ?? 'local',
  };
}

/**
 * Stores `ranking` unless the definitions changed while it was computed (it would rank under
 * a scoring model the store no longer holds). Whether it was stored.
 */
export async function writeScoreRanking(db: TandemDb, ranking: ScoreRanking): Promise<boolean> {
  const valid = ScoreRanking.parse(ranking);
  const tx = db.transaction('meta', 'readwrite');
  return inWriteTx(tx, async () => {
    const revision = ((await tx.store.get('definitionsRevision')) as number | undefined) ?? 0;
    if (revision !== valid.definitionsRevision) return false;
    writer(tx, 'meta').put(valid, 'scoreRanking');
    return true;
  });
}

/** One lead of a scan; its touches are decoded when asked for (oldest first). */
export interface ScannedLead {
  lead: Lead;
  touches(): Touch[];
}

/**
 * Every lead with its touches, `batch` leads at a time in key order; each batch is read in a
 * transaction of its own and handed to `each` before the next is read.
 */
export async function scanLeadsWithTouches(
  db: TandemDb,
  each: (batch: ScannedLead[]) => void | Promise<void>,
  batch = 200,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const tx = db.transaction(['leads', 'touchPacks'], 'readonly');
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const leads = await tx.objectStore('leads').getAll(range, batch);
    if (leads.length === 0) return;
    const first = leads[0]!.key;
    const last = leads[leads.length - 1]!.key;
    const packs = await tx
      .objectStore('touchPacks')
      .getAll(IDBKeyRange.bound([first, -Infinity], [last, Infinity]));
    tx.done.catch(() => undefined);
    const byLead = new Map<string, TouchPack[]>();
    for (const pack of packs) {
      const list = byLead.get(pack.leadKey);
      if (list) list.push(pack);
      else byLead.set(pack.leadKey, [pack]);
    }
    await each(
      leads.map((stored) => ({
        lead: fromStoredLead(stored),
        touches: () => flattenPacks(byLead.get(stored.key) ?? []),
      })),
    );
    if (leads.length < batch) return;
    after = last;
  }
}
