import { describe, expect, it, vi } from 'vitest';
import { activeView, detect, detectWhenReady } from '../../lib/crm/detect';
import { salesforceLightning } from '../../lib/crm/adapters/salesforce-lightning';
import { loadFixture } from './fixtures';

const adapters = [salesforceLightning];

describe('detect on Salesforce Lightning', () => {
  it('reads the active record and ignores the hidden cached page of the previous record', () => {
    const { url, doc } = loadFixture('salesforce-lightning/lead-with-cached-page.html');
    const found = detect(url, doc, adapters)!;
    expect(found.ref).toEqual({
      crm: 'salesforce',
      tenant: 'acme',
      objectType: 'lead',
      recordId: '00Q5g00000ABCDeEAP',
    });
    expect(found.adapterId).toBe('salesforce-lightning');
    expect(found.fields.name?.value).toBe('Dana Whitfield');
    expect(found.fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
    expect(found.fields.title?.value).toBe('Sr. Dir., Demand Gen');
    expect(found.fields.company?.value).toBe('Northwind Analytics');
    expect(found.fields.phone?.value).toBe('+1 415 555 0134');
    expect(found.fields.email?.provenance).toEqual({
      source: 'dom',
      detail: expect.stringContaining('sfdc:RecordField.Lead.Email'),
    });
  });

  it('reads the active console tab only', () => {
    const { url, doc } = loadFixture('salesforce-lightning/console-two-tabs.html');
    const found = detect(url, doc, adapters)!;
    expect(found.ref.objectType).toBe('contact');
    expect(found.fields.name?.value).toBe('Marcus Oyelaran');
    expect(found.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
    // A contact's company is its Account lookup.
    expect(found.fields.company?.value).toBe('Helix Biosystems');
  });

  it('finds fields inside native (open) shadow roots', () => {
    const doc = document.implementation.createHTMLDocument('');
    doc.title = 'Dana Whitfield | Lead | Salesforce';
    const view = doc.createElement('div');
    view.className = 'windowViewMode-normal active';
    const host = doc.createElement('records-lwc-detail-panel');
    const shadow = host.attachShadow({ mode: 'open' });
    const item = doc.createElement('div');
    item.setAttribute('data-target-selection-name', 'sfdc:RecordField.Lead.Email');
    const value = doc.createElement('div');
    value.className = 'test-id__field-value';
    value.textContent = ' dana.whitfield@northwind-analytics.com ';
    item.append(value);
    shadow.append(item);
    view.append(host);
    doc.body.append(view);
    const found = detect(
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
      doc,
      adapters,
    )!;
    expect(found.fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
    // The name falls back to the page title: "{Name} | {Object} | Salesforce".
    expect(found.fields.name).toEqual({
      value: 'Dana Whitfield',
      provenance: { source: 'title', detail: 'title' },
    });
  });

  it('reports nothing for pages that are not lead or contact records', () => {
    const doc = document.implementation.createHTMLDocument('x');
    for (const url of [
      'https://acme.lightning.force.com/lightning/o/Lead/list',
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
      'https://example.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
    ]) {
      expect(detect(url, doc, adapters)).toBeNull();
    }
  });

  it('skips an adapter the user switched off', () => {
    const { url, doc } = loadFixture('salesforce-lightning/lead-with-cached-page.html');
    expect(detect(url, doc, adapters, ['salesforce-lightning'])).toBeNull();
  });
});

describe('detectWhenReady', () => {
  const url = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view';

  function emptyLightning(): { doc: Document; view: HTMLElement } {
    const doc = document.implementation.createHTMLDocument('Lightning Experience | Salesforce');
    const view = doc.createElement('div');
    view.className = 'windowViewMode-normal active';
    doc.body.append(view);
    return { doc, view };
  }

  it('waits for fields that render late, then stops observing', async () => {
    const { doc, view } = emptyLightning();
    const pending = detectWhenReady(url, doc, {
      signal: new AbortController().signal,
      timeoutMs: 5000,
    });
    setTimeout(() => {
      const name = doc.createElement('lightning-formatted-name');
      name.textContent = 'Dana Whitfield';
      const h = doc.createElement('records-highlights2');
      h.append(name);
      const email = doc.createElement('a');
      email.href = 'mailto:dana.whitfield@northwind-analytics.com';
      email.textContent = 'dana.whitfield@northwind-analytics.com';
      const f = doc.createElement('lightning-formatted-email');
      f.append(email);
      view.append(h, f);
    }, 30);
    const found = await pending;
    expect(found?.fields.name?.value).toBe('Dana Whitfield');
    expect(found?.fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
  });

  it('still reports the record with what is known when fields never appear', async () => {
    const { doc } = emptyLightning();
    const found = await detectWhenReady(url, doc, {
      signal: new AbortController().signal,
      timeoutMs: 50,
    });
    expect(found?.ref.recordId).toBe('00Q5g00000ABCDeEAP');
    expect(found?.fields.email).toBeUndefined();
  });

  it('resolves null when aborted (the user left the record)', async () => {
    const { doc } = emptyLightning();
    const controller = new AbortController();
    const pending = detectWhenReady(url, doc, { signal: controller.signal, timeoutMs: 5000 });
    controller.abort();
    expect(await pending).toBeNull();
  });
});

describe('detectWhenReady observes the record view, not the page', () => {
  const url = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view';
  const [firstViewSelector] = salesforceLightning.activeView!;
  const tick = () => new Promise((r) => setTimeout(r, 0));

  /** A busy page: a live feed outside the record view, and a container of record views. */
  function busyPage(withView = true) {
    const doc = document.implementation.createHTMLDocument('Lightning Experience | Salesforce');
    const feed = doc.createElement('ul');
    const center = doc.createElement('div');
    doc.body.append(feed, center);
    const addView = () => {
      const view = doc.createElement('div');
      view.className = 'windowViewMode-normal active';
      center.append(view);
      return view;
    };
    const view = withView ? addView() : null;
    const tickFeed = () => feed.append(doc.createElement('li'));
    // Each detection pass looks the active view up in the document, first selector first.
    const queries = vi.spyOn(doc, 'querySelectorAll');
    const reads = () => queries.mock.calls.filter(([s]) => s === firstViewSelector).length;
    return { doc, center, view, addView, tickFeed, reads };
  }

  function renderDana(doc: Document, view: Element) {
    const name = doc.createElement('lightning-formatted-name');
    name.textContent = 'Dana Whitfield';
    const highlights = doc.createElement('records-highlights2');
    highlights.append(name);
    const email = doc.createElement('lightning-formatted-email');
    const a = doc.createElement('a');
    a.href = 'mailto:dana.whitfield@northwind-analytics.com';
    a.textContent = 'dana.whitfield@northwind-analytics.com';
    email.append(a);
    view.append(highlights, email);
  }

  const subtreeTargets = (observe: { mock: { calls: unknown[][] } }) =>
    observe.mock.calls.filter(([, o]) => (o as MutationObserverInit).subtree).map(([node]) => node);

  it('watches the active view only: the page\u2019s other mutations cause no read', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const page = busyPage();
    const pending = detectWhenReady(url, page.doc, {
      signal: new AbortController().signal,
      timeoutMs: 5000,
    });
    expect(subtreeTargets(observe)).toEqual([page.view]);
    expect(page.reads()).toBe(1);
    for (let i = 0; i < 5; i++) {
      page.tickFeed();
      await tick();
    }
    expect(page.reads()).toBe(1);
    renderDana(page.doc, page.view!);
    const found = await pending;
    expect(found?.fields.name?.value).toBe('Dana Whitfield');
    expect(found?.fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
    expect(page.reads()).toBe(2);
  });

  it('moves to the new active view when the CRM puts one next to the old (and hides the old)', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const page = busyPage();
    const old = page.view!;
    const pending = detectWhenReady(url, page.doc, {
      signal: new AbortController().signal,
      timeoutMs: 5000,
    });
    old.classList.remove('active');
    const next = page.addView();
    await tick();
    expect(subtreeTargets(observe)).toEqual([old, next]);
    renderDana(page.doc, next);
    expect((await pending)?.fields.name?.value).toBe('Dana Whitfield');
  });

  it('moves when the active view is hidden in place (its class or an ancestor\u2019s changes)', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const page = busyPage();
    const old = page.view!;
    const other = page.doc.createElement('div');
    other.className = 'windowViewMode-normal';
    page.doc.body.append(other);
    const pending = detectWhenReady(url, page.doc, {
      signal: new AbortController().signal,
      timeoutMs: 5000,
    });
    page.center.setAttribute('hidden', ''); // the whole container of the old view goes away
    other.classList.add('active');
    await tick();
    expect(subtreeTargets(observe)).toEqual([old, other]);
    renderDana(page.doc, other);
    expect((await pending)?.fields.name?.value).toBe('Dana Whitfield');
  });

  it('watches the body while no view is on the page, then narrows to the view', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const page = busyPage(false);
    const pending = detectWhenReady(url, page.doc, {
      signal: new AbortController().signal,
      timeoutMs: 5000,
    });
    expect(subtreeTargets(observe)).toEqual([page.doc.body]);
    const view = page.addView();
    await tick();
    expect(subtreeTargets(observe)).toEqual([page.doc.body, view]);
    const reads = page.reads();
    page.tickFeed();
    await tick();
    expect(page.reads()).toBe(reads);
    renderDana(page.doc, view);
    expect((await pending)?.fields.name?.value).toBe('Dana Whitfield');
  });

  it('disconnects as soon as the fields are found', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const page = busyPage();
    const pending = detectWhenReady(url, page.doc, {
      signal: new AbortController().signal,
      timeoutMs: 5000,
    });
    renderDana(page.doc, page.view!);
    await pending;
    const disconnected = disconnect.mock.calls.length;
    expect(disconnected).toBeGreaterThanOrEqual(2); // both observers
    const reads = page.reads();
    page.view!.append(page.doc.createElement('p'));
    page.tickFeed();
    await tick();
    expect(page.reads()).toBe(reads);
  });
});

describe('activeView', () => {
  const adapter = {
    ...salesforceLightning,
    activeView: ['div.view.active', 'div.view'],
  };
  const page = (html: string) => {
    document.body.replaceChildren(document.createRange().createContextualFragment(html));
    return document;
  };

  it('takes a single candidate its markup does not hide without computing styles', () => {
    const doc = page('<div class="view active" id="a"></div><div class="view" id="b"></div>');
    const styles = vi.spyOn(window, 'getComputedStyle');
    expect((activeView(adapter, doc) as Element).id).toBe('a');
    expect(styles).not.toHaveBeenCalled();
  });

  it('skips candidates hidden by their markup, even when alone', () => {
    const doc = page(
      '<div hidden><div class="view active" id="a"></div></div><div class="view" id="b"></div>',
    );
    expect((activeView(adapter, doc) as Element).id).toBe('b');
    const inline = page(
      '<div class="view active" id="a" style="display: none"></div><div class="view" id="b"></div>',
    );
    expect((activeView(adapter, inline) as Element).id).toBe('b');
  });

  it('asks the browser which of several candidates is visible (stylesheet hiding)', () => {
    const doc = page(
      '<style>.cached { display: none }</style>' +
        '<div class="view active cached" id="a"></div><div class="view active" id="b"></div>',
    );
    const styles = vi.spyOn(window, 'getComputedStyle');
    expect((activeView(adapter, doc) as Element).id).toBe('b');
    expect(styles).toHaveBeenCalled();
  });
});
