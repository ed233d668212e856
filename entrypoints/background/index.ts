import { browser } from 'wxt/browser';
import { ensureSeeded, handlers } from '../../lib/background/handlers';
import { listen } from '../../lib/messaging/server';

export default defineBackground(() => {
  // Listeners are registered synchronously so a message that wakes the worker is not lost.
  listen(handlers);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') {
      ensureSeeded().catch((e: unknown) =>
        console.error('[tandem] seeding the demo workspace failed', e),
      );
    }
  });
});
