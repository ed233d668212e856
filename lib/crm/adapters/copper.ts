import type { AdapterExample, CrmAdapter, CrmUrlAdapter } from '../types';
import { mailtoAddress, titleBefore, withDom } from './shared';

/** The page title is "{Name} | {App}": the name. */
const fromTitle = titleBefore('Copper(?: CRM)?');

/**
 * Copper: `app.copper.com/companies/{account}/app#/{object}/{id}` (hash routing). Its DOM markers
 * are not documented: the probes use generic signals only (the record heading, mailto:/tel: links,
 * links to the organization, document.title) and are inferred.
 */

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const copperUrls: CrmUrlAdapter = {
  id: 'copper',
  crm: 'copper',
  label: 'Copper',
  matches: ['https://app.copper.com/*'],
  hostPattern: /^app\.copper\.com$/i,
  urlRules: [
    {
      seenOn:
        'Record page: app.copper.com/companies/{acct}/app#/{contact|organization|deal}/{id} ' +
        '(CRM-REFERENCE.md). People are `contact`; `lead` (Copper also has leads) is inferred',
      pattern: /^\/companies\/(\d{1,12})\/app\/?#\/([a-z]+)\/(\d{1,15})(?:[/?].*)?$/,
      toRecord: (m) => {
        const objectType = m[2] === 'contact' ? 'contact' : m[2] === 'lead' ? 'lead' : null;
        return objectType ? { objectType, recordId: m[3]!, tenant: m[1]! } : null;
      },
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const copper: CrmAdapter = withDom(copperUrls, () => ({
  // The app's current page is its main landmark (inferred); 'body' keeps the probes working.
  activeView: ['main', '[role="main"]', 'body'],
  probes: {
    name: [{ selector: 'h1' }, { selector: 'title', clean: fromTitle }],
    email: [{ selector: 'a[href^="mailto:"]', read: { attr: 'href' }, clean: mailtoAddress }],
    // A person's company is a link to the organization's record (inferred).
    company: [{ selector: 'a[href*="#/organization/"]' }],
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
    url: 'https://app.copper.com/companies/412345/app#/contact/98765432',
    expect: { objectType: 'contact', recordId: '98765432', tenant: '412345' },
  },
  {
    url: 'https://app.copper.com/companies/412345/app#/contact/98765432/activity',
    expect: { objectType: 'contact', recordId: '98765432', tenant: '412345' },
  },
  {
    url: 'https://app.copper.com/companies/412345/app#/lead/55501234',
    expect: { objectType: 'lead', recordId: '55501234', tenant: '412345' },
  },
  { url: 'https://app.copper.com/companies/412345/app#/organization/33012345', expect: null },
  { url: 'https://app.copper.com/companies/412345/app#/deal/44012345', expect: null },
  {
    url: 'https://app.copper.com/companies/412345/app#/browse/list/people/default',
    expect: null,
  },
  { url: 'https://app.copper.com/companies/412345/app#/contact/abc', expect: null },
  { url: 'https://app.copper.com/companies/412345/app', expect: null },
  { url: 'https://app.copper.com.evil.net/companies/412345/app#/contact/98765432', expect: null },
  { url: 'https://evil-copper.com/companies/412345/app#/contact/98765432', expect: null },
];
