import type { StoreStatus } from '../../lib/messaging/protocol';
import { t } from '../../lib/i18n';
import type { AsyncState } from '../ui/useAsync';
import { StoreStatusView } from './StoreStatusView';

export function Popup(props: {
  status: AsyncState<StoreStatus>;
  onRetry: () => void;
  onOpenDashboard: () => void;
  onOpenOptions: () => void;
  now: number;
}) {
  return (
    <main className="popup">
      <h1>{t('popupTitle')}</h1>
      <p>{t('popupHint')}</p>
      <StoreStatusView state={props.status} onRetry={props.onRetry} now={props.now} />
      <div className="actions">
        <button type="button" onClick={props.onOpenDashboard}>
          {t('openDashboard')}
        </button>
        <button type="button" onClick={props.onOpenOptions}>
          {t('openSettings')}
        </button>
      </div>
    </main>
  );
}
