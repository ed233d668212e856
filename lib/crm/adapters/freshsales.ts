import type { AdapterExample, CrmAdapter, CrmUrlAdapter } from '../types';
import { mailtoAddress, titleBefore, withDom } from './shared';

/** The page title is "{Name} | {App}": the name. */
const fromTitle = titleBefore('(?:Freshsales|Freshworks CRM)');

/**
 * Freshsales (Freshworks CRM): `{sub}.myfreshworks.com/crm/sales/...` today, `{sub}.freshsales.io`
 * for older accounts. Its DOM markers are not documented: the probes use generic signals only
 * (the record heading, mailto:/tel: links, document.title) and are inferred.
 */

/** `acme.myfreshworks.com` -> `acme`. */
function tenantOf(url: URL): string {
  return url.hostname.split('.')[0]!.toLowerCase();
}

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const freshsalesUrls: CrmUrlAdapter = {
  id: 'freshsales',
  crm: 'freshsales',
  label: 'Freshsales',
  matches: ['https://*.myfreshworks.com/*', 'https://*.freshsales.io/*'],
  hostPattern: /^(?!www\.)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:myfreshworks\.com|freshsales\.io)$/i,
  urlRules: [
    {
      seenOn:
        'Record page: {sub}.myfreshworks.com/crm/sales/{contacts|deals|accounts}/{id} ' +
        '(CRM-REFERENCE.md); only contacts are people. Sub-tabs after the id: inferred',
      pattern: /^\/crm\/sales\/(contacts|deals|accounts)\/(\d{1,20})(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m, url) =>
        m[1] === 'contacts'
          ? { objectType: 'contact', recordId: m[2]!, tenant: tenantOf(url) }
          : null,
    },
    {
      seenOn:
        'Legacy record page: {sub}.freshsales.io/{leads|contacts}/(view/)?{id} (CRM-REFERENCE.md)',
      pattern: /^\/(leads|contacts)\/(?:view\/)?(\d{1,20})(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m, url) => ({
        objectType: m[1] === 'leads' ? 'lead' : 'contact',
        recordId: m[2]!,
        tenant: tenantOf(url),
      }),
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const freshsales: CrmAdapter = withDom(freshsalesUrls, () => ({
  // The single-page app renders the current page in its main landmark (inferred); 'body' keeps
  // the generic probes working if it has none.
  activeView: ['main', '[role="main"]', 'body'],
  probes: {
    name: [{ selector: 'h1' }, { selector: 'title', clean: fromTitle }],
    email: [{ selector: 'a[href^="mailto:"]', read: { attr: 'href' }, clean: mailtoAddress }],
    // A contact's account is a link to the account's record page (inferred).
    company: [
      { selector: 'a[href*="/crm/sales/accounts/"]:not([href*="/accounts/view/"])' },
      { selector: 'a[href^="/accounts/"]' },
    ],
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
    url: 'https://acme.myfreshworks.com/crm/sales/contacts/16000123456',
    expect: { objectType: 'contact', recordId: '16000123456', tenant: 'acme' },
  },
  {
    url: 'https://Acme-EU.myfreshworks.com/crm/sales/contacts/16000123456/activities?tab=notes',
    expect: { objectType: 'contact', recordId: '16000123456', tenant: 'acme-eu' },
  },
  {
    url: 'https://acme.freshsales.io/leads/view/5001234',
    expect: { objectType: 'lead', recordId: '5001234', tenant: 'acme' },
  },
  {
    url: 'https://acme.freshsales.io/contacts/5007788',
    expect: { objectType: 'contact', recordId: '5007788', tenant: 'acme' },
  },
  { url: 'https://acme.myfreshworks.com/crm/sales/deals/16000987654', expect: null },
  { url: 'https://acme.myfreshworks.com/crm/sales/accounts/16000555000', expect: null },
  // A list view: "view" is not a record id on the new hosts.
  { url: 'https://acme.myfreshworks.com/crm/sales/contacts/view/16000271043', expect: null },
  { url: 'https://acme.myfreshworks.com/crm/sales/contacts/abc', expect: null },
  // Other Freshworks apps on the same host.
  { url: 'https://acme.myfreshworks.com/crm/marketing/contacts/16000123456', expect: null },
  { url: 'https://acme.freshsales.io/leads/view/new', expect: null },
  { url: 'https://acme.myfreshworks.com.evil.net/crm/sales/contacts/16000123456', expect: null },
  { url: 'https://evil-myfreshworks.com/crm/sales/contacts/16000123456', expect: null },
];
