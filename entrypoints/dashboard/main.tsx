import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from '../../components/pages/Dashboard';
import { useAsync } from '../../components/ui/useAsync';
import { send } from '../../lib/messaging/client';
import { t } from '../../lib/i18n';
import '../../components/pages/pages.css';

const load = () => send('getStoreStatus', {});

function App() {
  const [status, reload] = useAsync(load);
  return <Dashboard status={status} onRetry={reload} now={Date.now()} />;
}

document.title = t('dashboardTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
