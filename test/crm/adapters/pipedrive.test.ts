import { afterEach, describe, expect, it } from 'vitest';
import { pipedrive } from '../../../lib/crm/adapters/pipedrive';
import { detect } from '../../../lib/crm/detect';
import { loadFixture } from '../fixtures';
import {
  describeAdapterBasics,
  mountFixture,
  navigate,
  pageUrl,
  runFixtureScripts,
  unmountFixture,
} from './fixture-page';

const adapters = [pipedrive];
const MAILTO = 'a[href^="mailto:"]';

describeAdapterBasics(pipedrive, {
  owns: ['acme.pipedrive.com', 'app.pipedrive.com', 'northwind-analytics.pipedrive.com'],
  rejects: [
    'pipedrive.com',
    'www.pipedrive.com',
    'api.pipedrive.com',
    'developers.pipedrive.com',
    'oauth.pipedrive.com',
    'evil-pipedrive.com',
    'acme.pipedrive.com.evil.example',
    'a.b.pipedrive.com',
  ],
});

describe('pipedrive: person page with a hidden stale view', () => {
  afterEach(unmountFixture);

  it("reads the visible person, not the hidden view's earlier person", () => {
    const { url, doc } = loadFixture('pipedrive/person-hidden-stale.html');
    // The stale view's link comes first in the document: a plain query would pick it.
    expect(doc.querySelector(MAILTO)?.getAttribute('href')).toBe(
      'mailto:priya.raman@brightpath.co',
    );
    const found = detect(url, doc, adapters)!;
    expect(found.ref).toEqual({
      crm: 'pipedrive',
      tenant: 'acme',
      objectType: 'person',
      recordId: '101',
    });
    expect(found.fields).toEqual({
      name: { value: 'Dana Whitfield', provenance: { source: 'title', detail: 'title' } },
      email: {
        value: 'dana.whitfield@northwind-analytics.com',
        provenance: { source: 'dom', detail: MAILTO },
      },
      company: {
        value: 'Northwind Analytics',
        provenance: { source: 'dom', detail: 'a[href*="/organization/"]' },
      },
      phone: { value: '+1 415 555 0134', provenance: { source: 'dom', detail: 'a[href^="tel:"]' } },
    });
  });

  it('reads no e-mail at all when the visible person has none (never the stale one)', () => {
    const { url, doc } = loadFixture('pipedrive/person-hidden-stale.html');
    for (const a of doc.querySelectorAll('[data-fixture-slot] a[href^="mailto:"]')) a.remove();
    const found = detect(url, doc, adapters)!;
    expect(found.fields.email).toBeUndefined();
    expect(found.fields.name?.value).toBe('Dana Whitfield');
  });

  it('reads nothing from the DOM while every view is hidden', () => {
    const { url, doc } = loadFixture('pipedrive/person-hidden-stale.html');
    doc.querySelector<HTMLElement>('[data-fixture-slot]')!.style.display = 'none';
    const { fields } = detect(url, doc, adapters)!;
    expect(fields.email).toBeUndefined();
    expect(fields.company).toBeUndefined();
  });

  it('decodes the address of a mailto link with a query', () => {
    const doc = new DOMParser().parseFromString(
      '<title>Dana Whitfield - contact details</title><main><div>' +
        '<a href="mailto:dana.whitfield%40northwind-analytics.com?subject=Hi">Email</a></div></main>',
      'text/html',
    );
    const found = detect('https://acme.pipedrive.com/person/101', doc, adapters)!;
    expect(found.fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
  });

  it('follows in-app navigation to the next person; the stale view stays ignored', async () => {
    const { origin } = mountFixture('pipedrive/person-hidden-stale.html');
    runFixtureScripts();
    await navigate();
    expect(document.title).toBe('Marcus Oyelaran - contact details');
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref.recordId).toBe('102');
    expect(found.fields.name?.value).toBe('Marcus Oyelaran');
    expect(found.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
    expect(found.fields.company?.value).toBe('Helix Biosystems');
  });
});

describe('pipedrive: leads inbox', () => {
  afterEach(unmountFixture);

  it('reads the lead from the URL and the identity from the lead panel', () => {
    const { url, doc } = loadFixture('pipedrive/lead-inbox.html');
    const found = detect(url, doc, adapters)!;
    expect(found.ref).toEqual({
      crm: 'pipedrive',
      tenant: 'acme',
      objectType: 'lead',
      recordId: '8d2e4f60-1a3b-4c5d-9e7f-0a1b2c3d4e5f',
    });
    expect(found.fields.name).toEqual({
      value: 'Priya Raman',
      provenance: { source: 'dom', detail: '[data-testid="SidebarLeadTitle"]' },
    });
    expect(found.fields.email?.value).toBe('priya.raman@brightpath.co');
    expect(found.fields.company?.value).toBe('BrightPath Logistics');
    expect(found.fields.phone?.value).toBe('+61 2 5550 1987');
  });

  it('follows in-app navigation to a person page', async () => {
    const { origin } = mountFixture('pipedrive/lead-inbox.html');
    runFixtureScripts();
    await navigate();
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref).toEqual({
      crm: 'pipedrive',
      tenant: 'acme',
      objectType: 'person',
      recordId: '101',
    });
    expect(found.fields.name?.value).toBe('Dana Whitfield');
    expect(found.fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
  });
});
