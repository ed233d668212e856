import { afterEach, describe, expect, it, vi } from 'vitest';
import { salesforceLightning } from '../../lib/crm/adapters/salesforce-lightning';
import { RecordWatcher } from '../../lib/crm/watcher';
import type { DetectedRecord, LeadContext } from '../../lib/model';
import { contextAfterPrefetch } from '../../lib/crm/sidebar-ui';

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

  describe('prefetch while fields render late', () => {
    function withPrefetch() {
      const crm = fakeCrm();
      const prefetched: DetectedRecord[] = [];
      const mounts: { detected: DetectedRecord; early?: Promise<LeadContext> }[] = [];
      const watcher = new RecordWatcher({
        window: crm.win,
        adapters: [salesforceLightning],
        disabled: () => [],
        fieldTimeoutMs: 1000,
        prefetch: (known) => {
          prefetched.push(known);
          return Promise.resolve({ status: 'no-history', detected: known, computedAt: 1 });
        },
        mount: async (detected, _signal, early) => {
          mounts.push({ detected, early });
        },
      });
      return { crm, watcher, prefetched, mounts };
    }

    /** Asked for Marcus, then Dana; only Dana mounted, with the request made for her. */
    async function askedForBothMountedDanaWithHerRequest({
      prefetched,
      mounts,
    }: ReturnType<typeof withPrefetch>) {
      expect(prefetched.map((d) => d.ref.recordId)).toEqual([MARCUS, DANA]);
      expect(mounts.map((m) => m.detected.ref.recordId)).toEqual([DANA]);
      expect(await mounts[0]!.early).toMatchObject({ detected: { ref: { recordId: DANA } } });
    }

    it('asks from the URL alone while the fields are awaited, and hands that request to the mount', async () => {
      const { crm, watcher, prefetched, mounts } = withPrefetch();
      crm.go(MARCUS);
      watcher.check();
      await tick();
      expect(prefetched).toHaveLength(1);
      expect(prefetched[0]!.ref.recordId).toBe(MARCUS);
      expect(prefetched[0]!.fields).toEqual({});
      expect(mounts).toHaveLength(0); // still waiting for the fields
      crm.render(MARCUS);
      await tick(20);
      expect(mounts).toHaveLength(1);
      expect(mounts[0]!.detected.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
      expect(await mounts[0]!.early).toMatchObject({ detected: { ref: { recordId: MARCUS } } });
    });

    it('asks as soon as the URL names a record, before its fields are read, and hands that request to the mount', async () => {
      const { crm, watcher, prefetched, mounts } = withPrefetch();
      crm.go(DANA);
      watcher.check(); // the URL change: the CRM renders the record later in the same task
      expect(prefetched.map((d) => d.ref.recordId)).toEqual([DANA]);
      expect(prefetched[0]!.fields).toEqual({});
      crm.render(DANA);
      await tick(10);
      expect(prefetched).toHaveLength(1); // the fields were there by the check: nothing asked again
      expect(mounts).toHaveLength(1);
      expect(mounts[0]!.detected.fields.name?.value).toBe('Dana Whitfield');
      expect(await mounts[0]!.early).toMatchObject({ detected: { ref: { recordId: DANA } } });
    });

    it('asks once per record, and nothing for a URL that is not a record', async () => {
      const { crm, watcher, prefetched, mounts } = withPrefetch();
      crm.go(null);
      watcher.check();
      await tick();
      expect(prefetched).toHaveLength(0);
      crm.go(DANA);
      crm.render(DANA);
      watcher.check();
      watcher.check();
      await tick(10);
      watcher.check(); // the same record again (a tab switch inside it)
      await tick(10);
      expect(prefetched.map((d) => d.ref.recordId)).toEqual([DANA]);
      expect(mounts).toHaveLength(1);
    });

    it('a record left while its fields were awaited never mounts, and its request is not used for the next', async () => {
      const setup = withPrefetch();
      const { crm, watcher } = setup;
      crm.go(MARCUS);
      watcher.check();
      await tick();
      crm.go(DANA);
      watcher.check();
      crm.render(DANA);
      await tick(20);
      await askedForBothMountedDanaWithHerRequest(setup);
    });

    it('asks when the URL changed without an event before the check ran', async () => {
      const setup = withPrefetch();
      const { crm, watcher } = setup;
      crm.go(MARCUS);
      watcher.check();
      crm.go(DANA); // no event for this one (the check is already queued)
      crm.render(DANA);
      await tick(20);
      await askedForBothMountedDanaWithHerRequest(setup);
    });

    it('a request started for a URL the page left within the same task is not used', async () => {
      const setup = withPrefetch();
      const { crm, watcher } = setup;
      crm.go(MARCUS);
      watcher.check();
      crm.go(DANA); // a redirect before the check ran
      watcher.check();
      crm.render(DANA);
      await tick(20);
      await askedForBothMountedDanaWithHerRequest(setup);
    });
  });
});

describe('contextAfterPrefetch', () => {
  const known: DetectedRecord = {
    ref: { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: DANA },
    url: `${SF}/lightning/r/Lead/${DANA}/view`,
    adapterId: 'salesforce-lightning',
    fields: {},
  };
  const detected: DetectedRecord = {
    ...known,
    fields: {
      email: {
        value: 'dana.whitfield@northwind-analytics.com',
        provenance: { source: 'dom', detail: 'lightning-formatted-email' },
      },
    },
  };
  const matched = (rule: 'crm_id' | 'email', d = known) =>
    ({
      status: 'matched',
      detected: d,
      match: { leadKey: 'L-1', rule, confidence: 1 },
      computedAt: 5,
    }) as unknown as LeadContext;

  it('keeps the early answer when it matched the lead linked to the record, with the full detected record', async () => {
    const ask = vi.fn(async (d: DetectedRecord) => matched('email', d));
    const reused = vi.fn();
    const ctx = await contextAfterPrefetch(
      detected,
      Promise.resolve(matched('crm_id')),
      ask,
      reused,
    );
    expect(ask).not.toHaveBeenCalled();
    expect(reused).toHaveBeenCalledWith(detected);
    expect(ctx.detected).toBe(detected);
    expect(ctx.status === 'matched' && ctx.match.rule).toBe('crm_id');
  });

  it('asks again with the fields when the record is not linked to a lead', async () => {
    const again = matched('email', detected);
    const ask = vi.fn(async () => again);
    const early = Promise.resolve({
      status: 'no-history',
      detected: known,
      computedAt: 1,
    } as LeadContext);
    expect(await contextAfterPrefetch(detected, early, ask)).toBe(again);
    expect(ask).toHaveBeenCalledWith(detected);
  });

  it('asks again when the early request failed', async () => {
    const again = matched('crm_id', detected);
    const ask = vi.fn(async () => again);
    expect(
      await contextAfterPrefetch(detected, Promise.reject(new Error('port closed')), ask),
    ).toBe(again);
  });

  it('never uses an answer for another record', async () => {
    const other = { ...known, ref: { ...known.ref, recordId: MARCUS } };
    const again = matched('crm_id', detected);
    const ask = vi.fn(async () => again);
    expect(
      await contextAfterPrefetch(detected, Promise.resolve(matched('crm_id', other)), ask),
    ).toBe(again);
  });
});
