import type { AdapterExample, CrmAdapter, CrmUrlAdapter } from '../types';
import { mailtoAddress, titleBefore, withDom } from './shared';

/** The page title is "{Name} | {App}": the name. */
const fromTitle = titleBefore('Close(?:\\.com| CRM)?');

/**
 * Close (app.close.com). A Close "lead" is the company; the people at it are contacts shown on the
 * lead page (they have no page of their own), so the lead page is the record for all of them.
 *
 * Close's DOM markers are not documented (class names are generated): the probes below use
 * generic signals only (the page heading, mailto:/tel: links, document.title) and are inferred.
 */

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const closeUrls: CrmUrlAdapter = {
  id: 'close',
  crm: 'close',
  label: 'Close',
  matches: ['https://app.close.com/*'],
  hostPattern: /^app\.close\.com$/i,
  urlRules: [
    {
      seenOn:
        'Lead page: app.close.com/lead/lead_xxx/ (CRM-REFERENCE.md); anything after the id (tabs, ' +
        'a contact opened on the lead, query) stays on the same lead: inferred',
      pattern: /^\/lead\/(lead_[A-Za-z0-9]{10,64})(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m) => ({ objectType: 'lead', recordId: m[1]!, tenant: 'app' }),
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const close: CrmAdapter = withDom(closeUrls, () => ({
  // The app renders its current page in one main landmark (inferred); 'body' keeps the generic
  // probes working if it has none.
  activeView: ['main', '[role="main"]', 'body'],
  probes: {
    // No documented marker for a contact's name: the heading of the first contact card (a list
    // item or article holding an email link) is a structural guess (inferred).
    name: [{ selector: ':is(li, article):has(a[href^="mailto:"]) :is(h2, h3, h4)' }],
    email: [
      {
        selector: 'a[href^="mailto:"]',
        read: { attr: 'href' },
        clean: mailtoAddress,
      },
    ],
    // The lead (the company) is the page heading and the document title (inferred).
    company: [{ selector: 'h1' }, { selector: 'title', clean: fromTitle }],
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
    url: 'https://app.close.com/lead/lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt/',
    expect: {
      objectType: 'lead',
      recordId: 'lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt',
      tenant: 'app',
    },
  },
  {
    // No trailing slash, a query string.
    url: 'https://app.close.com/lead/lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt?tab=activity',
    expect: {
      objectType: 'lead',
      recordId: 'lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt',
      tenant: 'app',
    },
  },
  {
    // A contact opened on its lead's page: the lead is the record.
    url: 'https://app.close.com/lead/lead_Hk2pQ9wX4rT1vN8bM3cZ7yL0sD5fG6jA2eU9iO1kWqP/contact/cont_Rt5yU8iO2pA4sD6fG8hJ0kL/',
    expect: {
      objectType: 'lead',
      recordId: 'lead_Hk2pQ9wX4rT1vN8bM3cZ7yL0sD5fG6jA2eU9iO1kWqP',
      tenant: 'app',
    },
  },
  { url: 'https://app.close.com/leads/', expect: null },
  { url: 'https://app.close.com/lead/cont_Rt5yU8iO2pA4sD6fG8hJ0kL/', expect: null },
  { url: 'https://app.close.com/lead/lead_/', expect: null },
  { url: 'https://app.close.com/lead/lead_abc$def1234567/', expect: null },
  { url: 'https://app.close.com/opportunities/', expect: null },
  {
    url: 'https://app.close.com.evil.net/lead/lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt/',
    expect: null,
  },
  {
    url: 'https://evil-close.com/lead/lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt/',
    expect: null,
  },
];
