import type { Touch } from '../model';
import { inWriteTx } from './bulk';
import { flattenPacks, leadPackRange, mergeTouchesInTx } from './packs';
import type { TandemDb } from './schema';

/**
 * A lead's touches, oldest first, optionally within [since, until] (inclusive, epoch ms), read
 * as the lead's packs in one key range.
 */
export async function getTouchesForLead(
  db: TandemDb,
  leadKey: string,
  opts: { since?: number; until?: number } = {},
): Promise<Touch[]> {
  const since = opts.since ?? -Infinity;
  const until = opts.until ?? Infinity;
  if (since > until) return [];
  const touches = flattenPacks(await db.getAll('touchPacks', leadPackRange(leadKey)));
  if (since === -Infinity && until === Infinity) return touches;
  return touches.filter((t) => t.at >= since && t.at <= until);
}

/**
 * Writes touches, insert or replace by id within each lead (so writing the same touches again
 * changes nothing), in one transaction.
 */
export async function putTouches(db: TandemDb, touches: Iterable<Touch>): Promise<void> {
  const tx = db.transaction(['touchPacks', 'meta'], 'readwrite');
  await inWriteTx(tx, () => mergeTouchesInTx(tx, touches, 'replace'));
}
