/**
 * The extension API as the browser gives it, without webextension-polyfill: Chrome's MV3
 * `chrome.*` and Firefox's `browser.*` both return promises for everything the bootstrap content
 * script calls (`runtime.sendMessage`, `storage.local.get`, `runtime.id`). The bootstrap build
 * (and only it) resolves `wxt/browser` to this file (see wxt.config.ts): every page of every
 * supported CRM loads that script, and the polyfill would be most of its size.
 */
import type { browser as Browser } from 'wxt/browser';

type Api = typeof Browser;
const g = globalThis as unknown as { browser?: Api; chrome?: Api };

export const browser: Api = (g.browser?.runtime?.id ? g.browser : g.chrome) as Api;
