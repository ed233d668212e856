import type { AdapterExample, CrmAdapter, CrmUrlAdapter, FieldProbe, UrlRecord } from '../types';
import { withDom } from './shared';

/** Data centres: crm.zoho.com, .eu, .in, .com.au, .com.cn, .jp, .ca, .sa (and crmsandbox.*). */
const DOMAINS = ['com', 'eu', 'in', 'com.au', 'com.cn', 'jp', 'ca', 'sa'] as const;

const MODULES: ReadonlyMap<string, UrlRecord['objectType']> = new Map([
  ['Leads', 'lead'],
  ['Contacts', 'contact'],
]);

/**
 * A field by API name in the new UI (`[data-zcqa="value_{ApiName}"]`), then by column name in
 * the old UI (`#subvalue_{FIELD}`, `#value_{FIELD}`).
 */
function field(apiNames: readonly string[], columns: readonly string[]): FieldProbe[] {
  return [
    ...apiNames.map((api) => ({ selector: `[data-zcqa="value_${api}"]` })),
    ...columns.flatMap((col) => [{ selector: `#subvalue_${col}` }, { selector: `#value_${col}` }]),
  ];
}

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const zohoUrls: CrmUrlAdapter = {
  id: 'zoho',
  crm: 'zoho',
  label: 'Zoho CRM',
  matches: DOMAINS.flatMap((d) => [`https://crm.zoho.${d}/*`, `https://crmsandbox.zoho.${d}/*`]),
  hostPattern: /^(?:crm|crmsandbox)\.zoho\.(?:com|eu|in|com\.au|com\.cn|jp|ca|sa)$/i,
  urlRules: [
    {
      seenOn:
        'Record page /crm/{org}/tab/{Module}/{id} (org60012345 or a name; Leads, Contacts; 15-20 digits)',
      pattern:
        /^\/crm\/(?!tab\/)([A-Za-z0-9_-]+)\/tab\/([A-Za-z0-9_]+)\/(\d{15,20})(?:\/[^?#]*)?(?:[?#].*)?$/,
      toRecord: (m) => {
        const objectType = MODULES.get(m[2]!);
        return objectType ? { objectType, recordId: m[3]!, tenant: m[1]!.toLowerCase() } : null;
      },
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const zoho: CrmAdapter = withDom(zohoUrls, () => ({
  // New UI: the record lives in `crm-detail-view`; when it exists but is hidden (not rendered
  // yet, or a cached view), nothing is read. Old UI (no such element): the whole page.
  activeView: ['crm-detail-view', 'body:not(:has(crm-detail-view))'],
  probes: {
    name: field(['Full_Name'], ['LASTNAME']),
    email: field(['Email'], ['EMAIL']),
    // Leads: Company; Contacts: the Account_Name lookup.
    company: field(['Company', 'Account_Name'], ['COMPANY']),
    // The Title field is `Designation` on Leads and `Title` on Contacts.
    title: field(['Designation', 'Title'], ['DESIGNATION', 'TITLE']),
    phone: field(['Phone', 'Mobile'], ['PHONE', 'MOBILE']),
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
// Built in a pure function: the spread of generated examples would otherwise stay in the
// bootstrap bundle (bundlers keep array spreads, which could run an iterator).
export const examples: readonly AdapterExample[] = /* @__PURE__ */ (() => [
  {
    url: 'https://crm.zoho.com/crm/org60012345/tab/Leads/5725767000000412001',
    expect: { objectType: 'lead', recordId: '5725767000000412001', tenant: 'org60012345' },
  },
  {
    url: 'https://crm.zoho.eu/crm/AcmeGmbH/tab/Contacts/120034000000251017?sub_module=notes',
    expect: { objectType: 'contact', recordId: '120034000000251017', tenant: 'acmegmbh' },
  },
  {
    url: 'https://crm.zoho.com.au/crm/org7001234/tab/Leads/300012000000987654',
    expect: { objectType: 'lead', recordId: '300012000000987654', tenant: 'org7001234' },
  },
  {
    url: 'https://crmsandbox.zoho.in/crm/org60099999/tab/Contacts/99887700000011223',
    expect: { objectType: 'contact', recordId: '99887700000011223', tenant: 'org60099999' },
  },
  // A lead on every data centre's production and sandbox host (each match pattern is used).
  ...DOMAINS.flatMap((d, i) =>
    (['crm', 'crmsandbox'] as const).map((h) => ({
      url: `https://${h}.zoho.${d}/crm/org6001234${i}/tab/Leads/70000000000000010${i}`,
      expect: {
        objectType: 'lead' as const,
        recordId: `70000000000000010${i}`,
        tenant: `org6001234${i}`,
      },
    })),
  ),
  { url: 'https://crm.zoho.com/crm/org60012345/tab/Accounts/5725767000000412555', expect: null },
  {
    url: 'https://crm.zoho.com/crm/org60012345/tab/Potentials/5725767000000412777',
    expect: null,
  },
  {
    url: 'https://crm.zoho.com/crm/org60012345/tab/CustomModule3/5725767000000412999',
    expect: null,
  },
  // List view.
  {
    url: 'https://crm.zoho.com/crm/org60012345/tab/Leads/custom-view/5725767000000087501/list',
    expect: null,
  },
  // Ids of 14 and 21 digits.
  { url: 'https://crm.zoho.com/crm/org60012345/tab/Leads/57257670000004', expect: null },
  { url: 'https://crm.zoho.com/crm/org60012345/tab/Leads/572576700000041200123', expect: null },
  // Other Zoho products.
  { url: 'https://mail.zoho.com/crm/org60012345/tab/Leads/5725767000000412001', expect: null },
])();
