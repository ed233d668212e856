import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from '../../components/pages/Dashboard';
import { useAsync } from '../../components/ui/useAsync';
import { useNow } from '../../components/ui/useNow';
import { send } from '../../lib/messaging/client';
import { t } from '../../lib/i18n';
import '../../components/pages/pages.css';

const load = () => send('getStoreStatus', {});

function App() {
  const [status, reload] = useAsync(load);
  const now = useNow();
  return <Dashboard status={status} onRetry={reload} now={now} />;
}

document.title = t('dashboardTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
