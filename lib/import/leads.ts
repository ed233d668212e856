/**
 * Which lead a row belongs to. Loaded with the workspace's leads when an import starts (inside
 * the import's transaction, so it is a consistent snapshot) and kept in memory: it grows with
 * the number of people, not with the number of rows.
 *
 * A lead is found by its source id (`sourceSystem` + `sourceId`), then by Salesforce record id,
 * then by email; a row naming a person Tandem does not know yet creates the lead.
 */
import { toSalesforceId18 } from '../crm/salesforce-id';
import { normalizeEmail, type Lead } from '../model';

/** Lead fields an import may set. */
export type LeadPatch = Partial<
  Pick<
    Lead,
    | 'email'
    | 'firstName'
    | 'lastName'
    | 'company'
    | 'title'
    | 'phone'
    | 'industry'
    | 'companySize'
    | 'country'
    | 'stage'
    | 'stageChangedAt'
    | 'originalSource'
    | 'sourceScore'
  >
>;

export interface LeadIdentity {
  system: string;
  sourceId?: string;
  email?: string;
  /** A Salesforce lead or contact id (15 or 18 characters). */
  salesforceId?: string;
}

const sourceKey = (system: string, id: string) => `${system}\u0000${id}`;

export class LeadBook {
  private readonly byKey = new Map<string, Lead>();
  private readonly bySource = new Map<string, string>();
  private readonly byEmail = new Map<string, string>();
  private readonly bySalesforce = new Map<string, string>();
  private readonly changed = new Map<string, Lead>();
  private readonly created = new Set<string>();
  added = 0;
  updated = 0;

  constructor(
    existing: Iterable<Lead>,
    private readonly now: number,
  ) {
    for (const lead of existing) this.index(lead);
  }

  private index(lead: Lead): void {
    this.byKey.set(lead.key, lead);
    if (lead.sourceSystem && lead.sourceId) {
      this.bySource.set(sourceKey(lead.sourceSystem, lead.sourceId), lead.key);
    }
    if (lead.email) {
      const norm = normalizeEmail(lead.email);
      if (!this.byEmail.has(norm)) this.byEmail.set(norm, lead.key);
    }
    for (const ref of lead.crmRefs) {
      if (ref.crm === 'salesforce') this.bySalesforce.set(ref.recordId, lead.key);
    }
  }

  find(who: LeadIdentity): Lead | undefined {
    const sf = who.salesforceId ? toSalesforceId18(who.salesforceId) : null;
    const key =
      (who.sourceId && this.bySource.get(sourceKey(who.system, who.sourceId))) ||
      (sf && (this.bySalesforce.get(sf) ?? this.bySource.get(sourceKey('salesforce', sf)))) ||
      (who.email && this.byEmail.get(normalizeEmail(who.email))) ||
      undefined;
    return key === undefined ? undefined : this.byKey.get(key);
  }

  /**
   * The key of the lead `who` names, creating the lead (with `patch`) when there is none, or
   * filling in what `patch` adds to an existing one. Existing values are overwritten only by
   * `overwrite` imports (a contacts export is the platform's current truth about a person).
   */
  resolve(who: LeadIdentity, patch: LeadPatch = {}, overwrite = false): string {
    const found = this.find(who);
    if (!found) {
      const id =
        who.sourceId ?? (who.salesforceId && toSalesforceId18(who.salesforceId)) ?? who.email;
      const key = newKey(who.system, id ?? String(this.byKey.size + 1));
      const lead: Lead = {
        key,
        ...clean(patch),
        ...(who.email && !patch.email ? { email: who.email } : {}),
        crmRefs: [],
        stage: patch.stage ?? 'lead',
        sourceSystem: who.system,
        ...(who.sourceId ? { sourceId: who.sourceId } : {}),
        updatedAt: this.now,
      };
      this.index(lead);
      this.changed.set(key, lead);
      this.created.add(key);
      this.added++;
      return key;
    }
    // Most rows name a lead already seen with nothing new to say about it: no copy to compare.
    if (found.sourceSystem && !hasValues(patch)) return found.key;
    const merged: Lead = { ...found };
    let dirty = false;
    for (const [field, value] of Object.entries(clean(patch)) as [keyof LeadPatch, unknown][]) {
      const current = merged[field];
      if (current === value || (current !== undefined && !overwrite)) continue;
      (merged as Record<string, unknown>)[field] = value;
      dirty = true;
    }
    if (!merged.sourceSystem && who.sourceId) {
      merged.sourceSystem = who.system;
      merged.sourceId = who.sourceId;
      dirty = true;
    }
    if (!dirty) return found.key;
    merged.updatedAt = this.now;
    this.index(merged);
    if (!this.created.has(merged.key) && !this.changed.has(merged.key)) this.updated++;
    this.changed.set(merged.key, merged);
    return merged.key;
  }

  /** Leads created or changed since the last call (to write with the current batch). */
  takeChanged(): Lead[] {
    const out = [...this.changed.values()];
    this.changed.clear();
    return out;
  }
}

function newKey(system: string, id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^-+/, '');
  return `${system}-${cleaned || 'lead'}`.slice(0, 128);
}

function hasValues(patch: LeadPatch): boolean {
  for (const key in patch) {
    const v = patch[key as keyof LeadPatch];
    if (v !== undefined && v !== '') return true;
  }
  return false;
}

function clean(patch: LeadPatch): LeadPatch {
  return Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined && v !== ''),
  ) as LeadPatch;
}
