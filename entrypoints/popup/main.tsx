import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { FeedbackActions } from '../../components/feedback/actions';
import { messagingFeedbackActions } from '../../components/feedback/messaging';
import { Popup } from '../../components/pages/Popup';
import { useAsync } from '../../components/ui/useAsync';
import { send } from '../../lib/messaging/client';
import { t } from '../../lib/i18n';
import type { LeadContext } from '../../lib/model';
import '../../components/pages/pages.css';
import '../../components/feedback/feedback.css';
import '../../components/pages/popup.css';

/**
 * The tab the popup acts on: the active tab of its window. Opened as a page of its own (tests,
 * a pinned tab), `?tabId=` names the tab.
 */
async function currentTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const self = await browser.tabs.getCurrent?.();
  return tab && tab.id !== self?.id ? tab.id : undefined;
}

async function loadRecord(): Promise<LeadContext | null> {
  const tabId = await currentTabId();
  if (tabId === undefined) return null;
  const { detected } = await send('getTabRecord', { tabId });
  return detected ? send('getLeadContext', detected) : null;
}

function App() {
  const [record, reloadRecord] = useAsync(loadRecord);
  const [rep, reloadRep, setRep] = useAsync(() => send('getRep', {}));
  const [outbox, reloadOutbox] = useAsync(() => send('getOutboxStatus', {}));
  const [options, reloadOptions] = useAsync(() =>
    loadRecord().then((ctx) =>
      send('getFeedbackOptions', ctx?.status === 'matched' ? { leadKey: ctx.lead.key } : {}),
    ),
  );
  const actions: FeedbackActions = useMemo(
    () => ({
      ...messagingFeedbackActions,
      ...(rep.kind === 'ready' && rep.value.rep ? { rep: rep.value.rep } : {}),
      record: async (draft) => {
        try {
          return await messagingFeedbackActions.record(draft);
        } finally {
          reloadOutbox();
        }
      },
      undo: async (id) => {
        try {
          return await messagingFeedbackActions.undo(id);
        } finally {
          reloadOutbox();
        }
      },
    }),
    [rep, reloadOutbox],
  );
  return (
    <Popup
      record={record}
      options={options}
      rep={rep}
      outbox={outbox}
      actions={actions}
      onSaveRep={async (r) => setRep(await send('setRep', r))}
      onRetry={() => {
        reloadRecord();
        reloadOptions();
        reloadRep();
        reloadOutbox();
      }}
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
