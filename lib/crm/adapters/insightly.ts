import type { AdapterExample, CrmAdapter, CrmUrlAdapter, FieldProbe } from '../types';
import { titleBefore, withDom } from './shared';

/** The page title is "{Name} | {App}": the name. */
const fromTitle = titleBefore('Insightly(?: CRM)?');

/**
 * Insightly: `crm.{region}.insightly.com` (na1, eu1, au1, ...). The account is not in the URL:
 * the tenant is the region (record ids are unique within it).
 */

/** `crm.na1.insightly.com` -> `na1`. */
function tenantOf(url: URL): string {
  return url.hostname.toLowerCase().split('.')[1]!;
}

/** A field row of the record's details: the value is in its `title` attribute (seen). */
const row = (field: string): FieldProbe => ({
  selector: `#metadata-row-viewer-${field}`,
  read: { attr: 'title' },
});

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const insightlyUrls: CrmUrlAdapter = {
  id: 'insightly',
  crm: 'insightly',
  label: 'Insightly',
  matches: ['https://*.insightly.com/*'],
  hostPattern: /^crm\.[a-z]{2,3}\d{1,2}\.insightly\.com$/i,
  urlRules: [
    {
      seenOn:
        'Record details page: crm.{region}.insightly.com/details/{Contact|Lead}/{id} ' +
        '(CRM-REFERENCE.md); other objects (Organisation, Opportunity, ...) share the route',
      pattern: /^\/details\/([A-Za-z]+)\/(\d{1,15})\/?(?:[?#].*)?$/i,
      toRecord: (m, url) => {
        const object = m[1]!.toLowerCase();
        const objectType = object === 'lead' ? 'lead' : object === 'contact' ? 'contact' : null;
        return objectType ? { objectType, recordId: m[2]!, tenant: tenantOf(url) } : null;
      },
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const insightly: CrmAdapter = withDom(insightlyUrls, () => ({
  probes: {
    name: [
      // The record's header (inferred): its name is the page's heading.
      { selector: 'h1' },
      { selector: 'title', clean: fromTitle },
    ],
    // Field names after `metadata-row-viewer-` are Insightly's API field names (inferred).
    email: [row('EMAIL_ADDRESS'), row('EMAIL')],
    // A lead's organisation is text; a contact's is a link to the organisation (inferred).
    company: [row('ORGANISATION_NAME'), row('LEAD_ORGANISATION_NAME'), row('ORGANISATION_ID')],
    title: [row('TITLE')],
    phone: [row('PHONE'), row('PHONE_MOBILE'), row('MOBILE')],
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://crm.na1.insightly.com/details/Lead/78123456',
    expect: { objectType: 'lead', recordId: '78123456', tenant: 'na1' },
  },
  {
    url: 'https://crm.eu1.insightly.com/details/Contact/312456789',
    expect: { objectType: 'contact', recordId: '312456789', tenant: 'eu1' },
  },
  {
    url: 'https://crm.na1.insightly.com/details/contact/312456789/?tab=emails',
    expect: { objectType: 'contact', recordId: '312456789', tenant: 'na1' },
  },
  { url: 'https://crm.na1.insightly.com/details/Organisation/45678901', expect: null },
  { url: 'https://crm.na1.insightly.com/details/Opportunity/45678902', expect: null },
  { url: 'https://crm.na1.insightly.com/list/Contact/', expect: null },
  { url: 'https://crm.na1.insightly.com/details/Lead/new', expect: null },
  { url: 'https://www.insightly.com/details/Lead/78123456', expect: null },
  { url: 'https://crm.na1.insightly.com.evil.net/details/Lead/78123456', expect: null },
];
