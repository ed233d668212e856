import { useId, useState } from 'react';
import type { FeedbackTarget } from '../../lib/feedback';
import { t } from '../../lib/i18n';
import { NOTE_MAX, type RejectionReason } from '../../lib/model';
import type { FeedbackActions } from './actions';
import { ActionStatus } from './ActionStatus';
import { CharCount } from './CharCount';
import { useEventAction } from './useEventAction';

/** Accept the MQL in one click, or reject it with one of the workspace's reasons. */
export function VerdictControl({
  target,
  reasons,
  actions,
}: {
  target: FeedbackTarget;
  reasons: RejectionReason[];
  actions: FeedbackActions;
}) {
  const id = useId();
  const action = useEventAction(actions);
  const [rejecting, setRejecting] = useState(false);
  const [reasonId, setReasonId] = useState('');
  const [note, setNote] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const lastVerdict = action.state.kind === 'done' ? action.state.event : undefined;
  const reasonLabel = (rid?: string) => reasons.find((r) => r.id === rid)?.label ?? rid ?? '';

  const accept = () => {
    setRejecting(false);
    void action.submit({ kind: 'lead_verdict', verdict: 'accepted', ...target });
  };
  const reject = async () => {
    if (!reasonId) {
      setMissingReason(true);
      return;
    }
    const event = await action.submit({
      kind: 'lead_verdict',
      verdict: 'rejected',
      reasonId,
      ...(note.trim() ? { note } : {}),
      ...target,
    });
    if (event) {
      setRejecting(false);
      setNote('');
      setReasonId('');
    }
  };
  const saved =
    lastVerdict?.kind === 'lead_verdict' && lastVerdict.verdict === 'rejected'
      ? t('verdictRejected', reasonLabel(lastVerdict.reasonId))
      : t('verdictAccepted');

  return (
    <div className="verdict" role="group" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="subheading">
        {t('verdictHeading')}
      </h3>
      <div className="actions">
        <button type="button" data-testid="verdict-accept" disabled={action.busy} onClick={accept}>
          {t('verdictAccept')}
        </button>
        <button
          type="button"
          data-testid="verdict-reject"
          aria-expanded={rejecting}
          aria-controls={`${id}-form`}
          disabled={action.busy}
          onClick={() => setRejecting((r) => !r)}
        >
          {t('verdictReject')}
        </button>
      </div>
      {rejecting && (
        <form
          id={`${id}-form`}
          className="verdict-form"
          onSubmit={(e) => {
            e.preventDefault();
            void reject();
          }}
        >
          <label htmlFor={`${id}-reason`}>{t('verdictReason')}</label>
          <select
            id={`${id}-reason`}
            data-testid="verdict-reason"
            value={reasonId}
            aria-required="true"
            aria-invalid={missingReason && !reasonId}
            aria-describedby={missingReason && !reasonId ? `${id}-reason-err` : undefined}
            onChange={(e) => {
              setReasonId(e.target.value);
              setMissingReason(false);
            }}
          >
            <option value="">{t('verdictReasonPick')}</option>
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          {missingReason && !reasonId && (
            <p id={`${id}-reason-err`} className="error" role="alert">
              {t('verdictReasonRequired')}
            </p>
          )}
          <label htmlFor={`${id}-note`}>{t('verdictNote')}</label>
          <textarea
            id={`${id}-note`}
            data-testid="verdict-note"
            rows={2}
            value={note}
            aria-describedby={`${id}-count`}
            onChange={(e) => setNote(e.target.value)}
          />
          <CharCount id={`${id}-count`} value={note} max={NOTE_MAX} />
          <div className="actions">
            <button type="submit" data-testid="verdict-submit" disabled={action.busy}>
              {t('verdictSubmit')}
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              {t('verdictCancel')}
            </button>
          </div>
        </form>
      )}
      <ActionStatus state={action.state} saved={saved} onUndo={action.undo} clock={actions.clock} />
    </div>
  );
}
