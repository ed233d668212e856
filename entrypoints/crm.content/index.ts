/**
 * The bootstrap content script of the CRMs the user adds in the options page: registered at run
 * time by the background on each such origin (all frames: a self-hosted CRM may show records in
 * frames). It holds URL rules only: no DOM probes, no observers, no timers, no zod, and no
 * polyfill (`wxt/browser` is the browser's own API in this build, see wxt.config.ts). Once a URL
 * is a lead or contact record, the background injects the detector
 * (entrypoints/crm-detector.ts), which takes over. See lib/crm/bootstrap.ts.
 *
 * Built-in CRMs do not get it: the background injects the detector into their tabs once a tab's
 * URL is a record (lib/background/record-tabs.ts), so their other pages run nothing.
 */
import { ADAPTER_MATCHES } from '../../lib/crm/adapters/urls';
import { startBootstrap } from '../../lib/crm/bootstrap';

export default defineContentScript({
  matches: [...ADAPTER_MATCHES],
  registration: 'runtime',
  runAt: 'document_idle',
  // WXT tells older copies of this script (from before an extension update) that a new one
  // started with a DOM event; its extra window.postMessage would reach the CRM's own message
  // listeners on every page load.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startBootstrap({
      ctx,
      window: window as Window & { navigation?: EventTarget },
      log: (msg, err) => console.debug(`[tandem] ${msg}`, err ?? ''),
    });
  },
});
