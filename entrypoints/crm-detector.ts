/**
 * The CRM detector: the adapters' DOM probes and the record watcher. Not a content script of its
 * own: the bootstrap content script (crm.content) asks the background to inject it into a frame
 * once that frame's URL is a lead or contact record, so CRM pages that are not records never pay
 * for it. It shares the bootstrap's isolated world, takes over from it (`start`) and, when a
 * record's fields show, has the sidebar UI injected and mounted.
 */
import { browser } from 'wxt/browser';
import { crmRuntimeSettings, type CrmRuntimeSettings } from '../lib/crm/custom';
import { detectionKey } from '../lib/crm/custom-urls';
import { installDetector, installedDetector, type CrmDetector } from '../lib/crm/detector-api';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { contextAfterPrefetch, installedSidebarUi } from '../lib/crm/sidebar-ui';
import { RecordWatcher } from '../lib/crm/watcher';
import { send } from '../lib/messaging/client';
import type { LeadContext } from '../lib/model';

export default defineUnlistedScript(() => {
  // Injected again into a page that has it (two navigations reported at once): keep the one
  // that runs.
  if (installedDetector()) return;
  let running = false;
  const detector: CrmDetector = {
    startInPage(settings) {
      if (running) return false;
      // The same options as the bootstrap content script's own context (entrypoints/crm.content).
      detector.start(
        new ContentScriptContext('crm-detector', { noScriptStartedPostMessage: true }),
        settings,
      );
      return true;
    },
    start(ctx, settings) {
      if (running) return;
      running = true;
      ctx.onInvalidated(() => (running = false));
      const log = (msg: string, err?: unknown) => console.debug(`[tandem] ${msg}`, err ?? '');
      let current: CrmRuntimeSettings = crmRuntimeSettings(settings);
      let key = detectionKey(settings);

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
        prefetch: (known) => send('getLeadContext', known),
        mount: async (detected, signal, early) => {
          let ui = installedSidebarUi();
          // The context asked for from the URL as soon as it named the record (the watcher's
          // prefetch); without one, for the first record on this page, the data request and the
          // UI script's injection go out together instead of one after the other (later
          // records: the sidebar asks).
          const context: Promise<LeadContext> | undefined = early
            ? contextAfterPrefetch(
                detected,
                early,
                (d) => send('getLeadContext', d),
                // The popup shows what the tab shows: the background learns the fields.
                (d) => void send('rememberRecord', d).catch(() => {}),
              )
            : ui
              ? undefined
              : send('getLeadContext', detected);
          context?.catch(() => {}); // handled by the sidebar; never unhandled if it never mounts
          if (!ui) {
            await send('injectSidebarUi', {});
            ui = installedSidebarUi();
          }
          if (!ui || signal.aborted) return;
          const mounted = ui.mount(detected, { context });
          toggleCurrent = mounted.toggle;
          return () => {
            toggleCurrent = undefined;
            mounted.unmount();
          };
        },
      });

      // Settings changes (kill switch, CRMs the user added) restart detection.
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

      // SPA navigation, as the bootstrap followed it: the Navigation API, or WXT's event.
      const nav = (window as { navigation?: EventTarget }).navigation;
      if (nav) ctx.addEventListener(nav, 'currententrychange', watcher.check);
      else ctx.addEventListener(window, 'wxt:locationchange', watcher.check);
      ctx.onInvalidated(() => watcher.stop());
      watcher.check();
    },
  };
  installDetector(detector);
});
