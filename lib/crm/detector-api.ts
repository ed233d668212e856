import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * What the injected detector (`crm-detector.js`) hands the bootstrap content script. Both run
 * in the extension's isolated world of the frame, so they meet on its global object, as the
 * sidebar UI does (./sidebar-ui.ts).
 */
export interface CrmDetector {
  /**
   * Takes over from the bootstrap: follows navigation, settings and the keyboard shortcut for
   * the rest of the page's life (or until `ctx` is invalidated). `settings` is the raw stored
   * `settings` value the bootstrap read, so the first detection does not wait for storage.
   */
  start(ctx: ContentScriptContext, settings: unknown): void;
  /**
   * Starts without a bootstrap (built-in CRMs: the background injected the detector because
   * the tab's URL is a record), with a context of its own. Returns false when it already runs in
   * this page: a second call changes nothing.
   */
  startInPage(settings: unknown): boolean;
}

export function installedDetector(): CrmDetector | undefined {
  return (globalThis as { __tandemDetector?: CrmDetector }).__tandemDetector;
}

export function installDetector(detector: CrmDetector): void {
  (globalThis as { __tandemDetector?: CrmDetector }).__tandemDetector = detector;
}
