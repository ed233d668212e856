/**
 * The bootstrap content script (every page of every supported CRM): a URL check per navigation
 * and nothing else, until a record URL shows; then the detector is injected and takes over.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBootstrap, type BootstrapDeps } from '../../lib/crm/bootstrap';
import { installDetector, type CrmDetector } from '../../lib/crm/detector-api';
import { listen } from '../../lib/messaging/server';

const SF = 'https://acme.lightning.force.com';
const DANA = `${SF}/lightning/r/Lead/00Q5g00000ABCDeEAP/view`;
const HOME = `${SF}/lightning/page/home`;

/** A frame: its URL (reads counted), its Navigation API, and a content-script context. */
function frame(href: string) {
  let url = href;
  let reads = 0;
  const navigation = new EventTarget();
  const location = {
    get href() {
      reads++;
      return url;
    },
    get hostname() {
      return new URL(url).hostname;
    },
  };
  const lifetime = new AbortController();
  const ctx = {
    get isInvalid() {
      return lifetime.signal.aborted;
    },
    onInvalidated: (cb: () => void) => {
      lifetime.signal.addEventListener('abort', cb);
      return () => lifetime.signal.removeEventListener('abort', cb);
    },
    addEventListener: vi.fn(),
  };
  return {
    deps: { ctx, window: { location, navigation } } as unknown as BootstrapDeps,
    ctx,
    reads: () => reads,
    /** Same-document navigation, as pushState reports it. */
    go(next: string) {
      url = next;
      navigation.dispatchEvent(new Event('currententrychange'));
    },
    invalidate: () => lifetime.abort(),
  };
}

/** The background: injecting the detector installs `detector` in this (shared) world. */
function background(detector: CrmDetector, fail = 0) {
  const injected = vi.fn(() => {
    if (injected.mock.calls.length <= fail) throw new Error('Frame was removed');
    installDetector(detector);
    return { injected: true };
  });
  listen({ injectCrmDetector: injected });
  return injected;
}

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 200 && !until(); i++) await new Promise((r) => setTimeout(r, 0));
};

beforeEach(() => {
  delete (globalThis as { __tandemDetector?: unknown }).__tandemDetector;
});
afterEach(() => {
  delete (globalThis as { __tandemDetector?: unknown }).__tandemDetector;
});

describe('bootstrap', () => {
  it('on a page that is not a record checks the URL and does nothing else', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const interval = vi.spyOn(globalThis, 'setInterval');
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const storage = vi.spyOn(fakeBrowser.storage.local, 'get');
    const f = frame(HOME);
    const boot = startBootstrap(f.deps);
    expect(f.reads()).toBe(1);
    f.go(`${SF}/lightning/o/Lead/list`);
    expect(f.reads()).toBe(2);
    expect(boot.state()).toBe('watching');
    expect(send).not.toHaveBeenCalled();
    expect(observe).not.toHaveBeenCalled();
    expect(interval).not.toHaveBeenCalled();
    expect(f.ctx.addEventListener).not.toHaveBeenCalled(); // the Navigation API, no polling
    // A built-in CRM's settings can only switch it off: not read until a record shows.
    expect(storage).not.toHaveBeenCalled();
  });

  it('hands over to the detector on a record, with the settings it read, once', async () => {
    const start = vi.fn();
    const injected = background({ start, startInPage: vi.fn() });
    const settings = { disabledAdapters: ['zoho'] };
    await fakeBrowser.storage.local.set({ settings });
    const f = frame(DANA);
    const boot = startBootstrap(f.deps);
    await settle(() => start.mock.calls.length > 0);
    expect(start).toHaveBeenCalledExactlyOnceWith(f.ctx, settings);
    expect(boot.state()).toBe('handed-over');
    // The detector follows navigation from now on: the bootstrap no longer looks.
    const reads = f.reads();
    f.go(`${SF}/lightning/r/Contact/0035g00000XyZ12AAF/view`);
    expect(f.reads()).toBe(reads);
    expect(injected).toHaveBeenCalledOnce();
  });

  it('follows same-document navigation from a list page to a record', async () => {
    const start = vi.fn();
    const injected = background({ start, startInPage: vi.fn() });
    const f = frame(HOME);
    startBootstrap(f.deps);
    await settle(() => f.reads() > 0);
    expect(injected).not.toHaveBeenCalled();
    f.go(DANA);
    await settle(() => start.mock.calls.length > 0);
    expect(injected).toHaveBeenCalledOnce();
  });

  it('uses a detector already in this world instead of injecting another', async () => {
    const start = vi.fn();
    installDetector({ start, startInPage: vi.fn() });
    const injected = background({ start: vi.fn(), startInPage: vi.fn() });
    startBootstrap(frame(DANA).deps);
    await settle(() => start.mock.calls.length > 0);
    expect(start).toHaveBeenCalledOnce();
    expect(injected).not.toHaveBeenCalled();
  });

  it('loads nothing on a switched-off CRM until it is switched on again', async () => {
    const start = vi.fn();
    const injected = background({ start, startInPage: vi.fn() });
    await fakeBrowser.storage.local.set({
      settings: { disabledAdapters: ['salesforce-lightning'] },
    });
    const f = frame(DANA);
    const boot = startBootstrap(f.deps);
    await settle(() => f.reads() > 0);
    expect(boot.state()).toBe('watching');
    expect(injected).not.toHaveBeenCalled();
    await fakeBrowser.storage.local.set({ settings: { disabledAdapters: [] } });
    await settle(() => start.mock.calls.length > 0);
    expect(start).toHaveBeenCalledWith(f.ctx, { disabledAdapters: [] });
  });

  it('recognizes the record URLs of CRMs the user added (own rules, or a self-hosted CRM)', async () => {
    const start = vi.fn();
    background({ start, startInPage: vi.fn() });
    await fakeBrowser.storage.local.set({
      settings: {
        customCrms: [
          {
            id: 'c1',
            label: 'In-house CRM',
            host: 'crm.example-corp.internal',
            protocol: 'https',
            addedAt: 1,
            kind: {
              type: 'rules',
              recordUrlPattern: '^/leads/(\\d+)',
              objectType: 'lead',
              selectors: { name: 'h1' },
            },
          },
          {
            id: 'c2',
            label: 'Our SuiteCRM',
            host: 'suite.example-corp.internal',
            protocol: 'https',
            addedAt: 1,
            kind: { type: 'adapter', adapterId: 'suitecrm' },
          },
        ],
      },
    });
    const own = frame('https://crm.example-corp.internal/leads');
    const ownBoot = startBootstrap(own.deps);
    await settle(() => own.reads() > 0);
    expect(ownBoot.state()).toBe('watching');
    own.go('https://crm.example-corp.internal/leads/42');
    await settle(() => start.mock.calls.length > 0);
    expect(ownBoot.state()).toBe('handed-over');

    delete (globalThis as { __tandemDetector?: unknown }).__tandemDetector;
    const suite = frame(
      'https://suite.example-corp.internal/#/leads/record/7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
    );
    const suiteBoot = startBootstrap(suite.deps);
    await settle(() => start.mock.calls.length > 1);
    expect(suiteBoot.state()).toBe('handed-over');
  });

  it('logs a failed injection, never throws, and tries again on the next navigation', async () => {
    const start = vi.fn();
    const injected = background({ start, startInPage: vi.fn() }, 1);
    vi.spyOn(console, 'error').mockImplementation(() => {}); // the background logs it
    const log = vi.fn();
    const f = frame(DANA);
    const boot = startBootstrap({ ...f.deps, log });
    await settle(() => log.mock.calls.length > 0);
    expect(log).toHaveBeenCalledWith('loading the detector failed', expect.any(Error));
    expect(boot.state()).toBe('watching');
    expect(start).not.toHaveBeenCalled();
    f.go(`${SF}/lightning/r/Contact/0035g00000XyZ12AAF/view`);
    await settle(() => start.mock.calls.length > 0);
    expect(injected).toHaveBeenCalledTimes(2);
  });

  it('stops when the content script is invalidated (extension updated or removed)', async () => {
    const start = vi.fn();
    const injected = background({ start, startInPage: vi.fn() });
    const f = frame(HOME);
    startBootstrap(f.deps);
    await settle(() => f.reads() > 0);
    f.invalidate();
    const reads = f.reads();
    f.go(DANA);
    await fakeBrowser.storage.local.set({ settings: { disabledAdapters: ['zoho'] } });
    await settle(() => false);
    expect(f.reads()).toBe(reads);
    expect(injected).not.toHaveBeenCalled();
  });
});
