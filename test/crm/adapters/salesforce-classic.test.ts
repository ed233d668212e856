import { examplesOf } from '../../../lib/crm/adapters/examples';
import { afterEach, describe, expect, it } from 'vitest';
import { salesforceClassic } from '../../../lib/crm/adapters/salesforce-classic';
import { salesforceLightning } from '../../../lib/crm/adapters/salesforce-lightning';
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

const adapters = [salesforceClassic];

describeAdapterBasics(salesforceClassic, {
  owns: [
    'na1.salesforce.com',
    'na42.salesforce.com',
    'cs17.salesforce.com',
    'acme.my.salesforce.com',
    'acme--uat.sandbox.my.salesforce.com',
    'acme--uat.cs17.my.salesforce.com',
    'acme--c.vf.force.com',
    'acme--uat--c.sandbox.vf.force.com',
    'c.na42.visual.force.com',
    'acme--c.na42.visual.force.com',
  ],
  rejects: [
    'salesforce.com',
    'www.salesforce.com',
    'login.salesforce.com',
    'test.salesforce.com',
    'trailhead.salesforce.com',
    'acme.lightning.force.com',
    'na42.salesforce.com.evil.example',
    'evil-salesforce.com',
    'na42-salesforce.com',
    'acme.my.salesforce.com.evil.example',
  ],
});

describe('salesforce-classic: sharing *.my.salesforce.com with Lightning', () => {
  it('never claims a Lightning URL', () => {
    for (const e of examplesOf(salesforceLightning)) {
      expect(matchUrl(e.url, adapters), e.url).toBeNull();
    }
    for (const url of [
      'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
      'https://acme.my.salesforce.com/lightning/r/00Q5g00000ABCDeEAP/view',
      'https://acme.my.salesforce.com/one/one.app#/sObject/00Q5g00000ABCDe/view',
      'https://acme.my.salesforce.com/lightning/page/home?id=00Q5g00000ABCDe',
    ]) {
      expect(matchUrl(url, adapters), url).toBeNull();
    }
  });

  it.each([
    ['Classic first', [salesforceClassic, salesforceLightning]],
    ['Lightning first', [salesforceLightning, salesforceClassic]],
  ] as const)('each adapter keeps its own URLs whatever the order (%s)', (_, both) => {
    for (const e of examplesOf(salesforceLightning)) {
      const m = matchUrl(e.url, both);
      expect(m?.record ?? null, e.url).toEqual(e.expect);
      if (m) expect(m.adapter.id).toBe('salesforce-lightning');
    }
    for (const e of examplesOf(salesforceClassic)) {
      const m = matchUrl(e.url, both);
      expect(m?.record ?? null, e.url).toEqual(e.expect);
      if (m) expect(m.adapter.id).toBe('salesforce-classic');
    }
  });

  it('gives a record on a My Domain host the same tenant as Lightning does', () => {
    const classic = matchUrl('https://acme.my.salesforce.com/00Q5g00000ABCDe', adapters)!;
    const lightning = matchUrl(
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
      [salesforceLightning],
    )!;
    expect(classic.record).toEqual(lightning.record);
  });

  it('drops the package name from Visualforce hosts', () => {
    expect(
      matchUrl(
        'https://acme--uat--c.sandbox.vf.force.com/apex/LeadSummary?id=00Q5g00000ABCDe',
        adapters,
      )?.record.tenant,
    ).toBe('acme--uat');
    expect(
      matchUrl('https://acme--c.na42.visual.force.com/apex/X?id=00Q5g00000ABCDe', adapters)?.record
        .tenant,
    ).toBe('acme');
  });

  it('takes only an exact id= parameter on Visualforce pages', () => {
    expect(
      matchUrl('https://acme--c.vf.force.com/apex/LeadSummary?retid=00Q5g00000ABCDe', adapters),
    ).toBeNull();
  });
});

describe('salesforce-classic: lead detail fixture', () => {
  afterEach(unmountFixture);

  it('reads the record from the URL and name and email from the detail page', () => {
    const { url, doc } = loadFixture('salesforce-classic/lead-detail.html');
    expect(url).toBe('https://acme.my.salesforce.com/00Q5g00000ABCDe');
    const found = detect(url, doc, [salesforceLightning, salesforceClassic])!;
    expect(found.adapterId).toBe('salesforce-classic');
    expect(found.ref).toEqual({
      crm: 'salesforce',
      tenant: 'acme',
      objectType: 'lead',
      recordId: '00Q5g00000ABCDeEAP',
    });
    expect(doc.querySelector('.pageType')?.textContent).toMatch(/^Lead/);
    expect(found.fields.name).toEqual({
      value: 'Dana Whitfield',
      provenance: { source: 'dom', detail: '.bPageTitle .pageDescription' },
    });
    // The detail block's mailto, not the one in the Activity History related list.
    expect(found.fields.email).toEqual({
      value: 'dana.whitfield@northwind-analytics.com',
      provenance: {
        source: 'dom',
        detail: '.bPageBlock.bDetailBlock td.dataCol a[href^="mailto:"]',
      },
    });
    // Company, Title and Phone come from label-value probes: the td.dataCol after the label.
    expect(found.fields.company).toEqual({
      value: 'Northwind Analytics',
      provenance: {
        source: 'dom',
        detail: '.bPageBlock.bDetailBlock td.labelCol[text="Company"] ~ td.dataCol',
      },
    });
    expect(found.fields.title?.value).toBe('Sr. Dir., Demand Gen');
    expect(found.fields.phone?.value).toBe('+1 415 555 0134');
  });

  it('keeps the label cells next to the values the label probes read', () => {
    const { doc } = loadFixture('salesforce-classic/lead-detail.html');
    const byLabel = (label: string) =>
      [...doc.querySelectorAll('td.labelCol')]
        .find((td) => td.textContent?.trim() === label)
        ?.nextElementSibling?.textContent?.trim();
    expect(byLabel('Company')).toBe('Northwind Analytics');
    expect(byLabel('Title')).toBe('Sr. Dir., Demand Gen');
    expect(byLabel('Phone')).toBe('+1 415 555 0134');
    expect(byLabel('Email')).toBe('dana.whitfield@northwind-analytics.com');
  });

  it('follows in-app navigation to the contact (15-character id in the URL)', async () => {
    const { origin } = mountFixture('salesforce-classic/lead-detail.html');
    runFixtureScripts();
    await navigate();
    expect(location.pathname).toBe('/0035g00000XyZ12');
    const found = detect(pageUrl(origin), document, adapters)!;
    expect(found.ref).toEqual({
      crm: 'salesforce',
      tenant: 'acme',
      objectType: 'contact',
      recordId: '0035g00000XyZ12AAF',
    });
    expect(found.fields.name?.value).toBe('Marcus Oyelaran');
    expect(found.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
  });
});
