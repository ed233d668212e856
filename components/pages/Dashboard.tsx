import type { StoreStatus } from '../../lib/messaging/protocol';
import { t } from '../../lib/i18n';
import type { AsyncState } from '../ui/useAsync';
import { StoreStatusView } from './StoreStatusView';

export function Dashboard(props: {
  status: AsyncState<StoreStatus>;
  onRetry: () => void;
  now: number;
}) {
  return (
    <main>
      <h1>{t('dashboardTitle')}</h1>
      <p data-testid="dashboard-empty">{t('dashboardEmpty')}</p>
      <section aria-labelledby="dash-data">
        <h2 id="dash-data">{t('dashboardDataHeading')}</h2>
        <StoreStatusView state={props.status} onRetry={props.onRetry} now={props.now} />
      </section>
    </main>
  );
}
