/**
 * The bootstrap content script's logic (entrypoints/crm.content wires it): the one thing every
 * page of every supported CRM runs. On load and on each same-document navigation it checks the
 * URL against the adapters' URL rules, and nothing else: no DOM access, no observers, no timers.
 * The first time the URL is a lead or contact record of an enabled CRM it asks the background to
 * inject the detector into this frame and hands over to it for the rest of the page's life.
 *
 * It imports URL rules only (./adapters/urls.ts, ./custom-urls.ts): no DOM probes, no zod.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Envelope, MessageOutput, Result } from '../messaging/protocol';
import { ADAPTER_URLS } from './adapters/urls';
import {
  crmSettingsOf,
  customHostMap,
  customUrlAdapter,
  detectionKey,
  fromRulesCrms,
} from './custom-urls';
import { installedDetector } from './detector-api';
import { matchUrl } from './match';
import type { CrmUrlAdapter } from './types';

export interface UrlSettings {
  adapters: readonly CrmUrlAdapter[];
  disabled: readonly string[];
  customHosts: ReadonlyMap<string, string>;
}

/** What the URL check needs from the raw stored `settings` (kill switches, CRMs the user added). */
export function urlSettings(raw: unknown): UrlSettings {
  const { disabled, crms } = crmSettingsOf(raw);
  return {
    adapters: [...ADAPTER_URLS, ...fromRulesCrms(crms, customUrlAdapter)],
    disabled,
    customHosts: customHostMap(crms),
  };
}

export type BootstrapState = 'watching' | 'loading' | 'handed-over';

export interface BootstrapDeps {
  /** `ContentScriptContext`: its lifetime, and WXT's location-change event as the fallback. */
  ctx: Pick<ContentScriptContext, 'isInvalid' | 'onInvalidated' | 'addEventListener'>;
  /** The frame's window: its `location`, and its `navigation` where the browser has one. */
  window: Pick<Window, 'location'> & { navigation?: EventTarget };
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Asks the background to inject the detector: one one-off message in the protocol's envelope.
 * Not `send()` from ../messaging/client, whose port machinery (for the sidebar's data) would
 * come into this script, which every CRM page loads.
 */
async function injectDetector(): Promise<void> {
  const envelope: Envelope = { tandem: 1, name: 'injectCrmDetector', data: {} };
  const res = (await browser.runtime.sendMessage(envelope)) as
    Result<MessageOutput<'injectCrmDetector'>> | undefined;
  if (!res?.ok) throw new Error(res ? res.error.message : 'no response to injectCrmDetector');
}

/** Built-in adapters with nothing switched off: what the URL check needs before settings are read. */
const BUILT_IN: UrlSettings = { adapters: ADAPTER_URLS, disabled: [], customHosts: new Map() };

/**
 * Starts the bootstrap; returns its state (for tests). Never throws into the page.
 *
 * On a host of a built-in CRM the stored settings can only switch adapters off (a CRM the user
 * adds may not be on such a host), so the URL check runs at once with the built-in rules, and
 * the settings are read only when it finds a record: on pages that are not records the
 * bootstrap never touches storage. On a host the user added they are read first.
 */
export function startBootstrap({ ctx, window: win, log = () => {} }: BootstrapDeps): {
  state(): BootstrapState;
} {
  /** The raw stored settings (handed to the detector), and what the URL check needs of them. */
  let raw: unknown;
  let settings: UrlSettings | undefined; // undefined until storage answered
  let key = '';
  let reading = false;
  let following = false;
  let state: BootstrapState = 'watching';
  const listening = new AbortController();

  const handOver = async () => {
    state = 'loading';
    try {
      if (!installedDetector()) await injectDetector();
      const detector = installedDetector();
      if (!detector || ctx.isInvalid) throw new Error('the detector did not load');
      state = 'handed-over';
      listening.abort();
      detector.start(ctx as ContentScriptContext, raw);
    } catch (e) {
      if (state !== 'handed-over') state = 'watching'; // the next navigation tries again
      log('loading the detector failed', e);
    }
  };

  const onSettings = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !changes.settings || listening.signal.aborted) return;
    if (detectionKey(changes.settings.newValue) !== key) apply(changes.settings.newValue);
  };
  /** Settings known: follow their changes too (a CRM switched back on, a CRM added). */
  const apply = (value: unknown) => {
    raw = value;
    key = detectionKey(value);
    settings = urlSettings(value);
    if (!following && !listening.signal.aborted) {
      following = true;
      browser.storage.onChanged.addListener(onSettings);
    }
    check();
  };
  const readSettings = () => {
    if (reading) return;
    reading = true;
    browser.storage.local.get('settings').then(
      (r: Record<string, unknown>) => apply(r.settings),
      () => apply(undefined),
    );
  };

  /** The one thing done on every URL: is it a lead/contact record of an enabled CRM? */
  const check = () => {
    if (state !== 'watching' || listening.signal.aborted) return;
    try {
      const { adapters, disabled, customHosts } = settings ?? BUILT_IN;
      if (!matchUrl(win.location.href, adapters, disabled, customHosts)) return;
      if (settings) void handOver();
      else readSettings(); // a record: is its CRM switched on?
    } catch (e) {
      log('URL check failed', e);
    }
  };

  const stop = () => {
    listening.abort();
    if (following) browser.storage.onChanged.removeListener(onSettings);
  };
  listening.signal.addEventListener('abort', stop, { once: true });
  ctx.onInvalidated(stop);

  // SPA navigation: the Navigation API reports pushState, replaceState, hash changes and
  // back/forward without polling. Where it is missing, WXT's location-change event stands in.
  if (win.navigation) {
    win.navigation.addEventListener('currententrychange', check, { signal: listening.signal });
  } else {
    ctx.addEventListener(window, 'wxt:locationchange', check);
  }

  const host = win.location.hostname;
  if (ADAPTER_URLS.some((a) => a.hostPattern.test(host))) check();
  else readSettings();
  return { state: () => state };
}
