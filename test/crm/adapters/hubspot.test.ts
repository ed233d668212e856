import { afterEach, describe, expect, it } from 'vitest';
import { hubspot } from '../../../lib/crm/adapters/hubspot';
import { detect, detectWhenReady } from '../../../lib/crm/detect';
import { matchUrl } from '../../../lib/crm/match';
import { loadFixture } from '../fixtures';
import {
  describeAdapterBasics,
  mountFixture,
  navigate,
  pageUrl,
  runFixtureScripts,
  sleep,
  unmountFixture,
} from './fixture-page';

const adapters = [hubspot];
const DANA = {
  crm: 'hubspot',
  tenant: '4512345',
  objectType: 'contact',
  recordId: '51',
} as const;

describeAdapterBasics(hubspot, {
  owns: ['app.hubspot.com', 'app-eu1.hubspot.com', 'app-na1.hubspot.com', 'app-na2.hubspot.com'],
  rejects: [
    'hubspot.com',
    'www.hubspot.com',
    'api.hubspot.com',
    'knowledge.hubspot.com',
    'evil-hubspot.com',
    'app.hubspot.com.evil.example',
    'app-eu1.hubspot.com.evil.example',
    'app-europe.hubspot.com',
    'apps.hubspot.com',
  ],
});

describe('hubspot: probes', () => {
  const url = 'https://app.hubspot.com/contacts/4512345/record/0-1/51';
  const page = (body: string) => new DOMParser().parseFromString(body, 'text/html');

  it('reads a property whether the marker is on the input, on a wrapper or on text', () => {
    const doc = page(`
      <div data-test-id="left-sidebar">
        <input data-selenium-test="property-input-email" value="dana.whitfield@northwind-analytics.com">
        <div data-selenium-test="property-input-jobtitle"><input value="Sr. Dir., Demand Gen"></div>
        <span data-selenium-test="property-input-phone">+1 415 555 0134</span>
      </div>`);
    const { fields } = detect(url, doc, adapters)!;
    expect(fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
    expect(fields.email?.provenance.source).toBe('input');
    expect(fields.title?.value).toBe('Sr. Dir., Demand Gen');
    expect(fields.phone).toEqual({
      value: '+1 415 555 0134',
      provenance: {
        source: 'dom',
        detail: '[data-test-id="left-sidebar"] [data-selenium-test="property-input-phone"]',
      },
    });
  });

  it("prefers the record's own sidebar over a preview panel opened on top of it", () => {
    const doc = page(`
      <div data-selenium-test="sidebar-preview-panel">
        <span data-selenium-test="highlightTitle">Marcus Oyelaran</span>
        <input data-selenium-test="property-input-email" value="marcus.oyelaran@helixbio.io">
      </div>
      <div data-test-id="left-sidebar">
        <div data-test-id="record-highlight-main-content">
          <span data-selenium-test="highlightTitle">Dana Whitfield</span>
        </div>
        <input data-selenium-test="property-input-email" value="dana.whitfield@northwind-analytics.com">
      </div>`);
    const { fields } = detect(url, doc, adapters)!;
    expect(fields.name?.value).toBe('Dana Whitfield');
    expect(fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
  });
});

describe('hubspot: lazily rendered record page', () => {
  afterEach(unmountFixture);

  it('knows the record from the URL before anything has rendered', () => {
    const { url, doc } = loadFixture('hubspot/contact-record-lazy.html');
    const found = detect(url, doc, adapters)!;
    expect(found.ref).toEqual(DANA);
    expect(found.fields).toEqual({});
  });

  it('detectWhenReady waits for the late record and resolves with its fields', async () => {
    const { url } = mountFixture('hubspot/contact-record-lazy.html');
    runFixtureScripts();
    const started = Date.now();
    const found = await detectWhenReady(url, document, {
      signal: new AbortController().signal,
      timeoutMs: 3000,
      adapters,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(found!.ref).toEqual(DANA);
    expect(found!.fields.name).toEqual({
      value: 'Dana Whitfield',
      provenance: {
        source: 'dom',
        detail:
          '[data-test-id="record-highlight-main-content"] [data-selenium-test="highlightTitle"]',
      },
    });
    expect(found!.fields.email).toEqual({
      value: 'dana.whitfield@northwind-analytics.com',
      provenance: {
        source: 'input',
        detail: '[data-test-id="left-sidebar"] input[data-selenium-test="property-input-email"]',
      },
    });
    expect(found!.fields.title?.value).toBe('Sr. Dir., Demand Gen');
    expect(found!.fields.phone?.value).toBe('+1 415 555 0134');
    // The company card is not there yet: the company name property stands in.
    expect(found!.fields.company?.value).toBe('Northwind Analytics');
    expect(found!.fields.company?.provenance.detail).toContain('property-input-company');

    await sleep(250); // the right sidebar arrives at ~450 ms
    expect(detect(url, document, adapters)!.fields.company).toEqual({
      value: 'Northwind Analytics',
      provenance: {
        source: 'dom',
        detail:
          '[data-test-id="records-right-sidebar"] [data-selenium-test="company-chicklet-title-link"]',
      },
    });
  });

  it('detectWhenReady resolves null when aborted before the record renders', async () => {
    const { url } = mountFixture('hubspot/contact-record-lazy.html');
    runFixtureScripts();
    const controller = new AbortController();
    const pending = detectWhenReady(url, document, {
      signal: controller.signal,
      timeoutMs: 3000,
      adapters,
    });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeNull();
    expect(document.querySelector('[data-selenium-test="highlightTitle"]')).toBeNull();
  });

  it('detectWhenReady resolves null at once when the signal is already aborted', async () => {
    const { url } = mountFixture('hubspot/contact-record-lazy.html');
    const controller = new AbortController();
    controller.abort();
    expect(
      await detectWhenReady(url, document, { signal: controller.signal, adapters }),
    ).toBeNull();
  });

  it('follows in-app navigation to the next contact', async () => {
    const { url, origin } = mountFixture('hubspot/contact-record-lazy.html');
    runFixtureScripts();
    await detectWhenReady(url, document, { signal: new AbortController().signal, adapters });
    await navigate();
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref).toEqual({ ...DANA, recordId: '52' });
    expect(found.fields.name?.value).toBe('Marcus Oyelaran');
    expect(found.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
    expect(found.fields.company?.value).toBe('Helix Biosystems');
    expect(found.fields.title?.value).toBe('VP Engineering');
  });
});

describe('hubspot: list page with the preview panel', () => {
  afterEach(unmountFixture);

  it('is not a record page: the URL names no record', () => {
    const { url, doc } = loadFixture('hubspot/contacts-list-preview.html');
    expect(doc.querySelector('[data-selenium-test="sidebar-preview-panel"]')).not.toBeNull();
    expect(detect(url, doc, adapters)).toBeNull();
  });

  it('links the previewed record to its record URL (what a link-based rule could use)', () => {
    const { url, doc } = loadFixture('hubspot/contacts-list-preview.html');
    const panel = doc.querySelector('[data-selenium-test="sidebar-preview-panel"]')!;
    const link = [...panel.querySelectorAll('a[href]')]
      .map((a) => new URL(a.getAttribute('href')!, url).href)
      .map((href) => matchUrl(href, adapters))
      .find(Boolean);
    expect(link?.record).toEqual({ objectType: 'contact', recordId: '51', tenant: '4512345' });
  });

  it('follows in-app navigation from the list to a record page', async () => {
    const { origin } = mountFixture('hubspot/contacts-list-preview.html');
    runFixtureScripts();
    await navigate();
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref).toEqual({ ...DANA, recordId: '52' });
    expect(found.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
  });
});
