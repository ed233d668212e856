/**
 * The background side of "CRMs you add": permission checks, the content-script registration,
 * settings, the test on a tab and the re-registration on startup. WXT's fake browser has
 * storage and tabs; `permissions` and `scripting` are not implemented there, so only those are
 * stubbed (a boundary we do not own), with Chrome's behaviour where it matters (duplicate and
 * unknown script ids are errors).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, registrationFor } from '../../lib/background/handlers';
import { dispatch } from '../../lib/messaging/server';
import type { CustomCrm } from '../../lib/model/settings';
import { openTandemDb } from '../../lib/store';

/** Puts test markup (written here, not untrusted) into a document's body. */
function setBody(doc: Document, markup: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  doc.body.replaceChildren(...[...parsed.body.childNodes].map((n) => doc.importNode(n, true)));
}

type Registration = Parameters<typeof browser.scripting.registerContentScripts>[0][number];

const sender = { id: 'test' };
const ORIGIN = 'https://crm.example-corp.internal/*';

const rules: CustomCrm = {
  id: '0b7e6c1a-2f4d-4e8a-9c3b-1d2e3f4a5b6c',
  label: 'In-house CRM',
  host: 'crm.example-corp.internal',
  protocol: 'https',
  addedAt: 1_763_900_000_000,
  kind: {
    type: 'rules',
    recordUrlPattern: '^/leads/(\\d+)',
    objectType: 'lead',
    selectors: { name: 'h1.name', email: '.email' },
  },
};
const suite: CustomCrm = {
  id: 'suite-1',
  label: 'SuiteCRM',
  host: 'suite.example-corp.internal:8443',
  protocol: 'https',
  addedAt: 1_763_900_000_000,
  kind: { type: 'adapter', adapterId: 'suitecrm' },
};

function stubBrowser(granted: string[] = []) {
  const access = new Set(granted);
  const registered = new Map<string, Registration>();
  const perms = fakeBrowser.permissions as unknown as typeof browser.permissions;
  const scripting = fakeBrowser.scripting as unknown as typeof browser.scripting;
  const contains = vi
    .spyOn(perms, 'contains')
    .mockImplementation(async ({ origins = [] }) => origins.every((o) => access.has(o)));
  const remove = vi.spyOn(perms, 'remove').mockImplementation(async ({ origins = [] }) => {
    for (const o of origins) access.delete(o);
    return true;
  });
  const get = vi
    .spyOn(scripting, 'getRegisteredContentScripts')
    .mockImplementation(async (filter?: { ids?: string[] }) =>
      [...registered.values()].filter((r) => !filter?.ids || filter.ids.includes(r.id)),
    );
  const register = vi
    .spyOn(scripting, 'registerContentScripts')
    .mockImplementation(async (scripts: Registration[]) => {
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      }
      for (const s of scripts) registered.set(s.id, s);
    });
  const unregister = vi
    .spyOn(scripting, 'unregisterContentScripts')
    .mockImplementation(async (filter?: { ids?: string[] }) => {
      const ids = filter?.ids ?? [...registered.keys()];
      for (const id of ids)
        if (!registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      for (const id of ids) registered.delete(id);
    });
  return { access, registered, contains, remove, get, register, unregister };
}

const storedSettings = async () =>
  ((await browser.storage.local.get('settings')) as { settings?: Record<string, unknown> })
    .settings;

let n = 0;
const background = () => createBackground(() => openTandemDb(`bg-crms-${n++}`));

afterEach(() => {
  document.body.replaceChildren();
});

describe('addCustomCrm', () => {
  it('registers the built content script on that one origin, exactly', async () => {
    const b = stubBrowser([ORIGIN]);
    const bg = background();
    const res = await dispatch(
      { tandem: 1, name: 'addCustomCrm', data: rules },
      sender,
      bg.handlers,
    );
    expect(res.ok).toBe(true);
    expect(b.register).toHaveBeenCalledExactlyOnceWith([
      {
        id: 'tandem-custom-0b7e6c1a-2f4d-4e8a-9c3b-1d2e3f4a5b6c',
        matches: ['https://crm.example-corp.internal/*'],
        js: ['content-scripts/crm.js'],
        runAt: 'document_idle',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
    expect(b.contains).toHaveBeenCalledWith({ origins: [ORIGIN] });
    expect(res.ok && res.value).toEqual({
      disabledAdapters: [],
      customCrms: [{ crm: rules, origin: ORIGIN, access: true }],
    });
  });

  it('keeps a port in the match pattern (Chrome) and the other settings as they were', async () => {
    const origin = 'https://suite.example-corp.internal:8443/*';
    const b = stubBrowser([origin]);
    await browser.storage.local.set({
      settings: {
        disabledAdapters: ['zoho'],
        sidebar: { hubspot: { collapsed: true, width: 400 } },
      },
    });
    await background().handlers.addCustomCrm(suite, sender);
    expect(b.registered.get('tandem-custom-suite-1')?.matches).toEqual([origin]);
    expect(await storedSettings()).toEqual({
      disabledAdapters: ['zoho'],
      sidebar: { hubspot: { collapsed: true, width: 400 } },
      customCrms: [suite],
    });
  });

  it('refuses, with a clear error, when the host permission was not granted', async () => {
    const b = stubBrowser([]);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await dispatch(
      { tandem: 1, name: 'addCustomCrm', data: rules },
      sender,
      background().handlers,
    );
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'handler_failed',
        message:
          'Tandem has no access to https://crm.example-corp.internal/*. Add the CRM again and allow access when your browser asks',
      },
    });
    expect(b.register).not.toHaveBeenCalled();
    expect(await storedSettings()).toBeUndefined();
  });

  it('refuses a host already added, and a host a built-in adapter covers', async () => {
    stubBrowser([ORIGIN, 'https://acme.odoo.com/*']);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const bg = background();
    await bg.handlers.addCustomCrm(rules, sender);
    await expect(bg.handlers.addCustomCrm({ ...rules, id: 'other' }, sender)).rejects.toThrow(
      'host: crm.example-corp.internal is already in your list (as \u201cIn-house CRM\u201d)',
    );
    await expect(
      bg.handlers.addCustomCrm(
        { ...suite, id: 'o', host: 'acme.odoo.com', kind: { type: 'adapter', adapterId: 'odoo' } },
        sender,
      ),
    ).rejects.toThrow(/already supports Odoo CRM/);
  });

  it('adding again with the same id replaces the registration (no duplicate-id error)', async () => {
    const b = stubBrowser([ORIGIN]);
    const bg = background();
    await bg.handlers.addCustomCrm(rules, sender);
    const edited = { ...rules, label: 'Renamed' };
    const view = await bg.handlers.addCustomCrm(edited, sender);
    expect(view.customCrms.map((c) => c.crm.label)).toEqual(['Renamed']);
    expect(b.registered.size).toBe(1);
  });

  it('the protocol validates the payload with zod: bad rules never reach the handler', async () => {
    const b = stubBrowser([ORIGIN]);
    for (const data of [
      { ...rules, host: '*' },
      { ...rules, host: 'https://crm.example.com/' },
      { ...rules, kind: { ...rules.kind, recordUrlPattern: '(' } },
      { ...rules, kind: { type: 'adapter', adapterId: 'hubspot' } },
      { ...rules, id: 'has spaces' },
    ]) {
      const res = await dispatch(
        { tandem: 1, name: 'addCustomCrm', data },
        sender,
        background().handlers,
      );
      expect(res, JSON.stringify(data)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(b.register).not.toHaveBeenCalled();
  });
});

describe('removeCustomCrm', () => {
  it('unregisters, forgets and gives the host permission back', async () => {
    const b = stubBrowser([ORIGIN]);
    const bg = background();
    await bg.handlers.addCustomCrm(rules, sender);
    const view = await bg.handlers.removeCustomCrm({ id: rules.id }, sender);
    expect(b.unregister).toHaveBeenLastCalledWith({ ids: [`tandem-custom-${rules.id}`] });
    expect(b.registered.size).toBe(0);
    expect(b.remove).toHaveBeenCalledExactlyOnceWith({ origins: [ORIGIN] });
    expect(view.customCrms).toEqual([]);
    expect((await storedSettings())?.customCrms).toEqual([]);
  });

  it('is idempotent for an unknown id, and survives the browser refusing to give access back', async () => {
    const b = stubBrowser([ORIGIN]);
    const bg = background();
    await expect(bg.handlers.removeCustomCrm({ id: 'nope' }, sender)).resolves.toMatchObject({
      customCrms: [],
    });
    await bg.handlers.addCustomCrm(rules, sender);
    b.remove.mockRejectedValueOnce(new Error('You cannot remove required permissions.'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(bg.handlers.removeCustomCrm({ id: rules.id }, sender)).resolves.toMatchObject({
      customCrms: [],
    });
  });
});

describe('setAdapterEnabled and getCrmSettings', () => {
  it('the kill switch writes settings.disabledAdapters', async () => {
    stubBrowser();
    const bg = background();
    expect(
      await bg.handlers.setAdapterEnabled({ adapterId: 'hubspot', enabled: false }, sender),
    ).toMatchObject({
      disabledAdapters: ['hubspot'],
    });
    await bg.handlers.setAdapterEnabled({ adapterId: 'zoho', enabled: false }, sender);
    await bg.handlers.setAdapterEnabled({ adapterId: 'hubspot', enabled: true }, sender);
    expect((await storedSettings())?.disabledAdapters).toEqual(['zoho']);
    await expect(
      bg.handlers.setAdapterEnabled({ adapterId: 'myspace', enabled: false }, sender),
    ).rejects.toThrow("'myspace' is not a built-in CRM");
  });

  it('reports whether each added CRM still has its host permission', async () => {
    const b = stubBrowser([ORIGIN]);
    const bg = background();
    await bg.handlers.addCustomCrm(rules, sender);
    b.access.delete(ORIGIN); // revoked from the browser's extension settings
    expect((await bg.handlers.getCrmSettings({}, sender)).customCrms).toEqual([
      { crm: rules, origin: ORIGIN, access: false },
    ]);
  });

  it('a stored CRM that no longer validates is left out instead of breaking the page', async () => {
    stubBrowser();
    await browser.storage.local.set({
      settings: {
        disabledAdapters: 'not-a-list',
        customCrms: [rules, { ...rules, id: 'x', host: '*' }],
      },
    });
    expect(await background().handlers.getCrmSettings({}, sender)).toMatchObject({
      disabledAdapters: [],
      customCrms: [{ crm: rules }],
    });
  });
});

describe('testCustomCrmOnTab', () => {
  /** executeScript as the browser does it: the function runs in the page with the args. */
  function stubExecuteScript(pageHtml: string) {
    setBody(document, pageHtml);
    const scripting = fakeBrowser.scripting as unknown as typeof browser.scripting;
    return vi.spyOn(scripting, 'executeScript').mockImplementation((async (injection: {
      func: (...a: unknown[]) => unknown;
      args: unknown[];
    }) => [
      // Serialized like the browser would: JSON in, JSON out.
      { frameId: 0, result: JSON.parse(JSON.stringify(injection.func(...injection.args))) },
    ]) as never);
  }

  /**
   * Opens tabs in a window the fake reports as last focused (it reports the window focused
   * before the current one, so a second window takes the focus).
   */
  async function openTabs(...tabs: { url: string; active?: boolean }[]) {
    const win = await fakeBrowser.windows.create({ focused: true });
    if (!win) throw new Error('the fake browser made no window');
    await fakeBrowser.windows.create({ focused: true });
    const made = [];
    for (const t of tabs) made.push(await fakeBrowser.tabs.create({ windowId: win.id, ...t }));
    return made;
  }

  it('says when the host permission is missing (the options page must ask)', async () => {
    stubBrowser([]);
    expect(await background().handlers.testCustomCrmOnTab(rules, sender)).toEqual({
      status: 'no_access',
      origin: ORIGIN,
    });
  });

  it('says when no tab shows the CRM', async () => {
    stubBrowser([ORIGIN]);
    await openTabs({ url: 'https://example.com/', active: true });
    expect(await background().handlers.testCustomCrmOnTab(rules, sender)).toEqual({
      status: 'no_tab',
      origin: ORIGIN,
    });
  });

  it('runs the rules in the tab that shows the CRM and reports the record and fields', async () => {
    stubBrowser([ORIGIN]);
    const [, tab] = await openTabs(
      { url: 'https://example.com/', active: true },
      { url: 'https://crm.example-corp.internal/leads/42' },
    );
    const exec = stubExecuteScript(
      '<h1 class="name">Dana Whitfield</h1><input class="email" value="dana@northwind.example">',
    );
    const got = await background().handlers.testCustomCrmOnTab(rules, sender);
    expect(exec).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: tab!.id },
      func: expect.any(Function),
      args: [
        {
          probes: {
            name: [{ selector: 'h1.name' }, { selector: 'h1.name', read: 'value' }],
            email: [{ selector: '.email' }, { selector: '.email', read: 'value' }],
          },
        },
      ],
    });
    expect(got).toMatchObject({
      status: 'tested',
      viewFound: true,
      fields: {
        name: { value: 'Dana Whitfield', provenance: { source: 'dom', detail: 'h1.name' } },
        email: {
          value: 'dana@northwind.example',
          provenance: { source: 'input', detail: '.email' },
        },
      },
      selectorErrors: {},
    });
  });

  it('prefers the active tab, and reads the record from its URL', async () => {
    stubBrowser([ORIGIN]);
    await openTabs(
      { url: 'https://crm.example-corp.internal/leads/7' },
      { url: 'https://crm.example-corp.internal/leads/42', active: true },
    );
    const exec = stubExecuteScript('<h1 class="name">Dana</h1>');
    exec.mockImplementation((async (injection: {
      func: (...a: unknown[]) => { url: string };
      args: unknown[];
    }) => [
      // The page's own location (the test window's) is not the CRM's: the tab URL stands in.
      { frameId: 0, result: { ...injection.func(...injection.args), url: '' } },
    ]) as never);
    expect(await background().handlers.testCustomCrmOnTab(rules, sender)).toMatchObject({
      status: 'tested',
      url: 'https://crm.example-corp.internal/leads/42',
      record: { objectType: 'lead', recordId: '42', tenant: 'crm.example-corp.internal' },
    });
  });

  it('reports a page the browser will not script', async () => {
    stubBrowser([ORIGIN]);
    await openTabs({ url: 'https://crm.example-corp.internal/leads/42', active: true });
    const scripting = fakeBrowser.scripting as unknown as typeof browser.scripting;
    vi.spyOn(scripting, 'executeScript').mockRejectedValue(
      new Error('Frame with ID 0 is showing error page'),
    );
    expect(await background().handlers.testCustomCrmOnTab(rules, sender)).toEqual({
      status: 'failed',
      url: 'https://crm.example-corp.internal/leads/42',
      message: 'Frame with ID 0 is showing error page',
    });
  });
});

describe('syncCustomCrms (startup, install, update, permission granted again)', () => {
  it('registers what settings hold, drops stale and changed registrations, skips CRMs without access', async () => {
    const b = stubBrowser([ORIGIN]);
    await browser.storage.local.set({ settings: { customCrms: [rules, suite] } });
    // Left over: a removed CRM, and this CRM registered by an older version with another path.
    b.registered.set('tandem-custom-gone', { ...registrationFor(rules), id: 'tandem-custom-gone' });
    b.registered.set(`tandem-custom-${rules.id}`, {
      ...registrationFor(rules),
      js: ['old/crm.js'],
    });
    b.registered.set('someone-else', {
      id: 'someone-else',
      matches: ['https://x.example/*'],
      js: ['x.js'],
    });
    await background().syncCustomCrms();
    expect([...b.registered.keys()].sort()).toEqual(['someone-else', `tandem-custom-${rules.id}`]);
    expect(b.registered.get(`tandem-custom-${rules.id}`)).toEqual(registrationFor(rules));
    // SuiteCRM's origin is not granted: registered once access comes back.
    b.access.add('https://suite.example-corp.internal:8443/*');
    await background().syncCustomCrms();
    expect(b.registered.get('tandem-custom-suite-1')).toEqual(registrationFor(suite));
  });

  it('is a no-op when everything matches, and safe to run twice at once', async () => {
    const b = stubBrowser([ORIGIN]);
    await browser.storage.local.set({ settings: { customCrms: [rules] } });
    const bg = background();
    await Promise.all([bg.syncCustomCrms(), bg.syncCustomCrms()]);
    expect(b.register).toHaveBeenCalledTimes(1);
    await bg.syncCustomCrms();
    expect(b.register).toHaveBeenCalledTimes(1);
    expect(b.unregister).not.toHaveBeenCalled();
  });
});
