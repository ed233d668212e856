/**
 * Everything `getLeadContext` reads for one record, in one readonly transaction: the workspace
 * and its revisions, the identity candidates, and the chosen lead's touches (its packs, one key
 * range). One transaction instead of six keeps the sidebar's wait close to a bare indexed read.
 */
import { normalizeEmail, type Lead, type Touch } from '../model';
import { fromStoredLead, normalizeName } from './normalize';
import { flattenPacks, leadPackRange } from './packs';
import type { TandemDb, WorkspaceInfo } from './schema';

export interface LeadLookup {
  recordKey: string;
  email?: string;
  name?: string;
}

export interface LeadCandidates {
  byRecord?: Lead;
  byEmail: Lead[];
  byName: Lead[];
}

export interface LeadReads {
  workspace?: WorkspaceInfo;
  definitionsRevision: number;
  eventsRevision: number;
  candidates: LeadCandidates;
  /** The lead `choose` picked, or null when nothing matched. */
  lead: Lead | null;
  /** That lead's touches, oldest first. */
  touches: Touch[];
}

/**
 * `choose` decides which candidate is the record's lead (identity resolution). It is asked first
 * with the CRM-record candidate alone, and only when that does not decide are the email and name
 * indexes read.
 */
export async function readForLeadContext(
  db: TandemDb,
  lookup: LeadLookup,
  choose: (candidates: LeadCandidates) => string | null,
): Promise<LeadReads> {
  const tx = db.transaction(['meta', 'leads', 'touchPacks'], 'readonly');
  const meta = tx.objectStore('meta');
  const leads = tx.objectStore('leads');
  const [workspace, definitionsRevision, eventsRevision, storedByRecord] = await Promise.all([
    meta.get('workspace'),
    meta.get('definitionsRevision'),
    meta.get('eventsRevision'),
    leads.index('by-record').get(lookup.recordKey),
  ]);
  const candidates: LeadCandidates = {
    byRecord: storedByRecord && fromStoredLead(storedByRecord),
    byEmail: [],
    byName: [],
  };
  let key = candidates.byRecord ? choose(candidates) : null;
  if (!key) {
    const email = lookup.email ? normalizeEmail(lookup.email) : '';
    const name = lookup.name ? normalizeName(lookup.name) : '';
    const [byEmail, byName] = await Promise.all([
      email ? leads.index('by-email').getAll(email) : [],
      name ? leads.index('by-name').getAll(name) : [],
    ]);
    candidates.byEmail = byEmail.map(fromStoredLead);
    candidates.byName = byName.map(fromStoredLead);
    key = choose(candidates);
  }
  const all = [candidates.byRecord, ...candidates.byEmail, ...candidates.byName];
  const lead = (key && all.find((l) => l?.key === key)) || null;
  const touches = lead
    ? flattenPacks(await tx.objectStore('touchPacks').getAll(leadPackRange(lead.key)))
    : [];
  // Every read has answered: a readonly transaction's commit adds nothing to them, so its
  // completion (one more trip to the database) is not waited for. Observed, so that an abort
  // (the page closing) is not reported as unhandled.
  tx.done.catch(() => undefined);
  return {
    workspace: workspace as WorkspaceInfo | undefined,
    definitionsRevision: (definitionsRevision as number | undefined) ?? 0,
    eventsRevision: (eventsRevision as number | undefined) ?? 0,
    candidates,
    lead,
    touches,
  };
}
