import type { AdapterExample, CrmAdapter, CrmUrlAdapter } from '../types';
import { mailtoAddress, withDom } from './shared';

/** `acme.pipedrive.com` -> `acme` (on `app.pipedrive.com` the host names no company: `app`). */
function tenantOf(url: URL): string {
  return url.hostname.split('.')[0]!.toLowerCase();
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const pipedriveUrls: CrmUrlAdapter = {
  id: 'pipedrive',
  crm: 'pipedrive',
  label: 'Pipedrive',
  matches: ['https://*.pipedrive.com/*'],
  // Company subdomains and app.pipedrive.com; not the marketing site or developer hosts.
  hostPattern:
    /^(?!(?:www|api|developers|oauth|support|marketplace|status)\.)[a-z0-9][a-z0-9-]*\.pipedrive\.com$/i,
  urlRules: [
    {
      seenOn: 'Person detail page /person/{id}',
      pattern: /^\/person\/(\d+)(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m, url) => ({ objectType: 'person', recordId: m[1]!, tenant: tenantOf(url) }),
    },
    {
      seenOn: 'Leads inbox with a lead open /leads/inbox/{uuid}',
      pattern: new RegExp(`^/leads/inbox/(${UUID})(?:[/?#].*)?$`),
      toRecord: (m, url) => ({
        objectType: 'lead',
        recordId: m[1]!.toLowerCase(),
        tenant: tenantOf(url),
      }),
    },
    {
      seenOn: 'Organization and deal detail pages /organization/{id}, /deal/{id}: not people',
      pattern: /^\/(?:organization|deal)\/\d+(?:[/?#].*)?$/,
      toRecord: () => null,
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const pipedrive: CrmAdapter = withDom(pipedriveUrls, () => ({
  // Pipedrive keeps earlier views in the DOM, hidden. The views are taken to be children of the
  // `main` landmark (inferred): the lead detail panel, else the view that shows e-mail links,
  // else any visible child (so a hidden view's links are never read). Pages without `main`
  // fall back to the body.
  activeView: [
    'main > :has([data-testid="SidebarLeadTitle"])',
    'main > :has(a[href^="mailto:"])',
    'main > *',
    'body:not(:has(main))',
  ],
  probes: {
    name: [
      { selector: '[data-testid="SidebarLeadTitle"]' },
      {
        selector: 'title',
        // Person page: "{Name} - contact details"
        clean: (s) => /^(.+?) - contact details$/.exec(s)?.[1] ?? '',
      },
    ],
    email: [
      // Hidden views of earlier records stay in the DOM: the first visible link wins.
      {
        selector: 'a[href^="mailto:"]',
        read: { attr: 'href' },
        clean: mailtoAddress,
        visibleOnly: true,
      },
    ],
    // Generic signals (inferred): the linked organization and a dialable phone link.
    company: [{ selector: 'a[href*="/organization/"]', visibleOnly: true }],
    phone: [
      { selector: 'a[href^="tel:"]', visibleOnly: true },
      { selector: 'a[href^="callto:"]', visibleOnly: true },
    ],
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://acme.pipedrive.com/person/101',
    expect: { objectType: 'person', recordId: '101', tenant: 'acme' },
  },
  {
    url: 'https://acme.pipedrive.com/person/102?tab=activity',
    expect: { objectType: 'person', recordId: '102', tenant: 'acme' },
  },
  {
    url: 'https://app.pipedrive.com/person/4417',
    expect: { objectType: 'person', recordId: '4417', tenant: 'app' },
  },
  {
    url: 'https://acme.pipedrive.com/leads/inbox/8D2E4F60-1A3B-4C5D-9E7F-0A1B2C3D4E5F',
    expect: {
      objectType: 'lead',
      recordId: '8d2e4f60-1a3b-4c5d-9e7f-0a1b2c3d4e5f',
      tenant: 'acme',
    },
  },
  { url: 'https://acme.pipedrive.com/organization/201', expect: null },
  { url: 'https://acme.pipedrive.com/deal/3001', expect: null },
  // List pages.
  { url: 'https://acme.pipedrive.com/persons/list', expect: null },
  { url: 'https://acme.pipedrive.com/leads/inbox', expect: null },
  // Malformed ids.
  { url: 'https://acme.pipedrive.com/person/abc', expect: null },
  { url: 'https://acme.pipedrive.com/leads/inbox/8d2e4f60-1a3b-4c5d-9e7f', expect: null },
  // Marketing site.
  { url: 'https://www.pipedrive.com/person/101', expect: null },
];
