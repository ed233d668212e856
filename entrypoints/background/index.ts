import { browser } from 'wxt/browser';
import { createBackground } from '../../lib/background/handlers';
import { listen } from '../../lib/messaging/server';

export default defineBackground(() => {
  const background = createBackground();
  // Listeners are registered synchronously so a message that wakes the worker is not lost.
  listen(background.handlers);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') {
      background
        .ensureSeeded()
        .catch((e: unknown) => console.error('[tandem] seeding the demo workspace failed', e));
    }
  });
});
