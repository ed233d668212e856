import type { AdapterExample, CrmAdapter, CrmUrlAdapter, FieldProbe, UrlRecord } from '../types';
import { withDom } from './shared';

/** Online regions: crm (North America), crm2 ... crm21. */
const REGIONS = ['crm', ...Array.from({ length: 20 }, (_, i) => `crm${i + 2}`)] as const;

const ENTITIES: ReadonlyMap<string, UrlRecord['objectType']> = new Map([
  ['lead', 'lead'],
  ['contact', 'contact'],
]);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `{4C1F...}` / `%7B4C1F...%7D` -> lower-case bare guid; null when not a guid. */
function normalizeGuid(raw: string | null): string | null {
  const id = (raw ?? '').trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
  return GUID.test(id) ? id : null;
}

/** An input by `data-id`: its value, else its `title` attribute. */
const input = (dataId: string): FieldProbe[] => [
  { selector: `input[data-id="${dataId}"]`, read: 'value' },
  { selector: `input[data-id="${dataId}"]`, read: { attr: 'title' } },
];

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const dynamicsUrls: CrmUrlAdapter = {
  id: 'dynamics',
  crm: 'dynamics',
  label: 'Dynamics 365',
  matches: REGIONS.map((r) => `https://*.${r}.dynamics.com/*`),
  hostPattern: /^[a-z0-9][a-z0-9-]*\.crm(?:[2-9]|1\d|2[01])?\.dynamics\.com$/i,
  // On-premises servers have hosts of any name; the user adds them.
  selfHosted: true,
  urlRules: [
    {
      seenOn:
        'Record form main.aspx?appid=...&pagetype=entityrecord&etn=lead&id={guid} (any order; ' +
        'on-premises with the org in the path: /{org}/main.aspx?...)',
      pattern: /^\/(?:([^/?#]+)\/)?main\.aspx\?(?=(?:[^#]*&)?pagetype=entityrecord(?:[&#]|$))/i,
      toRecord: (m, url) => {
        const objectType = ENTITIES.get((url.searchParams.get('etn') ?? '').toLowerCase());
        const recordId = normalizeGuid(url.searchParams.get('id'));
        if (!objectType || !recordId) return null;
        // Online: the environment's host label; on-premises: the org in the path.
        const tenant = (m[1] ?? url.hostname.split('.')[0]!).toLowerCase();
        return { objectType, recordId, tenant };
      },
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const dynamics: CrmAdapter = withDom(dynamicsUrls, () => ({
  // Unified Interface shows one record form at a time (no hidden cached forms are known).
  probes: {
    name: [
      { selector: 'h1[data-id="header_title"]', read: { attr: 'title' } },
      {
        selector: 'h1[data-id="header_title"]',
        // The heading's text may end with the save state: "Dana Whitfield- Saved".
        clean: (s) => s.replace(/\s*-\s*(?:Saved|Unsaved)$/i, ''),
      },
    ],
    email: input('emailaddress1.fieldControl-mail-text-input'),
    company: input('companyname.fieldControl-text-box-text'),
    title: input('jobtitle.fieldControl-text-box-text'),
    phone: input('telephone1.fieldControl-phone-text-input'),
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
// Built in a pure function: the spread of generated examples would otherwise stay in the
// bootstrap bundle (bundlers keep array spreads, which could run an iterator).
export const examples: readonly AdapterExample[] = /* @__PURE__ */ (() => [
  {
    url: 'https://acme.crm.dynamics.com/main.aspx?appid=5f1e2d3c-4b5a-4968-8776-655443322110&pagetype=entityrecord&etn=lead&id=4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e01',
    expect: {
      objectType: 'lead',
      recordId: '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e01',
      tenant: 'acme',
    },
  },
  {
    url: 'https://acme.crm4.dynamics.com/main.aspx?etn=contact&id=%7B4C1F7D2A-3B9E-4F61-9D2E-6A1B2C3D4E02%7D&pagetype=entityrecord',
    expect: {
      objectType: 'contact',
      recordId: '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e02',
      tenant: 'acme',
    },
  },
  {
    url: 'https://contoso-sales.crm11.dynamics.com/main.aspx?id={0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}&pagetype=entityrecord&forceUCI=1&etn=lead',
    expect: {
      objectType: 'lead',
      recordId: '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9',
      tenant: 'contoso-sales',
    },
  },
  {
    url: 'https://fabrikam.crm21.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9&appid=5f1e2d3c-4b5a-4968-8776-655443322110',
    expect: {
      objectType: 'contact',
      recordId: '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9',
      tenant: 'fabrikam',
    },
  },
  // On-premises, on a host the user added (the org is in the path).
  {
    url: 'https://crm.contoso.local/ContosoSales/main.aspx?etn=lead&pagetype=entityrecord&id=%7B0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9%7D',
    expect: {
      objectType: 'lead',
      recordId: '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9',
      tenant: 'contososales',
    },
  },
  // A contact on every online region's host (each match pattern is used).
  ...REGIONS.map((r) => ({
    url: `https://acme-${r}.${r}.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e02`,
    expect: {
      objectType: 'contact' as const,
      recordId: '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e02',
      tenant: `acme-${r}`,
    },
  })),
  // Other entities.
  {
    url: 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e09',
    expect: null,
  },
  {
    url: 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e09',
    expect: null,
  },
  // List view and a new (unsaved) record form without an id.
  { url: 'https://acme.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=lead', expect: null },
  { url: 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=lead', expect: null },
  // Malformed id.
  {
    url: 'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=lead&id=4c1f7d2a-3b9e-4f61-9d2e',
    expect: null,
  },
])();
