/**
 * Built-in CRMs get no content script. Injecting one into every page of a CRM costs each page
 * an isolated world and a script run (about 6 ms of main thread on a large page) even where
 * there is no record; instead the background follows the tabs' URLs and injects the detector
 * (entrypoints/crm-detector.ts) into a tab's page once its URL is a lead or contact record of an
 * enabled CRM. Pages that are not records run nothing of Tandem.
 *
 * `tabs.onUpdated` reports URL changes of full loads and of in-app navigations (pushState, hash);
 * the host permissions reveal the URL of CRM tabs only. The detector then follows the page's
 * own navigation by itself; asking a page that already has it changes nothing (it says so).
 * CRMs the user added keep their registered bootstrap content script (lib/crm/bootstrap.ts):
 * they may show records inside frames, which tab URLs do not reveal.
 */
import { browser, type Browser } from 'wxt/browser';
import { ADAPTER_URLS } from '../crm/adapters/urls';
import { crmSettingsOf } from '../crm/custom-urls';
import { CRM_DETECTOR_SCRIPT } from '../crm/custom';
import { matchUrl } from '../crm/match';

export interface RecordTabsDeps {
  /** The raw stored `settings` (kill switches), handed to the detector as the bootstrap does. */
  rawSettings: () => Promise<unknown>;
  log?: (msg: string, err?: unknown) => void;
}

/** Whether `url` is a lead or contact record of a built-in CRM that is switched on. */
export function isBuiltInRecord(url: string, raw: unknown): boolean {
  return !!matchUrl(url, ADAPTER_URLS, crmSettingsOf(raw).disabled);
}

/**
 * Runs in the page's isolated world: starts the injected detector unless it already runs (then
 * false); null when the page does not have it yet.
 */
function startInPage(settings: unknown): boolean | null {
  const detector = (globalThis as { __tandemDetector?: { startInPage?: (s: unknown) => boolean } })
    .__tandemDetector;
  return detector?.startInPage ? detector.startInPage(settings) : null;
}

export function createRecordTabs({ rawSettings, log = () => {} }: RecordTabsDeps) {
  /**
   * One check at a time per tab; a URL reported meanwhile is checked right after (the last one
   * wins: onUpdated often reports one navigation twice, and a list page and then a record in
   * quick succession).
   */
  const running = new Map<number, { next?: string; done: Promise<boolean> }>();

  const check = (tabId: number, url: string | undefined): Promise<boolean> => {
    if (!url) return Promise.resolve(false);
    const current = running.get(tabId);
    if (current) {
      current.next = url;
      return current.done;
    }
    const entry: { next?: string; done: Promise<boolean> } = { done: Promise.resolve(false) };
    entry.done = (async () => {
      let result = await checkOnce(tabId, url);
      while (entry.next !== undefined) {
        const next = entry.next;
        entry.next = undefined;
        result = await checkOnce(tabId, next);
      }
      running.delete(tabId);
      return result;
    })();
    running.set(tabId, entry);
    return entry.done;
  };

  const checkOnce = async (tabId: number, url: string): Promise<boolean> => {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return false;
    }
    // Most URLs of most tabs are not a CRM's: nothing is read for them.
    if (!ADAPTER_URLS.some((a) => a.hostPattern.test(host))) return false;
    try {
      const raw = await rawSettings();
      if (!isBuiltInRecord(url, raw)) return false;
      const target = { tabId, frameIds: [0] };
      const start = async () =>
        (
          await browser.scripting.executeScript({ target, func: startInPage, args: [raw ?? null] })
        )[0]?.result;
      // One injection on every in-app navigation of a page that has the detector (it follows
      // the navigation itself); the script itself only on a page that does not have it yet.
      let started = await start();
      if (started === null || started === undefined) {
        await browser.scripting.executeScript({ target, files: [CRM_DETECTOR_SCRIPT] });
        started = await start();
      }
      return started === true;
    } catch (e) {
      // The tab closed or navigated away meanwhile, or shows an error page: nothing to do.
      log(`injecting the detector into tab ${tabId} failed`, e);
      return false;
    }
  };

  const onUpdated = (
    tabId: number,
    info: Browser.tabs.OnUpdatedInfo,
    tab: Browser.tabs.Tab,
  ): void => {
    // A full load: once its document is complete (earlier, the injection could reach the
    // document being left). In-app navigations keep the tab complete and change its URL.
    if (tab.status !== 'complete' || !(info.url || info.status === 'complete')) return;
    void check(tabId, tab.url);
  };

  /** Tabs already open (the extension was just installed, updated or re-enabled). */
  const checkOpenTabs = async (): Promise<void> => {
    const tabs = await browser.tabs.query({ status: 'complete' });
    await Promise.all(tabs.map((t) => (t.id === undefined ? false : check(t.id, t.url))));
  };

  return { check, onUpdated, checkOpenTabs };
}
