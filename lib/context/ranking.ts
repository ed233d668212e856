/**
 * Ranks every lead's score: the workspace's scoring model applied to each lead and its touches
 * at `now`, the totals stored ascending (see `ScoreRanking`). What `buildLeadContext` reads a
 * lead's standing from. Background only. The scan reads a batch of leads at a time and scores
 * them in slices of a few milliseconds, so a record opened during a ranking of thousands of
 * leads waits for one slice, not for the ranking.
 */
import { sortTotals } from '../engine';
import { rememberRanking } from './lead-context';
import { scoreTotals, type SliceOptions } from './score-totals';
import {
  getDefinitions,
  readDefinitionsRevision,
  scanLeadsWithTouches,
  writeScoreRanking,
  type ScoreRanking,
  type TandemDb,
} from '../store';

export interface RankingResult {
  /** The ranking computed; undefined when the workspace has no scoring model. */
  ranking?: ScoreRanking;
  /** False when the definitions changed during the scan: nothing was stored. */
  stored: boolean;
}

/** How the scan pauses: between slices the background answers the messages that came in. */
export type RankingOptions = SliceOptions;

/** Scores every lead at `now` and stores the ranking. */
export async function computeScoreRanking(
  db: TandemDb,
  now: number,
  options: RankingOptions = {},
): Promise<RankingResult> {
  const [definitionsRevision, defs] = await Promise.all([
    readDefinitionsRevision(db),
    getDefinitions(db),
  ]);
  const model = defs.scoringModel;
  if (!model) return { stored: false };
  const totals = scoreTotals(model, defs.assets, now, options);
  await scanLeadsWithTouches(db, totals.add);
  const ranking: ScoreRanking = {
    computedAt: now,
    definitionsRevision,
    totals: totals.sorted(),
  };
  const stored = await writeScoreRanking(db, ranking);
  if (stored) rememberRanking(db, ranking);
  return { ranking, stored };
}

/**
 * Stores the team hub's ranking of the whole workspace, made under the definitions this store
 * took from the hub at `definitionsRevision`: refused (false) when the store's definitions were
 * written since, as a ranking of this extension's own would be.
 */
export async function storeHubRanking(
  db: TandemDb,
  hub: { rankedAt: number; totals: readonly number[] },
  definitionsRevision: number,
): Promise<boolean> {
  const ranking: ScoreRanking = {
    computedAt: hub.rankedAt,
    definitionsRevision,
    // Standings search the totals in order: the hub's answer is not taken on trust.
    totals: sortTotals(hub.totals),
    source: 'hub',
  };
  const stored = await writeScoreRanking(db, ranking);
  if (stored) rememberRanking(db, ranking);
  return stored;
}
