/**
 * Salesforce record ids: shape check, key prefixes, and the 15 -> 18 character conversion.
 * Ids are case-sensitive; the 18-character form adds a 3-character checksum that encodes
 * the case of the first 15 so that case-insensitive systems can tell ids apart.
 */

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Key prefixes (first three characters) of the objects Tandem cares about. */
export const SALESFORCE_KEY_PREFIX = {
  lead: '00Q',
  contact: '003',
  account: '001',
  opportunity: '006',
  user: '005',
} as const;

/** 15 or 18 alphanumerics, containing a digit, not the all-zero "empty" prefix. */
export function isSalesforceIdShape(id: string): boolean {
  return ID_SHAPE.test(id) && /\d/.test(id) && !id.startsWith('000');
}

function checksum(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += CHECKSUM_ALPHABET[bits];
  }
  return out;
}

/**
 * Normalizes a 15- or 18-character id to its 18-character form; null when the id is not a
 * well-formed Salesforce id or an 18-character id's checksum does not match its first 15.
 */
export function toSalesforceId18(id: string): string | null {
  if (!isSalesforceIdShape(id)) return null;
  const id15 = id.slice(0, 15);
  const full = id15 + checksum(id15);
  if (id.length === 18 && id.slice(15).toUpperCase() !== full.slice(15)) return null;
  return full;
}

export function toSalesforceId15(id: string): string | null {
  const full = toSalesforceId18(id);
  return full ? full.slice(0, 15) : null;
}
