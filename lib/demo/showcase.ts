/**
 * The demo leads that CRM fixture pages, the demo and end-to-end tests refer to by name.
 * The generator places them first, with these exact identities; everything else is generated.
 */
import type { RecordRef } from '../model';

export interface ShowcaseLead {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  title: string;
  phone: string;
  industry: string;
  companySize: number;
  country: string;
  region: 'na' | 'emea' | 'apac' | 'latam';
  /** What the demo story around this lead is (drives the touches the generator gives it). */
  story:
    | 'hot-pricing-surge'
    | 'webinar-nurture'
    | 'cold-unsubscribed'
    | 'new-mql-overdue'
    | 'customer-expansion';
  crmRefs: RecordRef[];
}

export const SHOWCASE_LEADS: readonly ShowcaseLead[] = [
  {
    key: 'L-0001',
    firstName: 'Dana',
    lastName: 'Whitfield',
    email: 'dana.whitfield@northwind-analytics.com',
    company: 'Northwind Analytics',
    title: 'Sr. Dir., Demand Gen',
    phone: '+1 415 555 0134',
    industry: 'Software',
    companySize: 850,
    country: 'United States',
    region: 'na',
    story: 'hot-pricing-surge',
    crmRefs: [
      { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: '00Q5g00000ABCDeEAP' },
      { crm: 'hubspot', tenant: '4512345', objectType: 'contact', recordId: '51' },
      { crm: 'pipedrive', tenant: 'acme', objectType: 'person', recordId: '101' },
      {
        crm: 'dynamics',
        tenant: 'acme',
        objectType: 'lead',
        recordId: '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e01',
      },
      { crm: 'zoho', tenant: 'org60012345', objectType: 'lead', recordId: '5725767000000412001' },
    ],
  },
  {
    key: 'L-0002',
    firstName: 'Marcus',
    lastName: 'Oyelaran',
    email: 'marcus.oyelaran@helixbio.io',
    company: 'Helix Biosystems',
    title: 'VP Engineering',
    phone: '+44 20 7946 0321',
    industry: 'Biotechnology',
    companySize: 1200,
    country: 'United Kingdom',
    region: 'emea',
    story: 'webinar-nurture',
    crmRefs: [
      { crm: 'salesforce', tenant: 'acme', objectType: 'contact', recordId: '0035g00000XyZ12AAF' },
      { crm: 'hubspot', tenant: '4512345', objectType: 'contact', recordId: '52' },
      { crm: 'pipedrive', tenant: 'acme', objectType: 'person', recordId: '102' },
      {
        crm: 'dynamics',
        tenant: 'acme',
        objectType: 'contact',
        recordId: '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e02',
      },
    ],
  },
  {
    key: 'L-0003',
    firstName: 'Priya',
    lastName: 'Raman',
    email: 'priya.raman@brightpath.co',
    company: 'BrightPath Logistics',
    title: 'Head of Growth',
    phone: '+61 2 5550 1987',
    industry: 'Logistics',
    companySize: 320,
    country: 'Australia',
    region: 'apac',
    story: 'new-mql-overdue',
    crmRefs: [
      { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: '00Q5g00000PqRsTEAV' },
      { crm: 'hubspot', tenant: '4512345', objectType: 'contact', recordId: '53' },
    ],
  },
  {
    key: 'L-0004',
    firstName: 'Tomás',
    lastName: 'Ibarra',
    email: 'tomas.ibarra@gmail.com',
    company: 'Ibarra Consulting',
    title: 'Marketing Coordinator',
    phone: '+52 55 5555 0199',
    industry: 'Professional Services',
    companySize: 4,
    country: 'Mexico',
    region: 'latam',
    story: 'cold-unsubscribed',
    crmRefs: [
      { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: '00Q5g00000UvWxYEAV' },
    ],
  },
  {
    key: 'L-0005',
    firstName: 'Ingrid',
    lastName: 'Solberg',
    email: 'ingrid.solberg@fjordbank.no',
    company: 'Fjord Bank',
    title: 'CTO',
    phone: '+47 22 55 50 10',
    industry: 'Financial Services',
    companySize: 5400,
    country: 'Norway',
    region: 'emea',
    story: 'customer-expansion',
    crmRefs: [
      { crm: 'salesforce', tenant: 'acme', objectType: 'contact', recordId: '0035g00000KlMnOAAV' },
    ],
  },
];

/** A Salesforce lead id that is not in the demo workspace (the `no-history` fixture). */
export const UNKNOWN_SALESFORCE_LEAD = {
  recordId: '00Q5g00000ZzZzZEAV',
  name: 'Jordan Unknown',
  email: 'jordan@unknown-prospect.example',
  company: 'Unlisted Ltd',
};
