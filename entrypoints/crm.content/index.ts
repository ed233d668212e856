/**
 * Runs on every page of the supported CRM hosts, so it stays small: URL rules and DOM probes
 * only. The React sidebar is injected by the background when (and only when) a record shows.
 */
import { browser } from 'wxt/browser';
import { ADAPTERS, ADAPTER_MATCHES } from '../../lib/crm/adapters';
import { installedSidebarUi } from '../../lib/crm/sidebar-ui';
import { RecordWatcher } from '../../lib/crm/watcher';
import { send } from '../../lib/messaging/client';

export default defineContentScript({
  matches: [...ADAPTER_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    const log = (msg: string, err?: unknown) => console.debug(`[tandem] ${msg}`, err ?? '');
    let disabled: string[] = [];

    const watcher = new RecordWatcher({
      window,
      adapters: ADAPTERS,
      disabled: () => disabled,
      log,
      mount: async (detected, signal) => {
        if (!installedSidebarUi()) await send('injectSidebarUi', {});
        const ui = installedSidebarUi();
        if (!ui || signal.aborted) return;
        return ui.mount(detected).unmount;
      },
    });

    // Settings (kill switch per adapter) are read once and followed on change.
    void browser.storage.local.get('settings').then(
      (r: Record<string, unknown>) => {
        const s = r.settings as { disabledAdapters?: string[] } | undefined;
        disabled = s?.disabledAdapters ?? [];
        watcher.check();
      },
      () => watcher.check(),
    );
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !changes.settings) return;
      disabled =
        (changes.settings.newValue as { disabledAdapters?: string[] })?.disabledAdapters ?? [];
      watcher.stop();
      watcher.check();
    });

    // SPA navigation: the Navigation API reports pushState, replaceState, hash changes and
    // back/forward without polling. Where it is missing, WXT's location-change event stands in.
    const nav = (window as { navigation?: EventTarget }).navigation;
    if (nav) ctx.addEventListener(nav, 'currententrychange', watcher.check);
    else ctx.addEventListener(window, 'wxt:locationchange', watcher.check);
    ctx.onInvalidated(() => watcher.stop());
  },
});
