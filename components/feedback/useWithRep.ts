import { useEffect, useMemo, useState } from 'react';
import type { Rep } from '../../lib/model';
import type { FeedbackActions } from './actions';

/** The actions with the rep filled in once it is read (tracked links carry the rep). */
export function useWithRep(actions: FeedbackActions | undefined): FeedbackActions | undefined {
  const [loaded, setLoaded] = useState<{ from: FeedbackActions; rep: Rep } | null>(null);
  useEffect(() => {
    if (!actions?.loadRep || actions.rep) return;
    let live = true;
    actions.loadRep().then(
      (rep) => live && rep && setLoaded({ from: actions, rep }),
      () => {}, // links simply go out without the rep reference
    );
    return () => {
      live = false;
    };
  }, [actions]);
  return useMemo(
    () => (actions && loaded?.from === actions ? { ...actions, rep: loaded.rep } : actions),
    [actions, loaded],
  );
}
