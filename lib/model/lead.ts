import { z } from 'zod';
import { Email, EpochMs, Id, ShortText } from './common';
import { RecordRef } from './crm';

/** Lifecycle stages, in hand-off order. */
export const LifecycleStage = z.enum([
  'subscriber',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
]);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** Seniority levels that messy job titles are normalized into. */
export const Seniority = z.enum([
  'executive',
  'vp',
  'director',
  'manager',
  'senior',
  'individual',
  'entry',
  'unknown',
]);
export type Seniority = z.infer<typeof Seniority>;

/** Departments that messy job titles are normalized into. */
export const Department = z.enum([
  'marketing',
  'sales',
  'customer_success',
  'engineering',
  'it',
  'product',
  'data',
  'finance',
  'operations',
  'hr',
  'legal',
  'general_management',
  'unknown',
]);
export type Department = z.infer<typeof Department>;

export const Region = z.enum(['na', 'latam', 'emea', 'apac', 'unknown']);
export type Region = z.infer<typeof Region>;

/** A person marketing knows about, with the CRM records that are the same person. */
export const Lead = z.object({
  /** Tandem's key for the person (stable across CRMs and imports). */
  key: Id,
  email: Email.optional(),
  firstName: ShortText.optional(),
  lastName: ShortText.optional(),
  company: ShortText.optional(),
  title: ShortText.optional(),
  phone: z.string().max(50).optional(),
  industry: ShortText.optional(),
  /** Number of employees of the lead's company. */
  companySize: z.number().int().nonnegative().optional(),
  country: z.string().max(100).optional(),
  region: Region.optional(),
  /** CRM records known to be this person. */
  crmRefs: z.array(RecordRef).max(50).default([]),
  stage: LifecycleStage.default('lead'),
  stageChangedAt: EpochMs.optional(),
  /** Original source as the marketing platform reports it (e.g. "Organic Search", "Paid Social"). */
  originalSource: ShortText.optional(),
  /** Source system and id this lead was imported from, for dedupe on re-import. */
  sourceSystem: z.string().max(64).optional(),
  sourceId: z.string().max(200).optional(),
  /** Score as reported by the source platform (shown beside Tandem's own explainable score). */
  sourceScore: z.number().optional(),
  updatedAt: EpochMs,
});
export type Lead = z.infer<typeof Lead>;

export function leadName(lead: Pick<Lead, 'firstName' | 'lastName'>): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ');
}
