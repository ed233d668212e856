import type { AdapterExample, CrmAdapter, CrmUrlAdapter } from '../types';
import { mailtoAddress, titleBefore, withDom } from './shared';

/** The page title is "{Name} | {App}": the name. */
const fromTitle = titleBefore('Twenty');

/**
 * Twenty: Twenty Cloud (`app.twenty.com`, workspace hosts `{ws}.twenty.com`) and self-hosted
 * servers (any host the user adds). People are `person` records; companies and opportunities share
 * the route and are not people. Class names are generated (CSS-in-JS): the probes use generic
 * signals only (the record heading, mailto:/tel: links, links to the company record) and are
 * inferred.
 */

/** `acme.twenty.com` -> `acme` (`app` on the shared host); a self-hosted server -> its host name. */
function tenantOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.endsWith('.twenty.com') ? host.slice(0, -'.twenty.com'.length) : host;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const twentyUrls: CrmUrlAdapter = {
  id: 'twenty',
  crm: 'twenty',
  label: 'Twenty',
  selfHosted: true,
  matches: ['https://*.twenty.com/*'],
  // Not the marketing site, the docs or the API host.
  hostPattern: /^(?!(?:www|api|docs)\.)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.twenty\.com$/i,
  urlRules: [
    {
      seenOn:
        'Record show page: /object/{person|company|opportunity}/{uuid} (CRM-REFERENCE.md) on ' +
        'app.twenty.com, {ws}.twenty.com or self-hosted; other (custom) objects share the route',
      pattern: new RegExp(`^/object/([A-Za-z][A-Za-z0-9]*)/(${UUID})/?(?:[?#].*)?$`),
      toRecord: (m, url) =>
        m[1] === 'person'
          ? { objectType: 'person', recordId: m[2]!.toLowerCase(), tenant: tenantOf(url) }
          : null,
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const twenty: CrmAdapter = withDom(twentyUrls, () => ({
  // The record show page is the main landmark (inferred); 'body' keeps the probes working.
  activeView: ['main', '[role="main"]', 'body'],
  probes: {
    name: [{ selector: 'h1' }, { selector: 'title', clean: fromTitle }],
    email: [{ selector: 'a[href^="mailto:"]', read: { attr: 'href' }, clean: mailtoAddress }],
    // The person's company is a link to the company's record page (inferred).
    company: [{ selector: 'a[href*="/object/company/"]' }],
    phone: [
      { selector: 'a[href^="tel:"]' },
      {
        selector: 'a[href^="tel:"]',
        read: { attr: 'href' },
        clean: (s) => s.replace(/^tel:/i, ''),
      },
    ],
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://app.twenty.com/object/person/0f6b1c2e-8a4d-4e3b-9c7a-5d2e1f3a4b61',
    expect: {
      objectType: 'person',
      recordId: '0f6b1c2e-8a4d-4e3b-9c7a-5d2e1f3a4b61',
      tenant: 'app',
    },
  },
  {
    url: 'https://acme.twenty.com/object/person/0F6B1C2E-8A4D-4E3B-9C7A-5D2E1F3A4B61?tab=emails',
    expect: {
      objectType: 'person',
      recordId: '0f6b1c2e-8a4d-4e3b-9c7a-5d2e1f3a4b61',
      tenant: 'acme',
    },
  },
  {
    // Self-hosted: a host the user assigned to this adapter.
    url: 'https://crm.example-corp.internal/object/person/3a9d7e51-2c4b-4f8e-b1a6-7e0d9c2f5b13',
    expect: {
      objectType: 'person',
      recordId: '3a9d7e51-2c4b-4f8e-b1a6-7e0d9c2f5b13',
      tenant: 'crm.example-corp.internal',
    },
  },
  {
    url: 'https://app.twenty.com/object/company/5e2a8c1d-4b7f-4a3e-9d6c-2f1b0e8a7c42',
    expect: null,
  },
  {
    url: 'https://app.twenty.com/object/opportunity/9b4e2d7a-1c6f-4e8b-a3d5-0f7c2e9b1a64',
    expect: null,
  },
  { url: 'https://app.twenty.com/objects/people', expect: null },
  { url: 'https://app.twenty.com/object/person/12345', expect: null },
  { url: 'https://app.twenty.com/settings/profile', expect: null },
];
