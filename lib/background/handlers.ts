/**
 * The background's message handlers, built by a factory so tests get a fresh instance over a
 * fresh IndexedDB. No state lives here beyond the open-DB promise (a cache: the service worker
 * may be killed at any time and everything is re-derived from the store).
 */
import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { buildLeadContext } from '../context/lead-context';
import { generateDemoWorkspace } from '../demo';
import type { Handlers } from '../messaging/server';
import {
  countAll,
  getWorkspaceMeta,
  isSeeded,
  openTandemDb,
  replaceWorkspace,
  type TandemDB,
} from '../store';

export interface Background {
  handlers: Handlers;
  /** Loads the demo workspace into an empty store (first install, first use). */
  ensureSeeded(now?: number): Promise<void>;
  db(): Promise<IDBPDatabase<TandemDB>>;
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

  const ensureSeeded = async (now = clock()) => {
    const d = await db();
    if (await isSeeded(d)) return;
    seeding ??= replaceWorkspace(d, generateDemoWorkspace({ now })).finally(() => {
      seeding = null;
    });
    await seeding;
  };

  const handlers: Handlers = {
    async getLeadContext(detected) {
      await ensureSeeded();
      return buildLeadContext(await db(), detected, { now: clock() });
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
      return handlers.getStoreStatus({}, sender);
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

  return { handlers, ensureSeeded, db };
}
