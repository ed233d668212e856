import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Managed storage can take seconds to answer in Chromium (its policy service initialises late),
 * or never answer. Each test loads the module afresh: the read under way is module state.
 */
async function load() {
  vi.resetModules();
  return import('../../lib/background/settings');
}

const REP = { name: 'Pat Admin', email: 'pat@example.com' };
const HUB = { url: 'https://hub.example.com', token: 'tdm_' + 'a'.repeat(40) };

describe('managed storage reads', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => vi.useRealTimers());

  it('returns the policy when managed storage answers', async () => {
    const { readManagedStorage, readManaged } = await load();
    await fakeBrowser.storage.managed.set({ rep: REP, hub: HUB });
    expect(await readManagedStorage()).toEqual({ rep: REP, hub: HUB });
    expect(await readManaged()).toEqual({ rep: REP });
  });

  it('gives up after the budget when managed storage never answers, and does not wait again', async () => {
    const { readManagedStorage, readManaged, MANAGED_WAIT_MS } = await load();
    const get = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockImplementation(() => new Promise(() => {}));
    let first: unknown = 'pending';
    void readManaged().then((r) => (first = r));
    await vi.advanceTimersByTimeAsync(MANAGED_WAIT_MS - 1);
    expect(first).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(first).toEqual({});

    // A later caller shares the hanging read and its spent budget: no new wait, no new read.
    let second: unknown = 'pending';
    void readManagedStorage().then((r) => (second = r));
    await vi.advanceTimersByTimeAsync(0);
    expect(second).toEqual({});
    expect(get).toHaveBeenCalledTimes(1);
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it('uses a slow answer that comes within the budget, and reads again once it has answered', async () => {
    const { readManagedStorage } = await load();
    let answer: (v: Record<string, unknown>) => void = () => {};
    const get = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockImplementationOnce(() => new Promise((r) => (answer = r)));
    const a = readManagedStorage();
    const b = readManagedStorage(); // shares the read under way
    await vi.advanceTimersByTimeAsync(100);
    answer({ hub: HUB });
    expect(await a).toEqual({ hub: HUB });
    expect(await b).toEqual({ hub: HUB });
    expect(get).toHaveBeenCalledTimes(1);

    await fakeBrowser.storage.managed.set({ rep: REP }); // the policy changed
    expect(await readManagedStorage()).toEqual({ rep: REP });
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('treats a rejected read (no policy file) as no policy', async () => {
    const { readManagedStorage } = await load();
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('no manifest'));
    expect(await readManagedStorage()).toEqual({});
  });
});
