import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Options } from '../../components/pages/Options';
import { useAsync } from '../../components/ui/useAsync';
import { useNow } from '../../components/ui/useNow';
import { send } from '../../lib/messaging/client';
import { t } from '../../lib/i18n';
import '../../components/pages/pages.css';

const load = () => send('getStoreStatus', {});

function App() {
  const [status, reload, setStatus] = useAsync(load);
  const now = useNow();
  return (
    <Options
      status={status}
      onRetry={reload}
      now={now}
      version={browser.runtime.getManifest().version}
      confirm={(q) => window.confirm(q)}
      onResetDemo={async () => setStatus(await send('resetDemoWorkspace', {}))}
    />
  );
}

document.title = t('optionsTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
