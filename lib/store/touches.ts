import type { Touch } from '../model';
import { inWriteTx, writer } from './bulk';
import type { TandemDb } from './schema';

/**
 * A lead's touches, oldest first, optionally within [since, until] (inclusive, epoch ms), read
 * from the compound index `by-lead-time` as one key range.
 */
export async function getTouchesForLead(
  db: TandemDb,
  leadKey: string,
  opts: { since?: number; until?: number } = {},
): Promise<Touch[]> {
  const since = opts.since ?? -Infinity;
  const until = opts.until ?? Infinity;
  if (since > until) return [];
  return db.getAllFromIndex(
    'touches',
    'by-lead-time',
    IDBKeyRange.bound([leadKey, since], [leadKey, until]),
  );
}

/** Writes touches, insert or replace by id (so writing the same touches again changes nothing). */
export async function putTouches(db: TandemDb, touches: Iterable<Touch>): Promise<void> {
  const tx = db.transaction('touches', 'readwrite');
  await inWriteTx(tx, () => {
    const store = writer(tx, 'touches');
    for (const touch of touches) store.put(touch);
  });
}
