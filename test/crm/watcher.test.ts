import { afterEach, describe, expect, it, vi } from 'vitest';
import { salesforceLightning } from '../../lib/crm/adapters/salesforce-lightning';
import { RecordWatcher } from '../../lib/crm/watcher';
import type { DetectedRecord } from '../../lib/model';

const SF = 'https://acme.lightning.force.com';
const DANA = '00Q5g00000ABCDeEAP';
const MARCUS = '0035g00000XyZ12AAF';
const people: Record<string, { name: string; email: string; object: string }> = {
  [DANA]: {
    name: 'Dana Whitfield',
    email: 'dana.whitfield@northwind-analytics.com',
    object: 'Lead',
  },
  [MARCUS]: { name: 'Marcus Oyelaran', email: 'marcus.oyelaran@helixbio.io', object: 'Contact' },
};

/** A tiny Lightning-like page: the URL changes first, the record view renders afterwards. */
function fakeCrm() {
  const doc = document.implementation.createHTMLDocument('');
  const location = { href: `${SF}/lightning/page/home` };
  const win = { location, document: doc } as unknown as Window;
  const render = (id: string | null) => {
    for (const v of doc.querySelectorAll('.windowViewMode-normal.active'))
      v.classList.remove('active');
    if (!id) return;
    const p = people[id]!;
    doc.title = `${p.name} | ${p.object} | Salesforce`;
    const view = doc.createElement('div');
    view.className = 'windowViewMode-normal active';
    const name = doc.createElement('lightning-formatted-name');
    name.textContent = p.name;
    const hl = doc.createElement('records-highlights2');
    hl.append(name);
    const email = doc.createElement('lightning-formatted-email');
    const a = doc.createElement('a');
    a.href = `mailto:${p.email}`;
    a.textContent = p.email;
    email.append(a);
    view.append(hl, email);
    doc.body.append(view);
  };
  const go = (id: string | null) => {
    location.href = id
      ? `${SF}/lightning/r/${people[id]!.object}/${id}/view`
      : `${SF}/lightning/o/Lead/list`;
  };
  return { win, doc, render, go };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RecordWatcher', () => {
  function setup() {
    const crm = fakeCrm();
    const mounted: DetectedRecord[] = [];
    const unmounted: string[] = [];
    const watcher = new RecordWatcher({
      window: crm.win,
      adapters: [salesforceLightning],
      disabled: () => [],
      fieldTimeoutMs: 1000,
      mount: async (d) => {
        mounted.push(d);
        return () => unmounted.push(d.ref.recordId);
      },
    });
    return { crm, watcher, mounted, unmounted };
  }

  it('never reports the previous record\u2019s fields for the next record (URL changes before the view)', async () => {
    const { crm, watcher, mounted, unmounted } = setup();
    crm.go(DANA);
    crm.render(DANA);
    watcher.check();
    await tick(10);
    expect(mounted.map((d) => d.fields.name?.value)).toEqual(['Dana Whitfield']);

    // The URL changes while Dana's view and title are still on screen; Marcus renders 50 ms later.
    crm.go(MARCUS);
    watcher.check();
    setTimeout(() => crm.render(MARCUS), 50);
    await tick(120);
    expect(unmounted).toEqual([DANA]);
    expect(mounted).toHaveLength(2);
    expect(mounted[1]!.ref.recordId).toBe(MARCUS);
    expect(mounted[1]!.fields.name?.value).toBe('Marcus Oyelaran');
    expect(mounted[1]!.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
  });

  it('quick A -> B -> A switching mounts only the record on screen at the end', async () => {
    const { crm, watcher, mounted } = setup();
    crm.go(DANA);
    watcher.check();
    await tick();
    crm.go(MARCUS);
    watcher.check();
    await tick();
    crm.go(DANA);
    crm.render(DANA);
    watcher.check();
    await tick(20);
    expect(mounted.map((d) => d.ref.recordId)).toEqual([DANA]);
    expect(mounted[0]!.fields.name?.value).toBe('Dana Whitfield');
  });

  it('does nothing but a URL check on pages that are not records', async () => {
    const { crm, watcher, mounted } = setup();
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    crm.go(null);
    watcher.check();
    await Promise.resolve();
    await Promise.resolve();
    expect(observe).not.toHaveBeenCalled();
    expect(timeout).not.toHaveBeenCalled();
    expect(mounted).toHaveLength(0);
  });

  it('tears the sidebar down when leaving a record for a non-record page', async () => {
    const { crm, watcher, unmounted } = setup();
    crm.go(DANA);
    crm.render(DANA);
    watcher.check();
    await tick(10);
    crm.go(null);
    watcher.check();
    await tick();
    expect(unmounted).toEqual([DANA]);
  });

  it('never throws into the page, even when mounting fails', async () => {
    const log = vi.fn();
    const crm = fakeCrm();
    const watcher = new RecordWatcher({
      window: crm.win,
      adapters: [salesforceLightning],
      disabled: () => [],
      log,
      mount: async () => {
        throw new Error('extension context invalidated');
      },
    });
    crm.go(DANA);
    crm.render(DANA);
    expect(() => watcher.check()).not.toThrow();
    await tick(10);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('salesforce-lightning'),
      expect.any(Error),
    );
  });
});
