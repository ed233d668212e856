import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { CrmSection } from '../../components/options/CrmSection';
import { DataSource, ExportSection, PrivacyDetails } from '../../components/options/DataSections';
import { ImportSection } from '../../components/options/ImportSection';
import { HubSection } from '../../components/options/HubSection';
import { RepSection } from '../../components/options/RepSection';
import { builtInCrms } from '../../components/options/types';
import { Options } from '../../components/pages/Options';
import { useAsync } from '../../components/ui/useAsync';
import { useNow } from '../../components/ui/useNow';
import { ADAPTERS } from '../../lib/crm/adapters';
import { send } from '../../lib/messaging/client';
import { t } from '../../lib/i18n';
import { SavedMapping } from '../../lib/import/types';
import { createDataWorker } from './data-client';
import '../../components/pages/pages.css';
import '../../components/options/options.css';
import '../../components/feedback/feedback.css';

const load = () => send('getStoreStatus', {});
const loadCrms = () => send('getCrmSettings', {});
const loadRep = () => send('getRep', {});
const loadHub = () => send('getHubStatus', {});
const BUILT_INS = builtInCrms(ADAPTERS);
const loadSummary = () => send('getDataSummary', {});
// Imports and exports run in a worker of this page (see data-worker.ts).
const dataWorker = createDataWorker();
/** Column mappings the user saved, kept with the extension's local storage. */
const mappings = {
  async list(): Promise<SavedMapping[]> {
    const got = (await browser.storage.local.get('importMappings')) as { importMappings?: unknown };
    const parsed = SavedMapping.array().safeParse(got.importMappings ?? []);
    return parsed.success ? parsed.data : [];
  },
  async save(mapping: SavedMapping): Promise<void> {
    const others = (await mappings.list()).filter((m) => m.signature !== mapping.signature);
    await browser.storage.local.set({ importMappings: [...others, mapping].slice(-50) });
  },
};

function App() {
  const [status, reload, setStatus] = useAsync(load);
  const [crms, reloadCrms, setCrms] = useAsync(loadCrms);
  const [rep, reloadRep, setRep] = useAsync(loadRep);
  const [hub, reloadHub, setHub] = useAsync(loadHub);
  const [summary, reloadSummary, setSummary] = useAsync(loadSummary);
  const now = useNow();
  const refreshData = () => {
    load().then(setStatus, () => reload());
    loadSummary().then(setSummary, () => reloadSummary());
  };
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
      onResetDemo={async () => {
        setStatus(await send('resetDemoWorkspace', {}));
        refreshData();
      }}
      dataSource={
        <DataSource
          state={summary}
          hub={hub.kind === 'ready' && hub.value.connected}
          onRetry={reloadSummary}
          onRank={async () => {
            await send('rankScores', {});
            setSummary(await loadSummary());
          }}
        />
      }
      imports={
        <ImportSection
          worker={dataWorker}
          mappings={mappings}
          onImported={() => {
            refreshData();
            // Imported leads and touches change where every lead's score stands: ranked again
            // in the background (the sidebar shows the new standing once it is done).
            send('rankScores', {}).then(
              () => loadSummary().then(setSummary),
              (e: unknown) =>
                console.warn('[tandem] ranking lead scores after the import failed', e),
            );
          }}
        />
      }
      exports={<ExportSection worker={dataWorker} now={now} />}
      privacy={
        <PrivacyDetails
          state={summary}
          onRetry={reloadSummary}
          estimate={() => navigator.storage.estimate()}
          confirm={(q) => window.confirm(q)}
          onPurge={async (days) => {
            const { removed } = await send('purgeTouches', { olderThanDays: days });
            refreshData();
            return removed;
          }}
          onDeleteAll={async () => {
            setSummary(await send('deleteAllData', { confirm: true }));
            refreshData();
          }}
        />
      }
      hub={
        <HubSection
          state={hub}
          now={now}
          onRetry={reloadHub}
          onConnect={async (config) => {
            const origin = `${new URL(config.url).origin}/*`;
            // Inside the click's gesture: no await before this request.
            if (!(await browser.permissions.request({ origins: [origin] })))
              throw new Error(t('hubPermissionDenied', new URL(config.url).origin));
            setHub(await send('connectHub', config));
            // The hub's definitions and its ranking came with the first sync.
            refreshData();
          }}
          onDisconnect={async () => setHub(await send('disconnectHub', {}))}
          onSync={async () => {
            setHub(await send('syncHub', {}));
            refreshData();
          }}
        />
      }
      rep={
        <RepSection
          state={rep}
          onRetry={reloadRep}
          onSave={async (r) => setRep(await send('setRep', r))}
        />
      }
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
