/**
 * Runs on every page of the supported CRM hosts, and of the hosts the user added in the options
 * page (registered at run time by the background, same file), so it stays small: URL rules and
 * DOM probes only, no zod. The React sidebar is injected by the background when (and only when)
 * a record shows.
 */
import { browser } from 'wxt/browser';
import { ADAPTER_MATCHES } from '../../lib/crm/adapters';
import { crmRuntimeSettings, type CrmRuntimeSettings } from '../../lib/crm/custom';
import { installedSidebarUi } from '../../lib/crm/sidebar-ui';
import { RecordWatcher } from '../../lib/crm/watcher';
import { send } from '../../lib/messaging/client';

/** The settings keys detection depends on (the sidebar's own settings must not restart it). */
function detectionKey(raw: unknown): string {
  const s = (raw ?? {}) as { disabledAdapters?: unknown; customCrms?: unknown };
  return JSON.stringify([s.disabledAdapters ?? [], s.customCrms ?? []]);
}

export default defineContentScript({
  matches: [...ADAPTER_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    const log = (msg: string, err?: unknown) => console.debug(`[tandem] ${msg}`, err ?? '');
    // Built-in adapters, nothing disabled, until the settings are read.
    let current: CrmRuntimeSettings = crmRuntimeSettings(undefined);
    let key = detectionKey(undefined);

    // The keyboard shortcut (commands API) reaches the page as a message from the background.
    let toggleCurrent: (() => void) | undefined;
    const onMessage = (msg: unknown) => {
      if ((msg as { tandemCommand?: string })?.tandemCommand === 'toggle-sidebar')
        toggleCurrent?.();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    const watcher = new RecordWatcher({
      window,
      adapters: () => current.adapters,
      disabled: () => current.disabled,
      customHosts: () => current.customHosts,
      log,
      mount: async (detected, signal) => {
        if (!installedSidebarUi()) await send('injectSidebarUi', {});
        const ui = installedSidebarUi();
        if (!ui || signal.aborted) return;
        const mounted = ui.mount(detected);
        toggleCurrent = mounted.toggle;
        return () => {
          toggleCurrent = undefined;
          mounted.unmount();
        };
      },
    });

    // Settings (kill switch per adapter, CRMs the user added) are read once and followed live.
    void browser.storage.local.get('settings').then(
      (r: Record<string, unknown>) => {
        current = crmRuntimeSettings(r.settings);
        key = detectionKey(r.settings);
        watcher.check();
      },
      () => watcher.check(),
    );
    const onSettings = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !changes.settings) return;
      const next = detectionKey(changes.settings.newValue);
      if (next === key) return;
      key = next;
      current = crmRuntimeSettings(changes.settings.newValue);
      watcher.stop();
      watcher.check();
    };
    browser.storage.onChanged.addListener(onSettings);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onSettings));

    // SPA navigation: the Navigation API reports pushState, replaceState, hash changes and
    // back/forward without polling. Where it is missing, WXT's location-change event stands in.
    const nav = (window as { navigation?: EventTarget }).navigation;
    if (nav) ctx.addEventListener(nav, 'currententrychange', watcher.check);
    else ctx.addEventListener(window, 'wxt:locationchange', watcher.check);
    ctx.onInvalidated(() => watcher.stop());
  },
});
