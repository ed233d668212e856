/**
 * The background's message handlers, built by a factory so tests get a fresh instance over a
 * fresh IndexedDB. No state lives here beyond the open-DB promise (a cache: the service worker
 * may be killed at any time and everything is re-derived from the store).
 */
import type { IDBPDatabase } from 'idb';
import { browser, type Browser } from 'wxt/browser';
import { buildLeadContext } from '../context/lead-context';
import { ADAPTERS } from '../crm/adapters';
import {
  collectProbes,
  CRM_CONTENT_SCRIPT,
  CRM_DETECTOR_SCRIPT,
  CUSTOM_SCRIPT_PREFIX,
  finishTest,
  originPattern,
  probeSpec,
  adapterFor,
  scriptId,
} from '../crm/custom';
import { crossCheckCustomCrm } from '../crm/custom-validate';
import { loadDashboard } from '../dashboard/load';
import { generateDemoWorkspace } from '../demo';
import { t } from '../i18n';
import type { CrmSettings, CustomCrmTest } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import type { CustomCrm } from '../model/settings';
import { UNDO_WINDOW_MS } from '../outbox/outbox';
import { feedbackHandlers, forgetTab as forgetTabRecord, rememberTabRecord } from './feedback';
import { createHub } from './hub';
import { createRanking } from './ranking';
import { readSettings, writeSettings } from './settings';
import {
  countAll,
  countStores,
  deleteEverything,
  listImports,
  purgeTouchesBefore,
  scoreRankingStatus,
  getLead,
  getWorkspaceMeta,
  isSeeded,
  linkRecord,
  openTandemDb,
  replaceWorkspace,
  searchLeads,
  type TandemDB,
} from '../store';
import { leadName } from '../model';

export interface Background {
  handlers: Handlers;
  /** Loads the demo workspace into an empty store (first install, first use). */
  ensureSeeded(now?: number): Promise<void>;
  /**
   * Makes the dynamic content-script registrations match the CRMs in settings (on startup, on
   * install and update, when a host permission is granted): registrations can be lost on an
   * update, and a CRM whose permission was revoked and granted again needs its script back.
   */
  syncCustomCrms(): Promise<void>;
  db(): Promise<IDBPDatabase<TandemDB>>;
  /** The team hub: periodic sync (alarm) and its alarm's upkeep. */
  hub: { sync(force?: boolean): Promise<unknown>; ensureAlarm(): Promise<void> };
  /** The ranking of every lead's score (the sidebar's standing): now, or when it is stale. */
  ranking: { refresh(): Promise<void>; refreshIfStale(): Promise<void> };
  /**
   * A tab was closed: its remembered record is removed, and a write of it still waiting (after
   * a getLeadContext answer) is dropped instead of landing after the removal.
   */
  forgetTab(tabId: number): Promise<void>;
}

type Registration = Browser.scripting.RegisteredContentScript;

/** The one registration of a CRM the user added: the built content script on its origin only. */
export function registrationFor(crm: CustomCrm): Registration {
  return {
    id: scriptId(crm),
    matches: [originPattern(crm)],
    js: [CRM_CONTENT_SCRIPT],
    runAt: 'document_idle',
    // Self-hosted Dynamics (legacy web client) shows records inside frames; the watcher only
    // mounts where the frame's own URL is a record.
    allFrames: true,
    persistAcrossSessions: true,
  };
}

function sameRegistration(a: Registration, b: Registration): boolean {
  const list = (x?: readonly string[]) => JSON.stringify(x ?? []);
  return (
    list(a.matches) === list(b.matches) &&
    list(a.js) === list(b.js) &&
    (a.runAt ?? 'document_idle') === b.runAt &&
    !!a.allFrames === !!b.allFrames
  );
}

export function createBackground(
  open: () => Promise<IDBPDatabase<TandemDB>> = () => openTandemDb(),
  clock: () => number = Date.now,
): Background {
  let dbPromise: Promise<IDBPDatabase<TandemDB>> | null = null;
  let seeding: Promise<void> | null = null;

  const db = () => {
    dbPromise ??= open().catch((e: unknown) => {
      dbPromise = null; // let the next call try again
      throw e;
    });
    return dbPromise;
  };

  // Settings and registrations change one at a time (onStartup and onInstalled may both fire,
  // the user may click twice): a promise chain in this worker's life is enough for that.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  const hasAccess = async (origin: string) => {
    try {
      return await browser.permissions.contains({ origins: [origin] });
    } catch {
      return false;
    }
  };

  const ourRegistrations = async (): Promise<Registration[]> =>
    (await browser.scripting.getRegisteredContentScripts()).filter((r) =>
      r.id.startsWith(CUSTOM_SCRIPT_PREFIX),
    );

  const unregister = async (ids: string[]) => {
    if (!ids.length) return;
    // Chrome rejects the whole call when one id is not registered: only pass known ids.
    const known = new Set((await ourRegistrations()).map((r) => r.id));
    const present = ids.filter((id) => known.has(id));
    if (present.length) await browser.scripting.unregisterContentScripts({ ids: present });
  };

  const crmSettings = async (): Promise<CrmSettings> => {
    const { settings } = await readSettings();
    const customCrms = await Promise.all(
      settings.customCrms.map(async (crm) => {
        const origin = originPattern(crm);
        return { crm, origin, access: await hasAccess(origin) };
      }),
    );
    return { disabledAdapters: settings.disabledAdapters, customCrms };
  };

  const syncCustomCrms = () =>
    exclusive(async () => {
      const { settings } = await readSettings();
      const wanted = new Map(settings.customCrms.map((c) => [scriptId(c), registrationFor(c)]));
      const current = await ourRegistrations();
      const stale = current.filter((r) => {
        const want = wanted.get(r.id);
        return !want || !sameRegistration(r, want);
      });
      await unregister(stale.map((r) => r.id));
      const kept = new Set(current.filter((r) => !stale.includes(r)).map((r) => r.id));
      for (const crm of settings.customCrms) {
        const reg = wanted.get(scriptId(crm))!;
        // Without the permission the script could not run; it is registered again when the
        // permission comes back (permissions.onAdded calls this).
        if (kept.has(reg.id) || !(await hasAccess(originPattern(crm)))) continue;
        try {
          await browser.scripting.registerContentScripts([reg]);
        } catch (e) {
          console.error(`[tandem] registering ${reg.id} failed`, e);
        }
      }
    });

  // Once seen, `seeded` stays true for the database's life (replacing the workspace, imports and
  // deleting everything all keep it), so every later call skips the read: on getLeadContext that
  // read was a transaction of its own before the real one, on every record view.
  let seededDb: IDBPDatabase<TandemDB> | null = null;
  const ensureSeeded = async (now = clock()) => {
    const d = await db();
    if (seededDb === d) return;
    if (!(await isSeeded(d))) {
      // The demo's leads are ranked before its first record is shown (a few hundred leads).
      seeding ??= replaceWorkspace(d, generateDemoWorkspace({ now }))
        .then(() => ranking.refresh())
        .finally(() => {
          seeding = null;
        });
    }
    // The store reads as seeded once the workspace is written, before its leads are ranked:
    // a record asked for meanwhile waits for the ranking too.
    if (seeding) await seeding;
    seededDb = d;
  };

  const hub = createHub({ db, clock, exclusive });
  const ranking = createRanking({
    db,
    clock,
    ranksLocally: async () => !(await hub.configured()),
    fromHub: async () => {
      await hub.sync(true);
    },
  });

  /**
   * The latest record each tab told, numbered: a write of the tab's record that waits (after
   * getLeadContext's answer) is dropped once a later one was told. Writes that go out are
   * issued in the order they were told, and storage applies them in that order.
   */
  const tabRecordTurns = new Map<number, number>();
  let lastTurn = 0;
  const tabRecordTurn = (tabId: number | undefined) => {
    if (tabId !== undefined) tabRecordTurns.set(tabId, ++lastTurn);
    return lastTurn;
  };

  const handlers: Handlers = {
    async getLeadContext(detected, sender) {
      await ensureSeeded();
      // With a team hub, its data for this record is fetched into the local store first (the
      // store answers alone when the hub is slow, unreachable or does not know the record).
      if (await hub.configured()) await hub.fetchLead(detected);
      const context = buildLeadContext(await db(), detected, { now: clock() });
      // Remembering the record (for the popup) is not on the sidebar's path: it is written in
      // a task after the answer has been posted, so its storage write never delays the answer;
      // unless the tab has told a newer record meanwhile (rememberRecord, with the fields).
      if (sender.tab && (sender.frameId ?? 0) === 0) {
        const tabId = sender.tab.id;
        const turn = tabRecordTurn(tabId);
        const remember = () =>
          setTimeout(() => {
            if (tabId !== undefined && tabRecordTurns.get(tabId) === turn)
              void rememberTabRecord(tabId, detected);
          }, 0);
        context.then(remember, remember);
      }
      return context;
    },

    async rememberRecord(detected, sender) {
      if (!sender.tab || (sender.frameId ?? 0) !== 0) return { remembered: false };
      tabRecordTurn(sender.tab.id);
      await rememberTabRecord(sender.tab.id, detected);
      return { remembered: true };
    },

    ...feedbackHandlers({
      db,
      clock,
      ensureSeeded: () => ensureSeeded(),
      exclusive,
      hubConfigured: hub.configured,
      onQueued: (event) => {
        // Deliver right after the undo window; the periodic alarm catches up if the worker
        // is stopped before.
        const wait = Math.max(0, event.at + UNDO_WINDOW_MS + 500 - clock());
        setTimeout(() => void hub.sync(true), wait);
      },
    }),
    ...hub.handlers,

    async getDashboard(query) {
      // With a team hub, marketers see the whole team's numbers; reps and offline use the
      // events on this device.
      try {
        const fromHub = await hub.aggregates(query);
        if (fromHub) return fromHub;
      } catch (e) {
        console.warn('[tandem] hub aggregates failed; showing this device’s events', e);
      }
      await ensureSeeded();
      return loadDashboard(await db(), query, clock());
    },

    async injectCrmDetector(_data, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('injectCrmDetector must come from a tab');
      // The frame shows a record: its sidebar UI comes in the same call (one round trip less).
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender.frameId ?? 0] },
        files: [CRM_DETECTOR_SCRIPT],
      });
      return { injected: true };
    },

    async injectSidebarUi(_data, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('injectSidebarUi must come from a tab');
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender.frameId ?? 0] },
        files: ['/sidebar.js'],
      });
      return { injected: true };
    },

    async resetDemoWorkspace(_data, sender) {
      await replaceWorkspace(await db(), generateDemoWorkspace({ now: clock() }));
      await ranking.refresh();
      return handlers.getStoreStatus({}, sender);
    },

    getCrmSettings: () => crmSettings(),

    setAdapterEnabled: ({ adapterId, enabled }) =>
      exclusive(async () => {
        if (!ADAPTERS.some((a) => a.id === adapterId)) {
          throw new Error(t('crmErrNotBuiltIn', adapterId));
        }
        const { settings } = await readSettings();
        const others = settings.disabledAdapters.filter((id) => id !== adapterId);
        await writeSettings({ disabledAdapters: enabled ? others : [...others, adapterId] });
        return crmSettings();
      }),

    addCustomCrm: (crm) =>
      exclusive(async () => {
        const { settings } = await readSettings();
        const problems = crossCheckCustomCrm(crm, settings.customCrms);
        if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
        // The background cannot ask (a permission request needs a user gesture): the options
        // page asked in the click handler, here it must have been granted.
        const origin = originPattern(crm);
        if (!(await hasAccess(origin))) throw new Error(t('crmErrNoAccess', origin));
        const reg = registrationFor(crm);
        await unregister([reg.id]); // adding again with the same id replaces it
        await browser.scripting.registerContentScripts([reg]);
        try {
          const others = settings.customCrms.filter((c) => c.id !== crm.id);
          await writeSettings({ customCrms: [...others, crm] });
        } catch (e) {
          await unregister([reg.id]).catch(() => {});
          throw e;
        }
        return crmSettings();
      }),

    removeCustomCrm: ({ id }) =>
      exclusive(async () => {
        const { settings } = await readSettings();
        const crm = settings.customCrms.find((c) => c.id === id);
        await unregister([scriptId({ id })]);
        if (!crm) return crmSettings();
        await writeSettings({ customCrms: settings.customCrms.filter((c) => c.id !== id) });
        try {
          await browser.permissions.remove({ origins: [originPattern(crm)] });
        } catch (e) {
          // The CRM is gone either way; the browser may refuse for a permission it still needs.
          console.warn('[tandem] giving back the host permission failed', e);
        }
        return crmSettings();
      }),

    async testCustomCrmOnTab(crm): Promise<CustomCrmTest> {
      const origin = originPattern(crm);
      if (!(await hasAccess(origin))) return { status: 'no_access', origin };
      const tab = await crmTab(crm);
      if (tab?.id === undefined) return { status: 'no_tab', origin };
      const url = tab.url ?? '';
      try {
        const [injection] = await browser.scripting.executeScript({
          target: { tabId: tab.id },
          func: collectProbes,
          args: [probeSpec(adapterFor(crm))],
        });
        const page = injection?.result;
        if (!page) return { status: 'failed', url, message: t('crmTestNoResult') };
        return { status: 'tested', ...finishTest(crm, { ...page, url: page.url || url }) };
      } catch (e) {
        return { status: 'failed', url, message: e instanceof Error ? e.message : String(e) };
      }
    },

    async searchLeads({ query }) {
      await ensureSeeded();
      const leads = await searchLeads(await db(), query, 10);
      return leads.map((l) => ({
        key: l.key,
        name: leadName(l),
        email: l.email,
        company: l.company,
        title: l.title,
      }));
    },

    async linkRecord({ leadKey, ref }) {
      const d = await db();
      if (!(await getLead(d, leadKey))) throw new Error(`no lead ${leadKey} in the marketing data`);
      await linkRecord(d, leadKey, ref);
      return { linked: true };
    },

    async getDataSummary() {
      const d = await db();
      const [workspace, counts, imports, ranking] = await Promise.all([
        getWorkspaceMeta(d),
        countStores(d),
        listImports(d, 20),
        scoreRankingStatus(d),
      ]);
      return {
        ...(workspace ? { workspace } : {}),
        counts,
        imports,
        ...(ranking ? { ranking } : {}),
      };
    },

    async purgeTouches({ olderThanDays }) {
      const removed = await purgeTouchesBefore(await db(), clock() - olderThanDays * 86_400_000);
      if (removed > 0) void ranking.refresh();
      return { removed };
    },

    async rankScores() {
      await ranking.refresh();
      const status = await scoreRankingStatus(await db());
      return status ? { rankedAt: status.rankedAt, leads: status.leads } : { leads: 0 };
    },

    async deleteAllData(_data, sender) {
      await deleteEverything(await db());
      return handlers.getDataSummary({}, sender);
    },

    async getStoreStatus() {
      const d = await db();
      const [meta, seeded, counts] = await Promise.all([
        getWorkspaceMeta(d),
        isSeeded(d),
        countAll(d),
      ]);
      return {
        seeded,
        workspaceName: meta?.name,
        leads: counts.leads,
        touches: counts.touches,
        dataUpdatedAt: meta?.updatedAt,
      };
    },
  };

  const forgetTab = (tabId: number) => {
    tabRecordTurns.delete(tabId);
    return forgetTabRecord(tabId);
  };

  return { handlers, ensureSeeded, syncCustomCrms, db, hub, ranking, forgetTab };
}

/**
 * The tab to test a CRM on: the active tab of the last focused window when it shows the CRM's
 * origin (the one the user is looking at), else the most recently used tab that does. Tab URLs
 * are only visible for origins Tandem has access to, which the caller has checked.
 */
async function crmTab(crm: CustomCrm): Promise<Browser.tabs.Tab | undefined> {
  const onCrm = (tab: Browser.tabs.Tab) => {
    try {
      const u = new URL(tab.url ?? tab.pendingUrl ?? '');
      return u.protocol === `${crm.protocol}:` && u.host === crm.host;
    } catch {
      return false;
    }
  };
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active && onCrm(active)) return active;
  const tabs = (await browser.tabs.query({})).filter(onCrm);
  return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}
