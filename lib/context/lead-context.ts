/**
 * Builds the one `LeadContext` the sidebar renders: resolves the detected record against the
 * store, then runs the engines (persona, score, timeline, recommendations, SLA). Background only.
 */
import type { IDBPDatabase } from 'idb';
import {
  recordKey,
  type Asset,
  type Campaign,
  type DetectedRecord,
  type IdentityMatch,
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
  standingOf,
} from '../engine';
import {
  assetRatings,
  getDefinitions,
  readForLeadContext,
  readScoreRanking,
  type Definitions,
  type ScoreRanking,
  type TandemDB,
} from '../store';

export interface ContextOptions {
  now: number;
  /** IANA time zone the timeline groups days in (the rep's). */
  timeZone?: string;
}

/**
 * Definitions and rep ratings change rarely and are read on every record view: they are kept
 * in memory, keyed by the revisions the store bumps on every write. A service-worker restart
 * just starts with an empty cache.
 */
const cache: {
  db?: IDBPDatabase<TandemDB>;
  definitions?: { revision: number; value: Definitions; assetsById: Map<string, Asset> };
  ratings?: { revision: number; value: Map<string, { useful: number; total: number }> };
  ranking?: { db: IDBPDatabase<TandemDB>; value: Promise<ScoreRanking | undefined> };
} = {};

async function cachedDefinitions(db: IDBPDatabase<TandemDB>, revision: number) {
  if (cache.db !== db) {
    cache.db = db;
    cache.definitions = undefined;
    cache.ratings = undefined;
  }
  if (cache.definitions?.revision !== revision) {
    const value = await getDefinitions(db);
    cache.definitions = {
      revision,
      value,
      assetsById: new Map(value.assets.map((a) => [a.id, a])),
    };
  }
  return cache.definitions;
}

async function cachedRatings(db: IDBPDatabase<TandemDB>, revision: number) {
  if (cache.ratings?.revision !== revision) {
    cache.ratings = { revision, value: await assetRatings(db) };
  }
  return cache.ratings.value;
}

/**
 * The stored ranking, read once per database connection: rankings are written only by
 * `computeScoreRanking` and `storeHubRanking` in this same context (the background's), which
 * hand each one they store to `rememberRanking`. So no record view pays a read to learn whether
 * it changed.
 */
function cachedRanking(db: IDBPDatabase<TandemDB>): Promise<ScoreRanking | undefined> {
  if (cache.ranking?.db !== db) {
    const value = readScoreRanking(db).catch((e: unknown) => {
      // Read again on the next view; this one goes without a standing.
      if (cache.ranking?.value === value) cache.ranking = undefined;
      console.warn('[tandem] reading the score ranking failed', e);
      return undefined;
    });
    cache.ranking = { db, value };
  }
  return cache.ranking.value;
}

/** A ranking just stored: what the next record views read standings from. */
export function rememberRanking(db: IDBPDatabase<TandemDB>, ranking: ScoreRanking): void {
  cache.ranking = { db, value: Promise.resolve(ranking) };
}

export async function buildLeadContext(
  db: IDBPDatabase<TandemDB>,
  detected: DetectedRecord,
  { now, timeZone }: ContextOptions,
): Promise<LeadContext> {
  // Identity resolution runs inside the store's read transaction (it decides which lead's
  // touches to read); its verdict is kept here.
  const resolved: { match: IdentityMatch | null } = { match: null };
  const reads = await readForLeadContext(
    db,
    {
      recordKey: recordKey(detected.ref),
      email: detected.fields.email?.value,
      name: detected.fields.name?.value,
    },
    (candidates) => {
      resolved.match = resolveIdentity(detected, candidates);
      return resolved.match?.leadKey ?? null;
    },
  );
  const dataUpdatedAt = reads.workspace?.updatedAt;
  const { lead } = reads;
  const match = resolved.match;
  if (!match || !lead) return { status: 'no-history', detected, dataUpdatedAt, computedAt: now };
  const touches = reads.touches;
  const [{ value: defs, assetsById }, ratings, ranking] = await Promise.all([
    cachedDefinitions(db, reads.definitionsRevision),
    cachedRatings(db, reads.eventsRevision),
    cachedRanking(db),
  ]);
  if (!defs.scoringModel || !defs.lifecycle) {
    throw new Error('the workspace has no scoring model or lifecycle definitions');
  }
  const persona = matchPersona(lead, defs.personas, defs.scoringModel.competitorDomains);
  const score = scoreLead({ lead, touches, assets: assetsById, model: defs.scoringModel, now });
  // Ranked under another scoring model, the ranking says nothing about this score.
  const standing =
    ranking?.definitionsRevision === reads.definitionsRevision
      ? standingOf(score.total, ranking.totals, ranking.computedAt)
      : undefined;
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

  // What the lead's stage means, and the stage its score points to when that is another one.
  const { lifecycle } = defs;
  const stageIds = [...new Set([lead.stage, score.stageSuggestion])];
  const stages = stageIds.flatMap((id) => lifecycle.stages.find((s) => s.stage === id) ?? []);

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
    ...(standing ? { standing } : {}),
    timeline,
    recommendations,
    assets,
    campaigns,
    funnelStage,
    sla: slaStatus({ lead, lifecycle: defs.lifecycle, now }),
    stages,
    rejectionReasons: defs.lifecycle.rejectionReasons,
    dataUpdatedAt,
    computedAt: now,
  };
}
