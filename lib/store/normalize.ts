/** Derived index fields: how leads and events are shaped for storage, and back. */
import { leadName, normalizeEmail, recordKey, type Lead, type TandemEvent } from '../model';
import type { EventDelivery, StoredEvent, StoredLead } from './schema';

/**
 * Letters NFD does not decompose into a base letter plus marks, folded by hand so that
 * "Søren Łukasz" is found by typing "soren lukasz".
 */
const FOLD: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');

/** Lower case, accents stripped, inner whitespace collapsed: the `by-name` index key. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

export function toStoredLead(lead: Lead): StoredLead {
  const stored: StoredLead = { ...lead, recordKeys: recordKeysOf(lead) };
  // Leave the fields out (rather than '') when empty, so such leads stay out of the indexes.
  const emailNorm = lead.email === undefined ? '' : normalizeEmail(lead.email);
  if (emailNorm) stored.emailNorm = emailNorm;
  else delete stored.emailNorm;
  const nameNorm = normalizeName(leadName(lead));
  if (nameNorm) stored.nameNorm = nameNorm;
  else delete stored.nameNorm;
  return stored;
}

/** The model lead: the stored record without the derived index fields. */
export function fromStoredLead(stored: StoredLead): Lead {
  const { recordKeys: _recordKeys, emailNorm: _emailNorm, nameNorm: _nameNorm, ...lead } = stored;
  return lead;
}

export function recordKeysOf(lead: Pick<Lead, 'crmRefs'>): string[] {
  return [...new Set(lead.crmRefs.map(recordKey))];
}

export function toStoredEvent(event: TandemEvent, delivery: EventDelivery): StoredEvent {
  return { ...event, delivery, attempts: 0 };
}
