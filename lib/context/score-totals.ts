/**
 * Every lead's score total for a ranking, scored a batch at a time as a scan hands leads over,
 * in slices of a few milliseconds: what the extension's background (over IndexedDB) and the team
 * hub (over its database) both rank with, so a lead's standing means the same wherever it was
 * ranked. No browser or Node API: the caller brings the scan and the way to pause.
 */
import { scoreLead, sortTotals } from '../engine';
import type { Asset, Lead, ScoringModel, Touch } from '../model';

/**
 * A ranking older than this is made again: scores decay, so a day-old ranking drifts (the
 * extension's daily alarm and startup check, the hub's answer to a ranking request).
 */
export const RANKING_MAX_AGE_MS = 20 * 3_600_000;

/** One lead to rank; its touches (oldest first) are decoded when asked for. */
export interface LeadToRank {
  lead: Lead;
  touches(): Touch[];
}

export interface SliceOptions {
  /** Yields to the work waiting (a record opened, a request) between two slices. */
  pause?: () => Promise<void>;
  /** Milliseconds of scoring between two pauses (work arriving meanwhile waits that long). */
  sliceMs?: number;
  /** The clock slices are measured with. */
  clock?: () => number;
}

export interface ScoreTotals {
  /** Scores each lead of `batch`, pausing whenever a slice is used up. */
  add(batch: readonly LeadToRank[]): Promise<void>;
  /** The totals so far, ascending (as a ranking stores them). */
  sorted(): number[];
}

/** Scores leads with `model` at `now`, without the 90-day history a ranking does not use. */
export function scoreTotals(
  model: ScoringModel,
  assets: readonly Asset[],
  now: number,
  {
    pause = () => Promise.resolve(),
    sliceMs = 10,
    clock = () => performance.now(),
  }: SliceOptions = {},
): ScoreTotals {
  const byId = new Map<string, Asset>(assets.map((a) => [a.id, a]));
  const totals: number[] = [];
  let sliceStart = clock();
  return {
    async add(batch) {
      for (const { lead, touches } of batch) {
        const score = scoreLead({
          lead,
          touches: touches(),
          assets: byId,
          model,
          now,
          history: false,
        });
        totals.push(score.total);
        if (clock() - sliceStart >= sliceMs) {
          await pause();
          sliceStart = clock();
        }
      }
    },
    sorted: () => sortTotals(totals),
  };
}
