import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { CrmSection } from '../../components/options/CrmSection';
import { builtInCrms } from '../../components/options/types';
import { Options } from '../../components/pages/Options';
import { useAsync } from '../../components/ui/useAsync';
import { useNow } from '../../components/ui/useNow';
import { ADAPTERS } from '../../lib/crm/adapters';
import { send } from '../../lib/messaging/client';
import { t } from '../../lib/i18n';
import '../../components/pages/pages.css';
import '../../components/options/options.css';

const load = () => send('getStoreStatus', {});
const loadCrms = () => send('getCrmSettings', {});
const BUILT_INS = builtInCrms(ADAPTERS);

function App() {
  const [status, reload, setStatus] = useAsync(load);
  const [crms, reloadCrms, setCrms] = useAsync(loadCrms);
  const now = useNow();
  const refreshCrms = useCallback(() => {
    loadCrms().then(setCrms, () => reloadCrms());
  }, [setCrms, reloadCrms]);
  return (
    <Options
      status={status}
      onRetry={reload}
      now={now}
      version={browser.runtime.getManifest().version}
      confirm={(q) => window.confirm(q)}
      onResetDemo={async () => setStatus(await send('resetDemoWorkspace', {}))}
      crms={
        <CrmSection
          state={crms}
          builtIns={BUILT_INS}
          onRetry={reloadCrms}
          onReload={refreshCrms}
          onToggle={async (adapterId, enabled) =>
            setCrms(await send('setAdapterEnabled', { adapterId, enabled }))
          }
          onAdd={async (crm) => setCrms(await send('addCustomCrm', crm))}
          onRemove={async (id) => setCrms(await send('removeCustomCrm', { id }))}
          onTest={(crm) => send('testCustomCrmOnTab', crm)}
          // Must run inside the click handler's gesture: no await before this call.
          requestAccess={(origin) => browser.permissions.request({ origins: [origin] })}
          newId={() => crypto.randomUUID()}
          clock={Date.now}
        />
      }
    />
  );
}

document.title = t('optionsTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
