import type { AdapterExample, CrmAdapter, CrmUrlAdapter, FieldProbe } from '../types';
import { firstEmail, mailtoAddress, withDom } from './shared';

/**
 * EspoCRM: EspoCloud (`{sub}.espocloud.com`) and self-hosted installs (any host the user adds,
 * often under a path such as `/espocrm/`). Hash-routed single-page app.
 */

/** `acme.espocloud.com` -> `acme`; a self-hosted install -> its host name. */
function tenantOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.endsWith('.espocloud.com') ? host.slice(0, -'.espocloud.com'.length) : host;
}

/** Record ids: 17 hex characters by default; UUIDs where the install is set to them (inferred). */
const ID =
  '[0-9a-fA-F]{17}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The value cell of a field in the detail view: `[data-name]` (inferred). */
const field = (name: string, inner = ''): FieldProbe => ({
  selector: `.detail .field[data-name="${name}"]${inner ? ` ${inner}` : ''}`,
});

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const espocrmUrls: CrmUrlAdapter = {
  id: 'espocrm',
  crm: 'espocrm',
  label: 'EspoCRM',
  selfHosted: true,
  matches: ['https://*.espocloud.com/*'],
  hostPattern: /^(?!www\.)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.espocloud\.com$/i,
  urlRules: [
    {
      seenOn:
        'Detail view: #{Lead|Contact}/view/{id} (CRM-REFERENCE.md), on any path of the install; ' +
        'other entity types share the route. Inferred: the edit view #Lead/edit/{id}, UUID ids, ' +
        'and the field markers [data-name] inside the detail view `.detail`',
      pattern: new RegExp(`^[^#]*#([A-Za-z]+)/(?:view|edit)/(${ID})(?:[/?].*)?$`),
      toRecord: (m, url) => {
        const objectType = m[1] === 'Lead' ? 'lead' : m[1] === 'Contact' ? 'contact' : null;
        return objectType ? { objectType, recordId: m[2]!, tenant: tenantOf(url) } : null;
      },
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const espocrm: CrmAdapter = withDom(espocrmUrls, () => ({
  // The router renders the current view into `#main` (inferred); the record's fields sit in its
  // `.detail` view, the record's name in the page header above it.
  activeView: ['#main', 'body'],
  probes: {
    name: [
      field('name'),
      // Page header breadcrumb: "Leads › Dana Whitfield" (inferred).
      { selector: '.page-header .header-title .title' },
    ],
    email: [
      {
        ...field('emailAddress', 'a[href^="mailto:"]'),
        read: { attr: 'href' },
        clean: mailtoAddress,
      },
      // Addresses open Espo's own composer: the address is on the link (inferred).
      { ...field('emailAddress', '[data-email-address]'), read: { attr: 'data-email-address' } },
      { ...field('emailAddress'), clean: firstEmail },
    ],
    // A lead's company is the `accountName` text; a contact's is its `account` link (inferred).
    company: [field('accountName'), field('account', 'a')],
    title: [field('title')],
    phone: [field('phoneNumber', 'a[href^="tel:"]'), field('phoneNumber')],
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://acme.espocloud.com/#Lead/view/65a1f0c2b3d4e5f67',
    expect: { objectType: 'lead', recordId: '65a1f0c2b3d4e5f67', tenant: 'acme' },
  },
  {
    url: 'https://acme.espocloud.com/#Contact/view/65a1f0c2b3d4e5f68',
    expect: { objectType: 'contact', recordId: '65a1f0c2b3d4e5f68', tenant: 'acme' },
  },
  {
    // Self-hosted under a path: a host the user assigned to this adapter.
    url: 'https://crm.example-corp.internal/espocrm/#Lead/view/65a1f0c2b3d4e5f67',
    expect: {
      objectType: 'lead',
      recordId: '65a1f0c2b3d4e5f67',
      tenant: 'crm.example-corp.internal',
    },
  },
  { url: 'https://acme.espocloud.com/#Lead', expect: null },
  { url: 'https://acme.espocloud.com/#Lead/list', expect: null },
  { url: 'https://acme.espocloud.com/#Account/view/65a1f0c2b3d4e5f69', expect: null },
  { url: 'https://acme.espocloud.com/#Opportunity/view/65a1f0c2b3d4e5f6a', expect: null },
  { url: 'https://acme.espocloud.com/#Lead/view/65a1f0c2', expect: null },
  { url: 'https://acme.espocloud.com/#Lead/view/65a1f0c2b3d4e5f6z', expect: null },
  {
    url: 'https://acme.espocloud.com/#Lead/edit/65a1f0c2b3d4e5f67',
    expect: { objectType: 'lead', recordId: '65a1f0c2b3d4e5f67', tenant: 'acme' },
  },
  {
    url: 'https://acme.espocloud.com/#Contact/view/0190a3b2-7c4d-7e5f-8a6b-9c0d1e2f3a4b',
    expect: {
      objectType: 'contact',
      recordId: '0190a3b2-7c4d-7e5f-8a6b-9c0d1e2f3a4b',
      tenant: 'acme',
    },
  },
  { url: 'https://acme.espocloud.com/#Lead/create', expect: null },
];
