import { normalizeEmail, recordKey, type Lead, type RecordRef } from '../model';
import { inWriteTx, writer } from './bulk';
import { fromStoredLead, normalizeName, toStoredLead } from './normalize';
import type { TandemDb } from './schema';

/** Most CRM refs one lead can hold (the model's limit on `crmRefs`). */
const MAX_CRM_REFS = 50;

export async function getLead(db: TandemDb, key: string): Promise<Lead | undefined> {
  const stored = await db.get('leads', key);
  return stored && fromStoredLead(stored);
}

/** The lead linked to a CRM record, by `recordKey(ref)`. */
export async function findLeadByRecord(db: TandemDb, key: string): Promise<Lead | undefined> {
  const stored = await db.getFromIndex('leads', 'by-record', key);
  return stored && fromStoredLead(stored);
}

/** Leads with this email, ignoring case and surrounding spaces. */
export async function findLeadsByEmail(db: TandemDb, email: string): Promise<Lead[]> {
  const norm = normalizeEmail(email);
  if (!norm) return [];
  return (await db.getAllFromIndex('leads', 'by-email', norm)).map(fromStoredLead);
}

/** Leads whose "first last" name equals `name`, ignoring case, accents and extra spaces. */
export async function findLeadsByName(db: TandemDb, name: string): Promise<Lead[]> {
  const norm = normalizeName(name);
  if (!norm) return [];
  return (await db.getAllFromIndex('leads', 'by-name', norm)).map(fromStoredLead);
}

/** Every string that starts with `prefix`, as a key range. */
function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}

/**
 * Leads whose name ("first last") or email starts with `query`, for the "link this record"
 * search: name matches first (alphabetical), then email matches, without repeats. A query with
 * an "@" only searches emails.
 */
export async function searchLeads(db: TandemDb, query: string, limit = 20): Promise<Lead[]> {
  const email = normalizeEmail(query);
  const name = normalizeName(query);
  if (limit <= 0 || (!email && !name)) return [];
  const tx = db.transaction('leads', 'readonly');
  const store = tx.store;
  const [byName, byEmail] = await Promise.all([
    name && !query.includes('@') ? store.index('by-name').getAll(prefixRange(name), limit) : [],
    email ? store.index('by-email').getAll(prefixRange(email), limit) : [],
  ]);
  await tx.done;
  const found = new Map<string, Lead>();
  for (const stored of [...byName, ...byEmail]) {
    if (found.size >= limit) break;
    if (!found.has(stored.key)) found.set(stored.key, fromStoredLead(stored));
  }
  return [...found.values()];
}

/**
 * Links a CRM record to a lead (the rep's "this is the same person"): adds the ref to the lead
 * (replacing a ref to the same record) and removes it from any other lead that had it, so a
 * record always resolves to one lead. Rejects if there is no lead with `leadKey`.
 */
export async function linkRecord(db: TandemDb, leadKey: string, ref: RecordRef): Promise<void> {
  const key = recordKey(ref);
  const tx = db.transaction('leads', 'readwrite');
  await inWriteTx(tx, async () => {
    const [target, holders] = await Promise.all([
      tx.store.get(leadKey),
      tx.store.index('by-record').getAll(key),
    ]);
    if (!target) throw new Error(`no lead with key "${leadKey}"`);
    const leads = writer(tx, 'leads');
    const withoutRef = (lead: Lead): Lead => ({
      ...lead,
      crmRefs: lead.crmRefs.filter((r) => recordKey(r) !== key),
    });
    for (const holder of holders) {
      if (holder.key !== leadKey) leads.put(toStoredLead(withoutRef(fromStoredLead(holder))));
    }
    const linked = withoutRef(fromStoredLead(target));
    linked.crmRefs.push(ref);
    if (linked.crmRefs.length > MAX_CRM_REFS) {
      throw new RangeError(`a lead can be linked to at most ${MAX_CRM_REFS} CRM records`);
    }
    leads.put(toStoredLead(linked));
  });
}

/** Writes leads (insert or replace by key), deriving their index fields. */
export async function putLeads(db: TandemDb, leads: Iterable<Lead>): Promise<void> {
  const tx = db.transaction('leads', 'readwrite');
  await inWriteTx(tx, () => {
    const store = writer(tx, 'leads');
    for (const lead of leads) store.put(toStoredLead(lead));
  });
}
