import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/pages/Popup';
import { useAsync } from '../../components/ui/useAsync';
import { useNow } from '../../components/ui/useNow';
import { send } from '../../lib/messaging/client';
import { t } from '../../lib/i18n';
import '../../components/pages/pages.css';

const load = () => send('getStoreStatus', {});

function App() {
  const [status, reload] = useAsync(load);
  const now = useNow();
  return (
    <Popup
      status={status}
      onRetry={reload}
      now={now}
      onOpenDashboard={() =>
        void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') })
      }
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

document.title = t('popupTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
