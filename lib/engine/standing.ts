/**
 * Where one score stands among the workspace's scores: the rank a rep reads as "#12 of 300
 * leads, top 4 %", the relative view Marketo shows as stars, but as a number that explains itself.
 */
import type { ScoreStanding } from '../model';

/** Below this many ranked leads a rank says more about the sample than about the lead. */
export const MIN_RANKED = 20;

/** Totals sorted ascending: what a ranking stores and `standingOf` searches. */
export function sortTotals(totals: Iterable<number>): number[] {
  return [...totals].filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
}

/** How many of the ascending `sorted` totals are strictly greater than `total`. */
function countAbove(sorted: readonly number[], total: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= total) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * The standing of `total` among `sorted` (ascending, from `sortTotals`), ranked at `rankedAt`.
 * The lead's total is today's while the ranking may be older: a total above every ranked one is
 * rank 1, and the rank never exceeds the number ranked. Undefined below `MIN_RANKED` leads.
 */
export function standingOf(
  total: number,
  sorted: readonly number[],
  rankedAt: number,
): ScoreStanding | undefined {
  const of = sorted.length;
  if (of < MIN_RANKED || !Number.isFinite(total)) return undefined;
  const rank = Math.min(of, 1 + countAbove(sorted, total));
  const topPercent = Math.min(100, Math.max(1, Math.ceil((rank * 100) / of)));
  return { rank, of, topPercent, rankedAt };
}
