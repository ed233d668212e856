import type { RepIdentity } from '../../lib/messaging/protocol';
import type { Rep } from '../../lib/model';
import { t } from '../../lib/i18n';
import { RepForm } from '../feedback/RepForm';
import type { AsyncState } from '../ui/useAsync';

/** Options page: who the rep is (attached to every feedback event). */
export function RepSection({
  state,
  onRetry,
  onSave,
}: {
  state: AsyncState<RepIdentity>;
  onRetry: () => void;
  onSave: (rep: Rep) => Promise<void>;
}) {
  return (
    <section aria-labelledby="rep-heading" data-testid="rep-section">
      <h2 id="rep-heading">{t('repHeading')}</h2>
      {state.kind === 'loading' && <p role="status">{t('repLoading')}</p>}
      {state.kind === 'error' && (
        <div role="alert">
          <p>{t('repError', state.message)}</p>
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && <RepForm identity={state.value} onSave={onSave} />}
    </section>
  );
}
