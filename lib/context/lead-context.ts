/**
 * Builds the one `LeadContext` the sidebar renders: resolves the detected record against the
 * store, then runs the engines (persona, score, timeline, recommendations, SLA). Background only.
 */
import type { IDBPDatabase } from 'idb';
import {
  normalizeEmail,
  recordKey,
  type Asset,
  type Campaign,
  type DetectedRecord,
  type LeadContext,
  type Persona,
} from '../model';
import {
  buildTimeline,
  funnelStageFor,
  matchPersona,
  recommendContent,
  resolveIdentity,
  scoreLead,
  slaStatus,
} from '../engine';
import {
  assetRatings,
  findLeadByRecord,
  findLeadsByEmail,
  findLeadsByName,
  getDefinitions,
  getTouchesForLead,
  getWorkspaceMeta,
  type TandemDB,
} from '../store';

export interface ContextOptions {
  now: number;
  /** IANA time zone the timeline groups days in (the rep's). */
  timeZone?: string;
}

export async function buildLeadContext(
  db: IDBPDatabase<TandemDB>,
  detected: DetectedRecord,
  { now, timeZone }: ContextOptions,
): Promise<LeadContext> {
  const email = detected.fields.email?.value;
  const name = detected.fields.name?.value;
  // Candidate lookups run in parallel; identity resolution decides between them.
  const [meta, byRecord, byEmail, byName] = await Promise.all([
    getWorkspaceMeta(db),
    findLeadByRecord(db, recordKey(detected.ref)),
    email ? findLeadsByEmail(db, normalizeEmail(email)) : Promise.resolve([]),
    name ? findLeadsByName(db, name) : Promise.resolve([]),
  ]);
  const match = resolveIdentity(detected, { byRecord, byEmail, byName });
  const dataUpdatedAt = meta?.updatedAt;
  if (!match) return { status: 'no-history', detected, dataUpdatedAt, computedAt: now };

  const lead = [byRecord, ...byEmail, ...byName].find((l) => l?.key === match.leadKey)!;
  const [touches, defs, ratings] = await Promise.all([
    getTouchesForLead(db, lead.key),
    getDefinitions(db),
    assetRatings(db),
  ]);
  if (!defs.scoringModel || !defs.lifecycle) {
    throw new Error('the workspace has no scoring model or lifecycle definitions');
  }
  const assetsById = new Map(defs.assets.map((a) => [a.id, a]));
  const persona = matchPersona(lead, defs.personas, defs.scoringModel.competitorDomains);
  const score = scoreLead({ lead, touches, assets: assetsById, model: defs.scoringModel, now });
  const timeline = buildTimeline(touches, { now, timeZone });
  const funnelStage = funnelStageFor(lead.stage, score);
  const recommendations = recommendContent({
    personaId: persona.top?.personaId,
    personaName: persona.top?.personaName,
    funnelStage,
    assets: defs.assets,
    touches,
    ratings,
    now,
  });

  // Ship only the definitions this context refers to.
  const assetIds = new Set<string>(recommendations.map((r) => r.assetId));
  const campaignIds = new Set<string>();
  for (const t of touches) {
    if (t.assetId) assetIds.add(t.assetId);
    if (t.campaignId) campaignIds.add(t.campaignId);
  }
  const assets: Asset[] = [...assetIds].flatMap((id) => assetsById.get(id) ?? []);
  for (const a of assets) if (a.campaignId) campaignIds.add(a.campaignId);
  const campaigns: Campaign[] = defs.campaigns.filter((c) => campaignIds.has(c.id));
  const personaIds = [persona.top?.personaId, persona.runnerUp?.personaId];
  const personas: Persona[] = defs.personas.filter((p) => personaIds.includes(p.id));

  return {
    status: 'matched',
    detected,
    match,
    lead,
    persona,
    personas,
    score,
    timeline,
    recommendations,
    assets,
    campaigns,
    funnelStage,
    sla: slaStatus({ lead, lifecycle: defs.lifecycle, now }),
    rejectionReasons: defs.lifecycle.rejectionReasons,
    dataUpdatedAt,
    computedAt: now,
  };
}
