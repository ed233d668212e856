import { z } from 'zod';
import { HttpUrl } from './common';

/** CRMs Tandem knows. `custom` is a CRM the user added in options. */
export const CrmId = z.enum([
  'salesforce',
  'hubspot',
  'pipedrive',
  'zoho',
  'dynamics',
  'close',
  'freshsales',
  'odoo',
  'suitecrm',
  'espocrm',
  'twenty',
  'copper',
  'insightly',
  'sugarcrm',
  'attio',
  'custom',
]);
export type CrmId = z.infer<typeof CrmId>;

/** The CRM object a record belongs to, normalized across CRMs. */
export const ObjectType = z.enum(['lead', 'contact', 'person', 'personAccount']);
export type ObjectType = z.infer<typeof ObjectType>;

/** Where the CRM keeps a record: enough to find it again and to match it to marketing data. */
export const RecordRef = z.object({
  crm: CrmId,
  /** The org / portal / instance: a subdomain, a portal id, an org name. Lower case. */
  tenant: z.string().min(1).max(200),
  objectType: ObjectType,
  /** The record id as the CRM spells it (Salesforce ids normalized to 18 characters). */
  recordId: z.string().min(1).max(200),
});
export type RecordRef = z.infer<typeof RecordRef>;

export { recordKey } from './keys';

/** How a detected field was obtained: which part of the page it came from. */
export const Provenance = z.object({
  source: z.enum(['url', 'dom', 'title', 'input', 'link', 'user']),
  /** The selector, attribute or URL part that produced the value. */
  detail: z.string().max(300),
});
export type Provenance = z.infer<typeof Provenance>;

export const DetectedField = z.object({
  value: z.string().max(500),
  provenance: Provenance,
});
export type DetectedField = z.infer<typeof DetectedField>;

export const IdentityFieldName = z.enum(['name', 'email', 'company', 'title', 'phone']);
export type IdentityFieldName = z.infer<typeof IdentityFieldName>;

/**
 * Lead identity as detected on a CRM page: the record reference plus whatever identity
 * fields the page shows, each with how it was obtained.
 */
export const DetectedRecord = z.object({
  ref: RecordRef,
  url: HttpUrl,
  adapterId: z.string().min(1).max(64),
  fields: z.partialRecord(IdentityFieldName, DetectedField),
});
export type DetectedRecord = z.infer<typeof DetectedRecord>;
