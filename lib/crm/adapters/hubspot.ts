import type { AdapterExample, CrmAdapter, CrmUrlAdapter, FieldProbe, UrlRecord } from '../types';
import { withDom } from './shared';

/** HubSpot object type ids that are people we track; companies, deals, tickets, custom: null. */
const PEOPLE: ReadonlyMap<string, UrlRecord['objectType']> = new Map([
  ['0-1', 'contact'],
  ['0-136', 'lead'],
]);

/**
 * A property of the record, wherever HubSpot puts the marker: on the input itself, on a wrapper
 * around the input, or on an element that shows the value as text. The left sidebar (the
 * record's own "About" card) is searched first, so that a preview panel opened over the record
 * (associated contact) cannot win.
 */
function property(name: string): FieldProbe[] {
  const marker = `[data-selenium-test="property-input-${name}"]`;
  return ['[data-test-id="left-sidebar"] ', ''].flatMap((scope): FieldProbe[] => [
    { selector: `${scope}input${marker}`, read: 'value' },
    { selector: `${scope}${marker} input`, read: 'value' },
    { selector: `${scope}${marker}` },
  ]);
}

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const hubspotUrls: CrmUrlAdapter = {
  id: 'hubspot',
  crm: 'hubspot',
  label: 'HubSpot',
  // Regional hosts (app-eu1, app-na2, ...) can only be covered by `*.hubspot.com`; `hostPattern`
  // keeps only the app hosts.
  matches: ['https://*.hubspot.com/*'],
  hostPattern: /^app(?:-[a-z]{2}\d)?\.hubspot\.com$/i,
  urlRules: [
    {
      seenOn:
        'Record page /contacts/{portalId}/record/{objectTypeId}/{id} (0-1 contact, 0-136 lead)',
      pattern: /^\/contacts\/(\d+)\/record\/(\d+-\d+)\/(\d+)(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m) => {
        const objectType = PEOPLE.get(m[2]!);
        return objectType ? { objectType, recordId: m[3]!, tenant: m[1]! } : null;
      },
    },
    {
      seenOn: 'Legacy contact page /contacts/{portalId}/contact/{id}',
      pattern: /^\/contacts\/(\d+)\/contact\/(\d+)(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m) => ({ objectType: 'contact', recordId: m[2]!, tenant: m[1]! }),
    },
    {
      seenOn: 'Legacy company / deal / ticket pages /contacts/{portalId}/company/{id}: not people',
      pattern: /^\/contacts\/\d+\/(?:company|deal|ticket)\/\d+(?:[/?#].*)?$/,
      toRecord: () => null,
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const hubspot: CrmAdapter = withDom(hubspotUrls, () => ({
  // No cached hidden record views are known; the list page's preview panel has no id in the
  // URL, so a list page is never a record here.
  probes: {
    name: [
      {
        selector:
          '[data-test-id="record-highlight-main-content"] [data-selenium-test="highlightTitle"]',
      },
      { selector: '[data-selenium-test="highlightTitle"]' },
    ],
    email: property('email'),
    company: [
      {
        selector:
          '[data-test-id="records-right-sidebar"] [data-selenium-test="company-chicklet-title-link"]',
      },
      { selector: '[data-selenium-test="company-chicklet-title-link"]' },
      ...property('company'),
    ],
    title: property('jobtitle'),
    phone: property('phone'),
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://app.hubspot.com/contacts/4512345/record/0-1/51',
    expect: { objectType: 'contact', recordId: '51', tenant: '4512345' },
  },
  {
    url: 'https://app.hubspot.com/contacts/4512345/record/0-1/52/?interaction=note',
    expect: { objectType: 'contact', recordId: '52', tenant: '4512345' },
  },
  {
    url: 'https://app-eu1.hubspot.com/contacts/26012345/record/0-1/7301',
    expect: { objectType: 'contact', recordId: '7301', tenant: '26012345' },
  },
  {
    url: 'https://app-na2.hubspot.com/contacts/4512345/record/0-136/98765432101',
    expect: { objectType: 'lead', recordId: '98765432101', tenant: '4512345' },
  },
  {
    url: 'https://app.hubspot.com/contacts/4512345/contact/51/',
    expect: { objectType: 'contact', recordId: '51', tenant: '4512345' },
  },
  // Companies, deals, tickets and custom objects are not people.
  { url: 'https://app.hubspot.com/contacts/4512345/record/0-2/3001', expect: null },
  { url: 'https://app.hubspot.com/contacts/4512345/record/0-3/4001', expect: null },
  { url: 'https://app.hubspot.com/contacts/4512345/record/0-5/5001', expect: null },
  { url: 'https://app.hubspot.com/contacts/4512345/record/2-1234567/6001', expect: null },
  { url: 'https://app.hubspot.com/contacts/4512345/company/3001/', expect: null },
  // List page (the preview panel shows a record, but not its id in the URL).
  { url: 'https://app.hubspot.com/contacts/4512345/objects/0-1/views/all/list', expect: null },
  // Malformed record id.
  { url: 'https://app.hubspot.com/contacts/4512345/record/0-1/51abc', expect: null },
  // Not an app host.
  { url: 'https://www.hubspot.com/contacts/4512345/record/0-1/51', expect: null },
];
