import { useCallback, useEffect, useState } from 'react';
import type { DashboardSource } from '../../lib/dashboard/source';
import type { DashboardData, DashboardQuery } from '../../lib/dashboard/schema';

export type DashboardState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; stale?: DashboardData }
  | { kind: 'ready'; data: DashboardData; refreshing: boolean };

interface Done {
  /** The query (and attempt) this answer is for. */
  id: string;
  data?: DashboardData;
  error?: string;
  /** The newest numbers received, kept on screen while the next ones load. */
  last?: DashboardData;
}

/**
 * Loads the aggregates for `query` from `source` again whenever the query changes; the previous
 * numbers stay on screen (marked as refreshing) until the new ones arrive, and an answer to an
 * older query never replaces a newer one.
 */
export function useDashboard(
  source: DashboardSource,
  query: DashboardQuery,
): [DashboardState, () => void] {
  const [done, setDone] = useState<Done | null>(null);
  const [attempt, setAttempt] = useState(0);
  const id = `${JSON.stringify(query)}#${attempt}`;
  useEffect(() => {
    let live = true;
    source.load(query).then(
      (data) => live && setDone({ id, data, last: data }),
      (e: unknown) =>
        live &&
        setDone((prev) => ({
          id,
          error: e instanceof Error ? e.message : String(e),
          ...(prev?.last ? { last: prev.last } : {}),
        })),
    );
    return () => {
      live = false;
    };
    // `id` stands for `query` and the attempt; `source` is stable for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  let state: DashboardState;
  if (done?.id === id && done.data) state = { kind: 'ready', data: done.data, refreshing: false };
  else if (done?.id === id && done.error !== undefined)
    state = { kind: 'error', message: done.error, ...(done.last ? { stale: done.last } : {}) };
  else if (done?.last) state = { kind: 'ready', data: done.last, refreshing: true };
  else state = { kind: 'loading' };
  return [state, retry];
}
