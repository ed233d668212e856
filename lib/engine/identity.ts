/**
 * Identity resolution: which marketing lead a CRM record is. Rules run strongest first and the
 * first that matches wins, with a confidence the sidebar shows so a rep knows when to double-check.
 */
import type { DetectedRecord, IdentityMatch, Lead } from '../model';
import { normalizeEmail } from '../model';
import { compareIds } from './persona';

export interface IdentityCandidates {
  /** The lead already linked to this exact CRM record. */
  byRecord?: Lead;
  /** Leads whose email equals the detected email. */
  byEmail?: readonly Lead[];
  /** Leads whose name equals the detected name (company is checked here). */
  byName?: readonly Lead[];
}

export const CONFIDENCE = {
  crmId: 1,
  email: 0.95,
  emailShared: 0.9,
  nameCompany: 0.75,
  nameCompanyAmbiguous: 0.5,
} as const;

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** "  José  O'Neil-Smith " -> "jose oneil smith": case, accents, punctuation and spacing ignored. */
export function normalizePersonName(name: string): string {
  return fold(name)
    .replace(/['\u2019`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Legal-form words dropped from the end of company names ("Acme, Inc." is "Acme"). */
const COMPANY_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'gmbh',
  'mbh',
  'kg',
  'corp',
  'corporation',
  'co',
  'company',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'ag',
  'plc',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'pty',
  'pte',
  'kk',
  'group',
]);

/**
 * "ACME Corp." / "Acme, Inc." / "The Acme Company" -> "acme". Dotted abbreviations ("S.A.") are
 * joined before punctuation goes, "&" reads as "and", and legal suffixes are dropped from the end
 * (never the last remaining word, so a company called "Company" survives).
 */
export function normalizeCompany(company: string): string {
  const words = fold(company)
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words.length > 1 && words[0] === 'the') words.shift();
  // Strip from the end; an "and" left dangling by a stripped suffix ("GmbH & Co. KG") goes too.
  let stripped = false;
  while (words.length > 1) {
    const last = words[words.length - 1]!;
    if (COMPANY_SUFFIXES.has(last) || (stripped && last === 'and')) {
      words.pop();
      stripped = true;
    } else break;
  }
  return words.join(' ');
}

/** Most recently updated first; key breaks ties so the answer never depends on input order. */
function newest(leads: readonly Lead[]): Lead {
  let best = leads[0]!;
  for (const l of leads) {
    if (
      l.updatedAt > best.updatedAt ||
      (l.updatedAt === best.updatedAt && compareIds(l.key, best.key) < 0)
    ) {
      best = l;
    }
  }
  return best;
}

/**
 * Finds the lead a detected CRM record is: (1) the lead linked to the record id, (2) the lead with
 * the same email, (3) the lead with the same name at the same company. Candidates are re-checked
 * against the detected fields, so a loose lookup upstream cannot produce a wrong match. Several
 * leads sharing an email or a name pick the most recently updated, at lower confidence.
 */
export function resolveIdentity(
  detected: DetectedRecord,
  candidates: IdentityCandidates,
): IdentityMatch | null {
  if (candidates.byRecord) {
    return { leadKey: candidates.byRecord.key, rule: 'crm_id', confidence: CONFIDENCE.crmId };
  }

  const email = detected.fields.email?.value;
  if (email !== undefined && email.trim() !== '' && candidates.byEmail?.length) {
    const wanted = normalizeEmail(email);
    const same = candidates.byEmail.filter(
      (l) => l.email !== undefined && normalizeEmail(l.email) === wanted,
    );
    if (same.length > 0) {
      return {
        leadKey: newest(same).key,
        rule: 'email',
        confidence: same.length === 1 ? CONFIDENCE.email : CONFIDENCE.emailShared,
      };
    }
  }

  const name = normalizePersonName(detected.fields.name?.value ?? '');
  const company = normalizeCompany(detected.fields.company?.value ?? '');
  if (name !== '' && company !== '' && candidates.byName?.length) {
    const same = candidates.byName.filter(
      (l) =>
        normalizePersonName(`${l.firstName ?? ''} ${l.lastName ?? ''}`) === name &&
        normalizeCompany(l.company ?? '') === company,
    );
    if (same.length > 0) {
      return {
        leadKey: newest(same).key,
        rule: 'name_company',
        confidence: same.length === 1 ? CONFIDENCE.nameCompany : CONFIDENCE.nameCompanyAmbiguous,
      };
    }
  }
  return null;
}
