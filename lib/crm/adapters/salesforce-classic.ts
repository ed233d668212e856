import type { AdapterExample, CrmAdapter, CrmUrlAdapter, UrlRecord } from '../types';
import { withDom } from './shared';
import { SALESFORCE_KEY_PREFIX, toSalesforceId18 } from '../salesforce-id';

/**
 * Tenant from the host, spelled like the Lightning adapter's so that one org gives one tenant:
 * `acme.my.salesforce.com` -> `acme`, `acme--uat.sandbox.my.salesforce.com` -> `acme--uat`,
 * `na42.salesforce.com` -> `na42` (instanced Classic URLs carry no org name).
 * Visualforce hosts append the package name to the My Domain name (`acme--c.vf.force.com`,
 * `acme--uat--c.sandbox.vf.force.com`): it is dropped. Old Visualforce hosts without a My Domain
 * (`c.na42.visual.force.com`) give the instance, like the Classic page they were opened from.
 */
function tenantOf(url: URL): string {
  const labels = url.hostname.toLowerCase().split('.');
  const first = labels[0]!;
  if (!/\.(?:vf|visual)\.force\.com$/.test(url.hostname.toLowerCase())) return first;
  const cut = first.lastIndexOf('--');
  if (cut > 0) return first.slice(0, cut);
  const instance = labels[1];
  return instance && /^(?:na|cs)\d+$/.test(instance) ? instance : first;
}

/** Lead and Contact only (same rule as the Lightning adapter): other key prefixes are null. */
function leadOrContact(rawId: string, url: URL): UrlRecord | null {
  const id = toSalesforceId18(rawId);
  if (!id) return null;
  const prefix = id.slice(0, 3);
  const objectType =
    prefix === SALESFORCE_KEY_PREFIX.lead
      ? 'lead'
      : prefix === SALESFORCE_KEY_PREFIX.contact
        ? 'contact'
        : null;
  return objectType ? { objectType, recordId: id, tenant: tenantOf(url) } : null;
}

/** A Classic detail page block: label cells and data cells side by side. */
const DETAIL = '.bPageBlock.bDetailBlock';

/**
 * Salesforce Classic (and Visualforce pages that show a record). Shares `*.my.salesforce.com`
 * with the Lightning adapter: its URL rules only take Classic paths (`/{id}`, `/{id}/e`,
 * `/apex/{Page}?id=`), never `/lightning/...` or `/one/one.app`.
 */
/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const salesforceClassicUrls: CrmUrlAdapter = {
  id: 'salesforce-classic',
  crm: 'salesforce',
  label: 'Salesforce Classic',
  // `naNN.salesforce.com` / `csNN.salesforce.com` cannot be written as a match pattern narrower
  // than `*.salesforce.com` (which also covers `*.my.salesforce.com`); `hostPattern` is exact.
  matches: [
    'https://*.salesforce.com/*',
    'https://*.vf.force.com/*',
    'https://*.visual.force.com/*',
  ],
  hostPattern: new RegExp(
    '^(?:' +
      // Instanced Classic hosts: na42.salesforce.com, cs17.salesforce.com
      '(?:na|cs)\\d{1,3}\\.salesforce\\.com' +
      // My Domain: acme.my.salesforce.com, acme--uat.sandbox.my.salesforce.com,
      // legacy sandbox acme--uat.cs17.my.salesforce.com
      '|[a-z0-9-]+(?:\\.(?:sandbox|develop|scratch|(?:na|cs)\\d{1,3}))?\\.my\\.salesforce\\.com' +
      // Visualforce: acme--c.vf.force.com, acme--uat--c.sandbox.vf.force.com
      '|[a-z0-9-]+(?:\\.(?:sandbox|develop|scratch))?\\.vf\\.force\\.com' +
      // Old Visualforce: c.na42.visual.force.com, acme--c.na42.visual.force.com
      '|[a-z0-9-]+(?:\\.(?:na|cs)\\d{1,3})?\\.visual\\.force\\.com' +
      ')$',
    'i',
  ),
  urlRules: [
    {
      seenOn: 'Classic record detail page /00Q5g00000ABCDe (15 or 18 chars), edit page /{id}/e',
      pattern: /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})(?:\/e)?\/?(?:[?#].*)?$/,
      toRecord: (m, url) => leadOrContact(m[1]!, url),
    },
    {
      seenOn: 'Visualforce page opened from a record: /apex/LeadSummary?id=00Q...',
      pattern:
        /^\/apex\/[A-Za-z0-9_]+\?(?:[^#]*&)?id=([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})(?:[&#].*)?$/,
      toRecord: (m, url) => leadOrContact(m[1]!, url),
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const salesforceClassic: CrmAdapter = withDom(salesforceClassicUrls, () => ({
  // Classic renders one record per page (no cached hidden views); fields are read from its
  // detail block. `.pageType` ("Lead" / "Contact") agrees with the id's key prefix.
  probes: {
    name: [{ selector: '.bPageTitle .pageDescription' }, { selector: '.pageDescription' }],
    email: [
      { selector: `${DETAIL} td.dataCol a[href^="mailto:"]` },
      { selector: 'td.dataCol a[href^="mailto:"]' },
    ],
    // Company, Title and Phone are plain text in `td.dataCol` cells told apart only by the text
    // of the `td.labelCol` before them: label-value probes.
    company: [
      {
        selector: `${DETAIL} td.labelCol`,
        label: { text: ['Company', 'Account Name'], value: 'td.dataCol' },
      },
    ],
    title: [{ selector: `${DETAIL} td.labelCol`, label: { text: ['Title'], value: 'td.dataCol' } }],
    phone: [{ selector: `${DETAIL} td.labelCol`, label: { text: ['Phone'], value: 'td.dataCol' } }],
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://na42.salesforce.com/00Q5g00000ABCDe',
    expect: { objectType: 'lead', recordId: '00Q5g00000ABCDeEAP', tenant: 'na42' },
  },
  {
    url: 'https://acme.my.salesforce.com/00Q5g00000ABCDeEAP',
    expect: { objectType: 'lead', recordId: '00Q5g00000ABCDeEAP', tenant: 'acme' },
  },
  {
    url: 'https://cs17.salesforce.com/0035g00000XyZ12/e?retURL=%2F0035g00000XyZ12',
    expect: { objectType: 'contact', recordId: '0035g00000XyZ12AAF', tenant: 'cs17' },
  },
  {
    url: 'https://acme--uat.sandbox.my.salesforce.com/0035g00000XyZ12AAF',
    expect: { objectType: 'contact', recordId: '0035g00000XyZ12AAF', tenant: 'acme--uat' },
  },
  {
    url: 'https://acme--c.vf.force.com/apex/LeadSummary?id=00Q5g00000ABCDe',
    expect: { objectType: 'lead', recordId: '00Q5g00000ABCDeEAP', tenant: 'acme' },
  },
  {
    url: 'https://c.na42.visual.force.com/apex/acme__Console?sfdc.tabName=01r&id=0035g00000XyZ12AAF',
    expect: { objectType: 'contact', recordId: '0035g00000XyZ12AAF', tenant: 'na42' },
  },
  // An Opportunity under the same URL shape.
  { url: 'https://na42.salesforce.com/0065g00000AbCdE', expect: null },
  // An 18-character id whose checksum does not match its first 15.
  { url: 'https://na42.salesforce.com/00Q5g00000ABCDeAAA', expect: null },
  // List view ("Recent Leads") and the Leads tab home.
  { url: 'https://na42.salesforce.com/00Q/o', expect: null },
  { url: 'https://acme.my.salesforce.com/00Q?fcf=00B5g00000AbCdE', expect: null },
  // 16 characters: not an id.
  { url: 'https://na42.salesforce.com/00Q5g00000ABCDeE', expect: null },
  // (Lightning URLs on the shared My Domain host are the Lightning adapter's positives: the
  // tests check that this adapter never claims them.)
];
