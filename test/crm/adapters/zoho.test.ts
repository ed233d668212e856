import { afterEach, describe, expect, it } from 'vitest';
import { zoho } from '../../../lib/crm/adapters/zoho';
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

const adapters = [zoho];
const DANA = {
  crm: 'zoho',
  tenant: 'org60012345',
  objectType: 'lead',
  recordId: '5725767000000412001',
} as const;

describeAdapterBasics(zoho, {
  owns: [
    'crm.zoho.com',
    'crm.zoho.eu',
    'crm.zoho.in',
    'crm.zoho.com.au',
    'crm.zoho.com.cn',
    'crm.zoho.jp',
    'crm.zoho.ca',
    'crm.zoho.sa',
    'crmsandbox.zoho.com',
    'crmsandbox.zoho.eu',
  ],
  rejects: [
    'zoho.com',
    'www.zoho.com',
    'mail.zoho.com',
    'crm.zoho.co.uk',
    'crm.zoho.com.evil.example',
    'crm.zohocorp.com',
    'evil-crm.zoho.com',
    'crm-zoho.com',
  ],
});

describe('zoho: new UI', () => {
  afterEach(unmountFixture);

  it('reads the record from the URL and the identity from data-zcqa values', () => {
    const { url, doc } = loadFixture('zoho/lead-new-ui.html');
    const found = detect(url, doc, adapters)!;
    expect(found.ref).toEqual(DANA);
    const dom = (api: string) => ({ source: 'dom', detail: `[data-zcqa="value_${api}"]` });
    expect(found.fields).toEqual({
      name: { value: 'Dana Whitfield', provenance: dom('Full_Name') },
      email: { value: 'dana.whitfield@northwind-analytics.com', provenance: dom('Email') },
      company: { value: 'Northwind Analytics', provenance: dom('Company') },
      title: { value: 'Sr. Dir., Demand Gen', provenance: dom('Designation') },
      phone: { value: '+1 415 555 0134', provenance: dom('Phone') },
    });
  });

  it('ignores a hidden detail view and reads nothing while the only one is hidden', () => {
    const { url, doc } = loadFixture('zoho/lead-new-ui.html');
    const live = doc.querySelector('crm-detail-view')!;
    const stale = live.cloneNode(true) as HTMLElement;
    stale.querySelector('[data-zcqa="value_Email"]')!.textContent = 'someone@else.example';
    stale.hidden = true;
    live.before(stale);
    expect(detect(url, doc, adapters)!.fields.email?.value).toBe(
      'dana.whitfield@northwind-analytics.com',
    );
    (live as HTMLElement).hidden = true;
    expect(detect(url, doc, adapters)!.fields).toEqual({});
  });

  it('follows in-app navigation to a contact (Account_Name, Title)', async () => {
    const { origin } = mountFixture('zoho/lead-new-ui.html');
    runFixtureScripts();
    await navigate();
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref).toEqual({
      ...DANA,
      objectType: 'contact',
      recordId: '5725767000000413002',
    });
    expect(found.fields.name?.value).toBe('Marcus Oyelaran');
    expect(found.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
    expect(found.fields.company?.provenance.detail).toBe('[data-zcqa="value_Account_Name"]');
    expect(found.fields.company?.value).toBe('Helix Biosystems');
    expect(found.fields.title?.value).toBe('VP Engineering');
  });
});

describe('zoho: old UI', () => {
  afterEach(unmountFixture);

  it('reads the identity from #subvalue_{FIELD}', () => {
    const { url, doc } = loadFixture('zoho/lead-old-ui.html');
    const found = detect(url, doc, adapters)!;
    expect(found.ref).toEqual(DANA);
    const dom = (col: string) => ({ source: 'dom', detail: `#subvalue_${col}` });
    expect(found.fields).toEqual({
      name: { value: 'Dana Whitfield', provenance: dom('LASTNAME') },
      email: { value: 'dana.whitfield@northwind-analytics.com', provenance: dom('EMAIL') },
      company: { value: 'Northwind Analytics', provenance: dom('COMPANY') },
      title: { value: 'Sr. Dir., Demand Gen', provenance: dom('DESIGNATION') },
      phone: { value: '+1 415 555 0134', provenance: dom('PHONE') },
    });
  });

  it('falls back to #value_{FIELD}', () => {
    const { url, doc } = loadFixture('zoho/lead-old-ui.html');
    doc.querySelector('#subvalue_EMAIL')!.removeAttribute('id');
    expect(detect(url, doc, adapters)!.fields.email).toEqual({
      value: 'dana.whitfield@northwind-analytics.com',
      provenance: { source: 'dom', detail: '#value_EMAIL' },
    });
  });

  it('follows in-app navigation to a contact', async () => {
    const { origin } = mountFixture('zoho/lead-old-ui.html');
    runFixtureScripts();
    await navigate();
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref.objectType).toBe('contact');
    expect(found.fields.name?.value).toBe('Marcus Oyelaran');
    expect(found.fields.title?.value).toBe('VP Engineering');
  });
});
