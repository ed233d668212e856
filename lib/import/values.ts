/** Cell parsers shared by the presets: dates, numbers, ids, lists. Each returns null when invalid. */
import { Email, HttpUrl, Id } from '../model';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31 February over into March: refuse instead.
  return new Date(t).getUTCDate() === d ? t : null;
}

/**
 * Epoch ms from the date formats the platforms export: ISO 8601 (with or without time and
 * offset; no offset means UTC), "YYYY-MM-DD HH:MM[:SS]", and US "M/D/YYYY[ h:mm[:ss] AM]".
 */
export function parseDate(raw: string): number | null {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    const t = utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
    if (t === null) return null;
    const off = m[8];
    if (!off || off.toUpperCase() === 'Z') return t >= 0 ? t : null;
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    const out = t - sign * minutes * 60_000;
    return out >= 0 ? out : null;
  }
  m = US.exec(s);
  if (m) {
    let h = m[4] ? +m[4] : 0;
    const ampm = m[7]?.toUpperCase();
    if (ampm) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (ampm === 'PM' ? 12 : 0);
    }
    const t = utc(+m[3]!, +m[1]!, +m[2]!, h, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
    return t !== null && t >= 0 ? t : null;
  }
  return null;
}

/** A whole non-negative number, allowing thousands separators ("1,200"). */
export function parseCount(raw: string): number | null {
  const s = raw.trim().replace(/[,\s]/g, '');
  if (!/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

/** A finite number ("12", "-3.5", "1,234.5"). */
export function parseNumber(raw: string): number | null {
  const s = raw.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function isId(s: string): boolean {
  return Id.safeParse(s).success;
}

/** Ids from source systems made safe for Tandem's id alphabet. */
export function toId(prefix: string, raw: string): string | null {
  const cleaned = raw
    .trim()
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!cleaned) return null;
  const id = `${prefix}${cleaned}`.slice(0, 128);
  return isId(id) ? id : null;
}

export function parseEmail(raw: string): string | null {
  const r = Email.safeParse(raw);
  return r.success ? r.data : null;
}

export function parseUrl(raw: string): string | null {
  const s = raw.trim();
  return HttpUrl.safeParse(s).success ? s : null;
}

/** A list cell: values separated by "|" (or ";" when there is no "|"), trimmed, empties dropped. */
export function parseList(raw: string): string[] {
  const sep = raw.includes('|') ? '|' : ';';
  return raw
    .split(sep)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** "Marketing Qualified Lead" -> "marketing_qualified_lead". */
export function slug(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A short, stable hash (FNV-1a, 2 x 32 bits) for ids of rows that carry no id of their own. */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}
