import { useCallback, useEffect, useRef, useState } from 'react';
import { draftProblem, type DraftBody } from '../../lib/feedback';
import { t } from '../../lib/i18n';
import type { TandemEvent } from '../../lib/model';
import type { FeedbackActions } from './actions';

export type ActionState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | {
      kind: 'done';
      event: TandemEvent;
      duplicate: boolean;
      undoUntil: number;
      undo: 'available' | 'undoing' | 'undone' | 'too_late' | 'failed';
      undoError?: string;
    };

/** Repeating the very same action within this time stores nothing new. */
const REPEAT_WINDOW_MS = 10_000;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One feedback action (a rating, a verdict, an insight, a usage mark): sends the event once,
 * confirms in place and offers undo until the window closes.
 *
 * - A second click while the first is saving does nothing; the same action repeated within
 *   10 s of saving (a double click that outran the reply) is sent with the same id and stored
 *   once.
 * - The event id is made when the rep first submits and kept for a retry of the same draft, so
 *   a retry after a lost reply is stored once (the background answers `duplicate`).
 * - The draft is checked with the same schema the background uses before anything is sent.
 */
export function useEventAction(actions: FeedbackActions) {
  const [state, setState] = useState<ActionState>({ kind: 'idle' });
  const busy = useRef(false);
  const pending = useRef<{ body: string; id: string; at: number; savedAt?: number } | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const set = (s: ActionState) => live.current && setState(s);

  const submit = useCallback(
    async (body: DraftBody): Promise<TandemEvent | undefined> => {
      if (busy.current) return undefined;
      const key = JSON.stringify(body);
      const last = pending.current;
      const repeat =
        last?.body === key &&
        (last.savedAt === undefined || actions.clock() - last.savedAt < REPEAT_WINDOW_MS);
      if (!repeat) pending.current = { body: key, id: actions.newId(), at: actions.clock() };
      const current = pending.current!;
      const draft = { ...body, id: current.id, at: current.at };
      const problem = draftProblem(draft);
      if (problem) {
        pending.current = null;
        set({ kind: 'error', message: t('feedbackInvalid', problem.field, problem.message) });
        return undefined;
      }
      busy.current = true;
      set({ kind: 'saving' });
      try {
        const result = await actions.record(draft);
        // The same action again right away (a double click that outran the reply) is the
        // same event: keep its id for a while.
        current.savedAt = actions.clock();
        set({
          kind: 'done',
          event: result.event,
          duplicate: result.status === 'duplicate',
          undoUntil: result.undoUntil,
          undo: 'available',
        });
        return result.event;
      } catch (e) {
        set({ kind: 'error', message: messageOf(e) });
        return undefined;
      } finally {
        busy.current = false;
      }
    },
    [actions],
  );

  const undo = useCallback(async () => {
    if (state.kind !== 'done' || state.undo !== 'available' || busy.current) return;
    busy.current = true;
    const done = state;
    set({ ...done, undo: 'undoing' });
    try {
      const { undone } = await actions.undo(done.event.id);
      if (undone && pending.current?.id === done.event.id) pending.current = null;
      set({ ...done, undo: undone ? 'undone' : 'too_late' });
    } catch (e) {
      set({ ...done, undo: 'failed', undoError: messageOf(e) });
    } finally {
      busy.current = false;
    }
  }, [actions, state]);

  const reset = useCallback(() => set({ kind: 'idle' }), []);

  return { state, submit, undo, reset, busy: state.kind === 'saving' };
}
