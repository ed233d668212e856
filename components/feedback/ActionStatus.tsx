import { useEffect, useState } from 'react';
import { t } from '../../lib/i18n';
import type { ActionState } from './useEventAction';

/**
 * Confirms an action in place ("Saved"), counts down its undo window and reports errors.
 * `saved` is the confirmation text of this kind of action.
 */
export function ActionStatus({
  state,
  saved,
  onUndo,
  clock,
}: {
  state: ActionState;
  saved: string;
  onUndo: () => void;
  clock: () => number;
}) {
  const [now, setNow] = useState(clock);
  const counting = state.kind === 'done' && state.undo === 'available';
  useEffect(() => {
    if (!counting) return;
    const tick = () => setNow(clock());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [counting, clock]);

  if (state.kind === 'idle') return <p className="action-status" role="status" />;
  if (state.kind === 'saving')
    return (
      <p className="action-status" role="status" data-testid="action-saving">
        {t('feedbackSaving')}
      </p>
    );
  if (state.kind === 'error')
    return (
      <p className="action-status error" role="alert" data-testid="action-error">
        {state.message}
      </p>
    );
  const secondsLeft = Math.ceil((state.undoUntil - now) / 1000);
  return (
    <p className="action-status ok" role="status" data-testid="action-done">
      <span>{state.duplicate ? t('feedbackDuplicate') : saved}</span>{' '}
      {state.undo === 'available' && secondsLeft > 0 && (
        <button type="button" className="link-button" data-testid="undo" onClick={onUndo}>
          {t('feedbackUndo', secondsLeft)}
        </button>
      )}
      {state.undo === 'undoing' && <span>{t('feedbackUndoing')}</span>}
      {state.undo === 'undone' && <span data-testid="undone">{t('feedbackUndone')}</span>}
      {state.undo === 'too_late' && <span>{t('feedbackUndoTooLate')}</span>}
      {state.undo === 'failed' && <span role="alert">{state.undoError}</span>}
    </p>
  );
}
