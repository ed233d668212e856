import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  // A fresh IndexedDB and a fresh fake browser for every test: no state leaks between tests.
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

/**
 * Byte arrays (touch packs hold their touches as bytes) compared in one step: the default
 * equality walks them element by element, and a store dump's packs then took seconds.
 */
expect.addEqualityTesters([
  (a: unknown, b: unknown) => {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return undefined;
    return a.length === b.length && Buffer.compare(a, b) === 0;
  },
]);
