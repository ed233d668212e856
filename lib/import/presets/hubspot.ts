/**
 * HubSpot contacts export (CSV, "Export" on the contacts index). HubSpot names columns by the
 * property labels: Record ID, First Name, Last Name, Email, Job Title, Company Name, Phone
 * Number, Lifecycle Stage, HubSpot Score, Original Source, Industry, Number of Employees,
 * Country/Region, Create Date, Last Modified Date. Each row is a contact: it creates or updates
 * a lead (found by Record ID, then by email); it makes no touches.
 */
import { LifecycleStage } from '../../model';
import type { LeadPatch } from '../leads';
import { parseCount, parseDate, parseEmail, parseNumber, slug } from '../values';
import { pick, type CsvPreset, type RowResult } from './types';

/** HubSpot lifecycle stages, by internal value and by label, to Tandem stages. */
const STAGES: Record<string, LifecycleStage> = {
  subscriber: 'subscriber',
  lead: 'lead',
  marketingqualifiedlead: 'mql',
  marketing_qualified_lead: 'mql',
  mql: 'mql',
  salesqualifiedlead: 'sql',
  sales_qualified_lead: 'sql',
  sql: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
  evangelist: 'customer',
  other: 'lead',
};

const EMPLOYEES = ['Number of Employees', 'Company size', 'Employees'];

export const hubspot: CsvPreset = {
  kind: 'hubspot',
  required: [['Record ID', 'Contact ID'], ['Email']],
  matches: (h) =>
    (h.has('record id') || h.has('contact id')) &&
    h.has('email') &&
    (h.has('lifecycle stage') || h.has('first name') || h.has('hubspot score')),
  map(row, ctx): RowResult {
    const id = pick(row, ['Record ID', 'Contact ID']);
    if (!/^\d{1,20}$/.test(id.value)) {
      return {
        reject: {
          column: id.column,
          reason: id.value ? 'not a HubSpot record id (digits)' : 'empty',
        },
      };
    }
    const patch: LeadPatch = {};
    const emailRaw = row.get('Email');
    if (emailRaw) {
      const email = parseEmail(emailRaw);
      if (!email)
        return {
          reject: { column: 'Email', reason: `not an email address: "${emailRaw.slice(0, 80)}"` },
        };
      patch.email = email;
    }
    const text = (col: string, max = 500) => {
      const v = row.get(col);
      return v ? v.slice(0, max) : undefined;
    };
    patch.firstName = text('First Name');
    patch.lastName = text('Last Name');
    patch.title = text('Job Title');
    patch.company = text('Company Name') ?? text('Company');
    patch.phone = text('Phone Number', 50);
    patch.industry = text('Industry');
    patch.country = text('Country/Region', 100) ?? text('Country', 100);
    patch.originalSource = text('Original Source');
    const size = pick(row, EMPLOYEES);
    if (size.value) {
      const n = parseCount(size.value);
      if (n === null) return { reject: { column: size.column, reason: 'not a whole number' } };
      patch.companySize = n;
    }
    const stageRaw = row.get('Lifecycle Stage');
    if (stageRaw) {
      const stage = STAGES[slug(stageRaw)] ?? STAGES[slug(stageRaw).replace(/_/g, '')];
      if (!stage)
        return {
          reject: {
            column: 'Lifecycle Stage',
            reason: `unknown lifecycle stage "${stageRaw.slice(0, 60)}"`,
          },
        };
      patch.stage = stage;
    }
    const scoreRaw = row.get('HubSpot Score');
    if (scoreRaw) {
      const score = parseNumber(scoreRaw);
      if (score === null) return { reject: { column: 'HubSpot Score', reason: 'not a number' } };
      patch.sourceScore = score;
    }
    const changedRaw = row.get('Became a Marketing Qualified Lead Date');
    if (changedRaw && patch.stage === 'mql') {
      const at = parseDate(changedRaw);
      if (at !== null) patch.stageChangedAt = at;
    }
    if (!patch.email && !patch.firstName && !patch.lastName) {
      return { reject: { column: 'Email', reason: 'a contact needs an email or a name' } };
    }
    ctx.leads.resolve({ system: 'hubspot', sourceId: id.value, email: patch.email }, patch, true);
    return {};
  },
};
