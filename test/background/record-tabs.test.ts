import { describe, expect, it, vi } from 'vitest';
import { createRecordTabs, isBuiltInRecord } from '../../lib/background/record-tabs';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const HOME = 'https://acme.lightning.force.com/lightning/page/home';
const DANA = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view';

/** `scripting` at the boundary (the fake browser has none): what the page would answer. */
function page(opts: { present?: boolean; fail?: boolean } = {}) {
  let present = opts.present ?? false;
  const calls: string[] = [];
  const executeScript = vi.fn(
    async (inject: { func?: (...a: unknown[]) => unknown; files?: string[]; args?: unknown[] }) => {
      if (opts.fail) throw new Error('Frame with ID 0 was removed.');
      if (inject.files) {
        calls.push(`file ${inject.files.join()}`);
        present = true;
        return [{ result: undefined }];
      }
      const name = inject.func!.name;
      calls.push(name);
      // startInPage: starts the detector when the page has it; null when it does not.
      return [{ result: present ? true : null }];
    },
  );
  Object.assign(fakeBrowser, { scripting: { executeScript } });
  return { calls, executeScript };
}

describe('record tabs (built-in CRMs without a content script)', () => {
  it('knows a record of an enabled built-in CRM', () => {
    expect(isBuiltInRecord(DANA, undefined)).toBe(true);
    expect(isBuiltInRecord(HOME, undefined)).toBe(false);
    expect(isBuiltInRecord(DANA, { disabledAdapters: ['salesforce-lightning'] })).toBe(false);
  });

  it('injects and starts the detector on a record, with the stored settings', async () => {
    const p = page();
    const raw = { disabledAdapters: ['zoho'] };
    const tabs = createRecordTabs({ rawSettings: async () => raw });
    expect(await tabs.check(7, DANA)).toBe(true);
    expect(p.calls).toEqual(['startInPage', 'file /crm-detector.js', 'startInPage']);
    const start = p.executeScript.mock.calls[2]![0] as { target: unknown; args: unknown[] };
    expect(start.target).toEqual({ tabId: 7, frameIds: [0] });
    expect(start.args).toEqual([raw]);
  });

  it('does not inject twice into a page that has the detector: one call per navigation', async () => {
    const p = page({ present: true });
    const tabs = createRecordTabs({ rawSettings: async () => undefined });
    await tabs.check(7, DANA);
    expect(p.calls).toEqual(['startInPage']);
  });

  it('does nothing on pages that are not records, and reads nothing for other sites', async () => {
    const p = page();
    const rawSettings = vi.fn(async () => undefined);
    const tabs = createRecordTabs({ rawSettings });
    expect(await tabs.check(7, 'https://news.example.com/')).toBe(false);
    expect(rawSettings).not.toHaveBeenCalled();
    expect(await tabs.check(7, HOME)).toBe(false);
    expect(await tabs.check(7, DANA)).toBe(true);
    expect(p.calls.filter((c) => c.startsWith('file'))).toHaveLength(1);
    expect(rawSettings).toHaveBeenCalledTimes(2);
  });

  it('leaves a switched-off CRM alone', async () => {
    const p = page();
    const tabs = createRecordTabs({
      rawSettings: async () => ({ disabledAdapters: ['salesforce-lightning'] }),
    });
    expect(await tabs.check(7, DANA)).toBe(false);
    expect(p.calls).toEqual([]);
  });

  it('checks the last URL reported while a check was running (list page, then a record)', async () => {
    const p = page();
    let release: () => void = () => {};
    const first = new Promise<void>((r) => (release = r));
    let reads = 0;
    const tabs = createRecordTabs({
      rawSettings: async () => {
        if (reads++ === 0) await first;
        return undefined;
      },
    });
    const home = tabs.check(7, HOME);
    const record = tabs.check(7, DANA);
    release();
    expect(await home).toBe(true); // the tab's latest URL was a record by then
    expect(await record).toBe(true);
    expect(p.calls).toEqual(['startInPage', 'file /crm-detector.js', 'startInPage']);
  });

  it('reacts to completed loads and in-app URL changes, not to loads under way', async () => {
    const p = page();
    const tabs = createRecordTabs({ rawSettings: async () => undefined });
    const tab = (status: string, url: string) => ({ status, url }) as never;
    tabs.onUpdated(7, { status: 'loading', url: DANA }, tab('loading', DANA));
    await Promise.resolve();
    expect(p.calls).toEqual([]);
    tabs.onUpdated(7, { status: 'complete' }, tab('complete', DANA));
    await vi.waitFor(() => expect(p.calls).toContain('startInPage'));
  });

  it('logs and swallows a failed injection (the tab went away)', async () => {
    page({ fail: true });
    const log = vi.fn();
    const tabs = createRecordTabs({ rawSettings: async () => undefined, log });
    expect(await tabs.check(7, DANA)).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('tab 7'), expect.any(Error));
  });
});
