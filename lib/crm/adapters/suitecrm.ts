import type { AdapterExample, CrmAdapter, CrmUrlAdapter, UrlRecord } from '../types';
import { firstEmail, mailtoAddress, titleBefore, withDom } from './shared';

/** The page title is "{Name} | {App}": the name. */
const fromTitle = titleBefore('SuiteCRM', '»|\\u2013\\u2014-');

/**
 * SuiteCRM 7 and 8. Always self-hosted: no cloud host, so the adapter runs only on hosts the
 * user added and assigned to it (`hostPattern` matches nothing). Installs often live under a
 * path (`/crm/`, `/suitecrm/public/`): the rules accept any path prefix.
 */

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const UUID_RE = new RegExp(`^${UUID}$`);

function record(module: string | null, id: string | null, url: URL): UrlRecord | null {
  if (!id || !UUID_RE.test(id)) return null;
  const m = (module ?? '').toLowerCase();
  const objectType = m === 'leads' ? 'lead' : m === 'contacts' ? 'contact' : null;
  return objectType
    ? { objectType, recordId: id.toLowerCase(), tenant: url.hostname.toLowerCase() }
    : null;
}

/** SuiteCRM 7 query string: module, action and record in any order. */
function detailView(query: string, url: URL): UrlRecord | null {
  const params = new URLSearchParams(query);
  if ((params.get('action') ?? '').toLowerCase() !== 'detailview') return null;
  return record(params.get('module'), params.get('record'), url);
}

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const suitecrmUrls: CrmUrlAdapter = {
  id: 'suitecrm',
  crm: 'suitecrm',
  label: 'SuiteCRM',
  selfHosted: true,
  matches: [],
  // Matches nothing: SuiteCRM only runs on hosts the user assigned to it.
  hostPattern: /^$/,
  urlRules: [
    {
      seenOn:
        'SuiteCRM 8 record view: /#/{leads|contacts}/record/{uuid} (CRM-REFERENCE.md), also under ' +
        'a path such as /public/#/...; a query or sub-route after the id: inferred',
      pattern: new RegExp(`^[^#]*#/([A-Za-z]+)/record/(${UUID})(?:[/?].*)?$`),
      toRecord: (m, url) => record(m[1]!, m[2]!, url),
    },
    {
      seenOn:
        'SuiteCRM 7 detail view: index.php?module=Leads&action=DetailView&record={uuid} ' +
        '(CRM-REFERENCE.md), parameters in any order; also SuiteCRM 8 legacy /legacy/index.php',
      pattern: /^(?:\/[^?#]*)?\/index\.php\?([^#]*)(?:#.*)?$/,
      toRecord: (m, url) => {
        const params = new URLSearchParams(m[1]!);
        // SuiteCRM 7 with the AJAX UI: the real location is in the hash (inferred from the
        // SugarCRM CE lineage): index.php?action=ajaxui#ajaxUILoc=index.php%3Fmodule%3D...
        if ((params.get('action') ?? '').toLowerCase() === 'ajaxui') {
          const loc = new URLSearchParams(url.hash.slice(1)).get('ajaxUILoc') ?? '';
          const q = loc.indexOf('?');
          return q >= 0 ? detailView(loc.slice(q + 1), url) : null;
        }
        return detailView(m[1]!, url);
      },
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const suitecrm: CrmAdapter = withDom(suitecrmUrls, () => ({
  // SuiteCRM 8 renders the record view as an Angular component; SuiteCRM 7 (SuiteP theme) as
  // `.detail-view` inside `#content` (both inferred). 'body' keeps generic probes working.
  activeView: ['scrm-record', '#content', 'body'],
  probes: {
    name: [
      // SuiteCRM 7: the module title heading (inferred).
      { selector: '.moduleTitle h2' },
      // SuiteCRM 8: the record header's heading (inferred).
      { selector: 'scrm-record-header :is(h1, h2)' },
      { selector: 'title', clean: fromTitle },
    ],
    email: [
      // SuiteCRM 7 detail view cells carry the field name in a `field` attribute (inferred).
      { selector: '.detail-view-field[field="email1"]', clean: firstEmail },
      { selector: 'a[href^="mailto:"]', read: { attr: 'href' }, clean: mailtoAddress },
      // SuiteCRM 7 composes mail in its own dialog: the address is on the link (inferred).
      { selector: 'a[data-email-address]', read: { attr: 'data-email-address' } },
    ],
    company: [
      { selector: '.detail-view-field[field="account_name"]' },
      // SuiteCRM 8: a contact's account links to the account's record view (inferred).
      { selector: 'a[href*="#/accounts/record/"]' },
    ],
    title: [{ selector: '.detail-view-field[field="title"]' }],
    phone: [
      { selector: '.detail-view-field[field="phone_work"]' },
      { selector: '.detail-view-field[field="phone_mobile"]' },
      { selector: 'a[href^="tel:"]' },
    ],
  },
  // Every example is on a user-assigned host (SuiteCRM has no cloud host).
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://crm.example-corp.internal/#/leads/record/7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
    expect: {
      objectType: 'lead',
      recordId: '7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
      tenant: 'crm.example-corp.internal',
    },
  },
  {
    url: 'https://crm.example-corp.internal/public/#/contacts/record/2B6F0E1A-93C4-4D7E-8A5B-1C9D3E7F4A22',
    expect: {
      objectType: 'contact',
      recordId: '2b6f0e1a-93c4-4d7e-8a5b-1c9d3e7f4a22',
      tenant: 'crm.example-corp.internal',
    },
  },
  {
    url: 'https://crm.example-corp.internal/index.php?module=Leads&action=DetailView&record=7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
    expect: {
      objectType: 'lead',
      recordId: '7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
      tenant: 'crm.example-corp.internal',
    },
  },
  {
    url: 'https://suite.example-corp.internal/suitecrm/index.php?record=2b6f0e1a-93c4-4d7e-8a5b-1c9d3e7f4a22&action=DetailView&module=Contacts&return_module=Contacts',
    expect: {
      objectType: 'contact',
      recordId: '2b6f0e1a-93c4-4d7e-8a5b-1c9d3e7f4a22',
      tenant: 'suite.example-corp.internal',
    },
  },
  {
    url: 'https://crm.example-corp.internal/index.php?action=ajaxui#ajaxUILoc=index.php%3Fmodule%3DLeads%26action%3DDetailView%26record%3D7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
    expect: {
      objectType: 'lead',
      recordId: '7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
      tenant: 'crm.example-corp.internal',
    },
  },
  { url: 'https://crm.example-corp.internal/#/leads', expect: null },
  { url: 'https://crm.example-corp.internal/#/leads/index', expect: null },
  {
    url: 'https://crm.example-corp.internal/#/accounts/record/7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
    expect: null,
  },
  { url: 'https://crm.example-corp.internal/#/leads/record/not-a-uuid', expect: null },
  {
    url: 'https://crm.example-corp.internal/index.php?module=Leads&action=EditView&record=7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
    expect: null,
  },
  { url: 'https://crm.example-corp.internal/index.php?module=Leads&action=index', expect: null },
  {
    url: 'https://crm.example-corp.internal/index.php?module=Opportunities&action=DetailView&record=7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
    expect: null,
  },
];
