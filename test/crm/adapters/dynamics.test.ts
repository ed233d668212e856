import { afterEach, describe, expect, it } from 'vitest';
import { dynamics } from '../../../lib/crm/adapters/dynamics';
import { detect } from '../../../lib/crm/detect';
import { matchUrl } from '../../../lib/crm/match';
import { loadFixture } from '../fixtures';
import {
  describeAdapterBasics,
  mountFixture,
  navigate,
  pageUrl,
  runFixtureScripts,
  unmountFixture,
} from './fixture-page';

const adapters = [dynamics];
const GUID_DANA = '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e01';
const GUID_MARCUS = '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e02';

describeAdapterBasics(dynamics, {
  owns: [
    'acme.crm.dynamics.com',
    'acme.crm2.dynamics.com',
    'acme.crm4.dynamics.com',
    'contoso-sales.crm11.dynamics.com',
    'fabrikam.crm21.dynamics.com',
  ],
  rejects: [
    'crm.dynamics.com',
    'acme.crm1.dynamics.com',
    'acme.crm22.dynamics.com',
    'admin.services.crm.dynamics.com',
    'acme.operations.dynamics.com',
    'acme.crm.dynamics.com.evil.example',
    'acme-crm.dynamics.com',
    'home.dynamics.com',
    'crm.contoso.local',
  ],
});

describe('dynamics: URLs', () => {
  it('reads the query in any order and normalizes braced, encoded, upper-case guids', () => {
    const want = { objectType: 'lead', recordId: GUID_DANA, tenant: 'acme' };
    for (const query of [
      `pagetype=entityrecord&etn=lead&id=${GUID_DANA}`,
      `id=${GUID_DANA}&etn=lead&pagetype=entityrecord`,
      `etn=lead&pagetype=entityrecord&id=%7B${GUID_DANA.toUpperCase()}%7D`,
      `appid=5f1e2d3c-4b5a-4968-8776-655443322110&id={${GUID_DANA}}&pagetype=entityrecord&etn=LEAD`,
    ]) {
      expect(
        matchUrl(`https://acme.crm.dynamics.com/main.aspx?${query}`, adapters)?.record,
      ).toEqual(want);
    }
  });

  it('on an on-premises host the user assigned, reads the org from the path', () => {
    const url = `https://crm.contoso.local/ContosoSales/main.aspx?etn=contact&pagetype=entityrecord&id=${GUID_MARCUS}`;
    expect(matchUrl(url, adapters)).toBeNull();
    const hosts = new Map([['crm.contoso.local', 'dynamics']]);
    expect(matchUrl(url, adapters, [], hosts)?.record).toEqual({
      objectType: 'contact',
      recordId: GUID_MARCUS,
      tenant: 'contososales',
    });
  });
});

describe('dynamics: lead form fixture', () => {
  afterEach(unmountFixture);

  it('reads the record from the URL and the identity from inputs by data-id', () => {
    const { url, doc } = loadFixture('dynamics/lead-form.html');
    const found = detect(url, doc, adapters)!;
    expect(found.ref).toEqual({
      crm: 'dynamics',
      tenant: 'acme',
      objectType: 'lead',
      recordId: GUID_DANA,
    });
    expect(found.adapterId).toBe('dynamics');
    expect(found.fields).toEqual({
      name: {
        value: 'Dana Whitfield',
        provenance: { source: 'dom', detail: 'h1[data-id="header_title"]' },
      },
      email: {
        value: 'dana.whitfield@northwind-analytics.com',
        provenance: {
          source: 'input',
          detail: 'input[data-id="emailaddress1.fieldControl-mail-text-input"]',
        },
      },
      company: {
        value: 'Northwind Analytics',
        provenance: {
          source: 'input',
          detail: 'input[data-id="companyname.fieldControl-text-box-text"]',
        },
      },
      title: {
        value: 'Sr. Dir., Demand Gen',
        provenance: {
          source: 'input',
          detail: 'input[data-id="jobtitle.fieldControl-text-box-text"]',
        },
      },
      phone: {
        value: '+1 415 555 0134',
        provenance: {
          source: 'input',
          detail: 'input[data-id="telephone1.fieldControl-phone-text-input"]',
        },
      },
    });
  });

  it('reads what the user typed (the live value), not only the value attribute', () => {
    const { url, doc } = loadFixture('dynamics/lead-form.html');
    const input = doc.querySelector<HTMLInputElement>(
      'input[data-id="jobtitle.fieldControl-text-box-text"]',
    )!;
    input.value = 'VP Demand Gen';
    expect(detect(url, doc, adapters)!.fields.title?.value).toBe('VP Demand Gen');
  });

  it('falls back to the heading text (without the save state) and to an input title', () => {
    const { url, doc } = loadFixture('dynamics/lead-form.html');
    doc.querySelector('h1[data-id="header_title"]')!.removeAttribute('title');
    const email = doc.querySelector<HTMLInputElement>(
      'input[data-id="emailaddress1.fieldControl-mail-text-input"]',
    )!;
    email.value = '';
    email.setAttribute('title', 'dana@northwind-analytics.com');
    const found = detect(url, doc, adapters)!;
    expect(found.fields.name?.value).toBe('Dana Whitfield');
    expect(found.fields.email).toEqual({
      value: 'dana@northwind-analytics.com',
      provenance: {
        source: 'dom',
        detail: 'input[data-id="emailaddress1.fieldControl-mail-text-input"]',
      },
    });
  });

  it('follows in-app navigation to the contact form', async () => {
    const { origin } = mountFixture('dynamics/lead-form.html');
    runFixtureScripts();
    await navigate();
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref).toEqual({
      crm: 'dynamics',
      tenant: 'acme',
      objectType: 'contact',
      recordId: GUID_MARCUS,
    });
    expect(found.fields.name?.value).toBe('Marcus Oyelaran');
    expect(found.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
    expect(found.fields.title?.value).toBe('VP Engineering');
    expect(found.fields.phone?.value).toBe('+44 20 7946 0321');
    // A contact's company is the parentcustomerid lookup, which has no documented marker.
    expect(found.fields.company).toBeUndefined();
    expect(document.title).toBe('Contact: Marcus Oyelaran - Dynamics 365');

    await navigate(); // "Previous record" brings Dana's form back
    expect(detect(pageUrl(origin), document, adapters)!.fields.email?.value).toBe(
      'dana.whitfield@northwind-analytics.com',
    );
  });
});
