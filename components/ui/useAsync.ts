import { useCallback, useEffect, useState } from 'react';

export type AsyncState<T> =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; value: T };

/** Runs `load` on mount (and on `reload()`), tracking loading, error and ready states. */
export function useAsync<T>(load: () => Promise<T>): [AsyncState<T>, () => void, (v: T) => void] {
  const [state, setState] = useState<AsyncState<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ kind: 'ready', value }),
      (e: unknown) =>
        live && setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // `load` is expected to be stable for the component's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const set = useCallback((value: T) => setState({ kind: 'ready', value }), []);
  return [state, reload, set];
}
