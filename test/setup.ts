import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  // A fresh IndexedDB and a fresh fake browser for every test: no state leaks between tests.
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});
