/**
 * Keeps the ranking of every lead's score current (lib/context/ranking.ts): computed after the
 * workspace is loaded or replaced and after imports, and again once a day (scores decay, so a
 * day-old ranking drifts). One computation at a time; a request during one runs once more after
 * it, over the data as it is then.
 */
import { computeScoreRanking } from '../context/ranking';
import { RANKING_MAX_AGE_MS } from '../context/score-totals';
import { scoreRankingStatus, type TandemDb } from '../store';

export const RANKING_ALARM = 'tandem-score-ranking';

export interface RankingDeps {
  db(): Promise<TandemDb>;
  clock(): number;
  /**
   * Whether this store's leads are the workspace's: not with a team hub, whose leads are only
   * the ones this rep opened (a rank among them would mislead).
   */
  ranksLocally(): Promise<boolean>;
  /** With a team hub: takes the hub's ranking of the whole workspace (a sync). */
  fromHub(): Promise<void>;
}

interface PostTaskScheduler {
  postTask(task: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * Between slices of scoring: the work waiting (a record opened, any message) runs first. The
 * ranking continues as a background-priority task where the runtime schedules by priority, else
 * after a zero-delay timer.
 */
export function yieldToWaitingWork(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    return scheduler.postTask(() => undefined, { priority: 'background' });
  }
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export function createRanking(deps: RankingDeps) {
  let running: Promise<void> | null = null;
  let again = false;

  const pause = yieldToWaitingWork;

  const run = async (): Promise<void> => {
    do {
      again = false;
      if (!(await deps.ranksLocally())) return deps.fromHub();
      const result = await computeScoreRanking(await deps.db(), deps.clock(), { pause });
      // The definitions changed during the scan: rank again under the new ones.
      if (result.ranking && !result.stored) again = true;
    } while (again);
  };

  /** Ranks every lead now (or once more after the ranking under way). */
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = run()
      .catch((e: unknown) => console.error('[tandem] ranking lead scores failed', e))
      .finally(() => {
        running = null;
      });
    return running;
  };

  /** Ranks again when the stored ranking is missing, of other definitions, or too old. */
  const refreshIfStale = async (): Promise<void> => {
    const status = await scoreRankingStatus(await deps.db());
    const fresh = status?.current && deps.clock() - status.rankedAt < RANKING_MAX_AGE_MS;
    if (!fresh) await refresh();
  };

  return { refresh, refreshIfStale };
}
