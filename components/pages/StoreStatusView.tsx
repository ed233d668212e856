import type { StoreStatus } from '../../lib/messaging/protocol';
import { t } from '../../lib/i18n';
import type { AsyncState } from '../ui/useAsync';
import { relativeTime } from '../ui/format';

/** What the local store holds, with loading, error and empty states. */
export function StoreStatusView({
  state,
  onRetry,
  now,
}: {
  state: AsyncState<StoreStatus>;
  onRetry: () => void;
  now: number;
}) {
  if (state.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.kind === 'error') {
    return (
      <div role="alert">
        <p>{t('errorGeneric', state.message)}</p>
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  const s = state.value;
  if (!s.seeded || s.leads === 0) return <p data-testid="store-empty">{t('statusEmpty')}</p>;
  return (
    <div data-testid="store-status">
      {s.workspaceName && <p>{t('statusWorkspace', s.workspaceName)}</p>}
      <p>{t('statusCounts', s.leads.toLocaleString(), s.touches.toLocaleString())}</p>
      {s.dataUpdatedAt !== undefined && (
        <p className="muted">{t('headerDataUpdated', relativeTime(s.dataUpdatedAt, now))}</p>
      )}
    </div>
  );
}
