import type { AdapterExample, CrmAdapter, CrmUrlAdapter, UrlRecord } from '../types';
import { withDom } from './shared';
import { SALESFORCE_KEY_PREFIX, toSalesforceId18 } from '../salesforce-id';

/** `acme.lightning.force.com` -> `acme`; `acme--uat.sandbox.my.salesforce.com` -> `acme--uat`. */
function tenantOf(url: URL): string {
  return url.hostname.split('.')[0]!.toLowerCase();
}

/** Lead and Contact only: other objects share the URL shape but are not people marketing touched. */
function leadOrContact(rawId: string, url: URL, sobject?: string): UrlRecord | null {
  const id = toSalesforceId18(rawId);
  if (!id) return null;
  const prefix = id.slice(0, 3);
  const objectType =
    prefix === SALESFORCE_KEY_PREFIX.lead
      ? 'lead'
      : prefix === SALESFORCE_KEY_PREFIX.contact
        ? 'contact'
        : null;
  if (!objectType) return null;
  // The URL's object name must agree with the id's key prefix when both are present.
  if (sobject && sobject.toLowerCase() !== objectType) return null;
  return { objectType, recordId: id, tenant: tenantOf(url) };
}

/** Text of a field container's value, wherever Lightning put it. */
const field = (api: string, object: 'Lead' | 'Contact') =>
  [
    `records-record-layout-item[field-label] [data-target-selection-name="sfdc:RecordField.${object}.${api}"] .test-id__field-value`,
    `[data-target-selection-name="sfdc:RecordField.${object}.${api}"] .test-id__field-value`,
    `[data-target-selection-name="sfdc:RecordField.${object}.${api}"] [slot="outputField"]`,
  ] as const;

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const salesforceLightningUrls: CrmUrlAdapter = {
  id: 'salesforce-lightning',
  crm: 'salesforce',
  label: 'Salesforce Lightning',
  matches: [
    'https://*.lightning.force.com/*',
    'https://*.lightning.force.mil/*',
    'https://*.my.salesforce.com/*',
  ],
  hostPattern:
    /^[a-z0-9-]+(?:--[a-z0-9-]+)?(?:\.(?:sandbox|develop|scratch))?\.(?:lightning\.force\.(?:com|mil)|my\.salesforce\.com)$/i,
  urlRules: [
    {
      seenOn: 'Lightning record page: /lightning/r/Lead/00Q.../view (also /edit, /related/...)',
      pattern: /^\/lightning\/r\/(Lead|Contact)\/([a-zA-Z0-9]{15,18})(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m, url) => leadOrContact(m[2]!, url, m[1]),
    },
    {
      seenOn:
        'Lightning URL without the object name, /lightning/r/00Q.../view (links from reports)',
      pattern: /^\/lightning\/r\/([a-zA-Z0-9]{15,18})\/view(?:[?#].*)?$/,
      toRecord: (m, url) => leadOrContact(m[1]!, url),
    },
    {
      seenOn: 'Old one.app hash route: /one/one.app#/sObject/00Q.../view',
      pattern: /^\/one\/one\.app#\/sObject\/([a-zA-Z0-9]{15,18})(?:\/view)?(?:[?/].*)?$/,
      toRecord: (m, url) => leadOrContact(m[1]!, url),
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const salesforceLightning: CrmAdapter = withDom(salesforceLightningUrls, () => ({
  // Lightning keeps hidden cached pages of earlier records (and one per console tab): only the
  // active one counts. Console apps first, since their active tab also carries `.active`.
  activeView: [
    'section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost',
    'div.windowViewMode-normal.active',
    'div.windowViewMode-maximized.active',
  ],
  probes: {
    name: [
      { selector: 'records-highlights2 lightning-formatted-name' },
      { selector: 'records-highlights2 [slot="primaryField"]' },
      {
        selector: 'title',
        // Page title: "{Name} | {Object} | Salesforce"
        clean: (s) => (s.includes(' | ') ? s.split(' | ')[0]!.trim() : ''),
      },
    ],
    email: [
      ...field('Email', 'Lead').map((selector) => ({ selector })),
      ...field('Email', 'Contact').map((selector) => ({ selector })),
      { selector: 'lightning-formatted-email a[href^="mailto:"]' },
    ],
    company: [
      ...field('Company', 'Lead').map((selector) => ({ selector })),
      {
        selector:
          '[data-target-selection-name="sfdc:RecordField.Contact.AccountId"] a[href*="/lightning/r/"]',
      },
    ],
    title: [
      ...field('Title', 'Lead').map((selector) => ({ selector })),
      ...field('Title', 'Contact').map((selector) => ({ selector })),
    ],
    phone: [
      ...field('Phone', 'Lead').map((selector) => ({ selector })),
      ...field('Phone', 'Contact').map((selector) => ({ selector })),
      { selector: 'lightning-formatted-phone' },
    ],
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
    expect: { objectType: 'lead', recordId: '00Q5g00000ABCDeEAP', tenant: 'acme' },
  },
  {
    url: 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDe/view',
    expect: { objectType: 'lead', recordId: '00Q5g00000ABCDeEAP', tenant: 'acme' },
  },
  {
    url: 'https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/0035g00000XyZ12AAF/related/Cases/view',
    expect: { objectType: 'contact', recordId: '0035g00000XyZ12AAF', tenant: 'acme--uat' },
  },
  {
    // An 18-character id whose checksum does not match its first 15 is not a record id.
    url: 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeAAA/view',
    expect: null,
  },
  {
    url: 'https://acme.my.salesforce.com/one/one.app#/sObject/00Q5g00000ABCDe/view',
    expect: { objectType: 'lead', recordId: '00Q5g00000ABCDeEAP', tenant: 'acme' },
  },
  {
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
    expect: null,
  },
  {
    // Government cloud
    url: 'https://agency.lightning.force.mil/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
    expect: { objectType: 'lead', recordId: '00Q5g00000ABCDeEAP', tenant: 'agency' },
  },
  { url: 'https://acme.lightning.force.com/lightning/o/Lead/list', expect: null },
  { url: 'https://acme.lightning.force.com/lightning/page/home', expect: null },
];
