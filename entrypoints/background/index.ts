import { browser } from 'wxt/browser';
import { createBackground } from '../../lib/background/handlers';
import { SYNC_ALARM } from '../../lib/background/hub';
import { RANKING_ALARM } from '../../lib/background/ranking';
import { listen } from '../../lib/messaging/server';
import { createRecordTabs } from '../../lib/background/record-tabs';
import { readSettings } from '../../lib/background/settings';

export default defineBackground(() => {
  const background = createBackground();
  // Listeners are registered synchronously so a message that wakes the worker is not lost.
  listen(background.handlers);

  // Content scripts registered for CRMs the user added can be lost on an update (and are not
  // kept across sessions in every browser): make them match the settings whenever that may
  // have happened, and when a host permission is granted again from the browser's own UI.
  const syncCustomCrms = () =>
    background
      .syncCustomCrms()
      .catch((e: unknown) => console.error('[tandem] syncing CRMs you added failed', e));
  // The team hub: the outbox is delivered and definitions refreshed on a periodic alarm.
  const ensureHubAlarm = () =>
    background.hub.ensureAlarm().catch((e: unknown) => console.error('[tandem] hub alarm', e));
  // Lead scores are ranked again once a day (they decay), and at startup when that was missed.
  const rankIfStale = () => void background.ranking.refreshIfStale().catch(() => undefined);
  const ensureRankingAlarm = async () => {
    try {
      if (!(await browser.alarms.get(RANKING_ALARM)))
        await browser.alarms.create(RANKING_ALARM, { periodInMinutes: 24 * 60 });
    } catch (e) {
      console.error('[tandem] ranking alarm', e);
    }
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void background.hub.sync();
    if (alarm.name === RANKING_ALARM) rankIfStale();
  });
  browser.tabs.onRemoved.addListener((tabId) => void background.forgetTab(tabId));

  // Built-in CRMs: the detector goes into a tab once its URL is a record (no content script
  // on every CRM page; see lib/background/record-tabs.ts).
  // Every in-app navigation on a CRM tab asks for the stored settings: read once, and again
  // after they change (cleared below, before the open tabs are checked again).
  let rawSettingsMemo: Promise<unknown> | null = null;
  const recordTabs = createRecordTabs({
    rawSettings: () =>
      (rawSettingsMemo ??= readSettings().then(
        (s) => s.raw,
        (e: unknown) => {
          rawSettingsMemo = null;
          throw e;
        },
      )),
    log: (msg, err) => console.debug(`[tandem] ${msg}`, err ?? ''),
  });
  browser.tabs.onUpdated.addListener(recordTabs.onUpdated);
  const checkOpenTabs = () =>
    recordTabs.checkOpenTabs().catch((e: unknown) => console.debug('[tandem] open tabs', e));
  // A CRM switched back on: its records already open get their sidebar without a reload.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.settings) return;
    rawSettingsMemo = null;
    void checkOpenTabs();
  });

  browser.runtime.onStartup.addListener(() => {
    void checkOpenTabs(); // restored tabs
    void syncCustomCrms();
    void ensureHubAlarm();
    void ensureRankingAlarm();
    rankIfStale();
  });
  browser.permissions.onAdded.addListener(() => void syncCustomCrms());

  // The keyboard shortcut toggles the sidebar on the active tab (its content script owns it).
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-sidebar' || tab?.id === undefined) return;
    browser.tabs.sendMessage(tab.id, { tandemCommand: command }).catch(() => {
      // Not a CRM page: nothing to toggle.
    });
  });

  browser.runtime.onInstalled.addListener(({ reason }) => {
    void checkOpenTabs(); // records already open when Tandem is installed or updated
    void syncCustomCrms();
    void ensureHubAlarm();
    void ensureRankingAlarm();
    if (reason === 'install') {
      background
        .ensureSeeded()
        .catch((e: unknown) => console.error('[tandem] seeding the demo workspace failed', e));
    } else {
      // An update may compute scores differently.
      void background.ranking.refresh();
    }
  });
});
