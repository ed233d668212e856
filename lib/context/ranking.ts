/**
 * Ranks every lead's score: the workspace's scoring model applied to each lead and its touches
 * at `now`, the totals stored ascending (see `ScoreRanking`). What `buildLeadContext` reads a
 * lead's standing from. Background only. The scan reads a batch of leads at a time and scores
 * them in slices of a few milliseconds, so a record opened during a ranking of thousands of
 * leads waits for one slice, not for the ranking.
 */
import { scoreLead, sortTotals } from '../engine';
import { rememberRanking } from './lead-context';
import type { Asset } from '../model';
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

export interface RankingOptions {
  /** Yields to the work waiting (the background: the messages that came in meanwhile). */
  pause?: () => Promise<void>;
  /** Milliseconds of scoring between two pauses (a record opened meanwhile waits that long). */
  sliceMs?: number;
  /** The clock slices are measured with. */
  clock?: () => number;
}

/** Scores every lead at `now` and stores the ranking. */
export async function computeScoreRanking(
  db: TandemDb,
  now: number,
  {
    pause = () => Promise.resolve(),
    sliceMs = 10,
    clock = () => performance.now(),
  }: RankingOptions = {},
): Promise<RankingResult> {
  const [definitionsRevision, defs] = await Promise.all([
    readDefinitionsRevision(db),
    getDefinitions(db),
  ]);
  const model = defs.scoringModel;
  if (!model) return { stored: false };
  const assets = new Map<string, Asset>(defs.assets.map((a) => [a.id, a]));
  const totals: number[] = [];
  let sliceStart = clock();
  await scanLeadsWithTouches(db, async (batch) => {
    for (const { lead, touches } of batch) {
      const score = scoreLead({ lead, touches: touches(), assets, model, now, history: false });
      totals.push(score.total);
      if (clock() - sliceStart >= sliceMs) {
        await pause();
        sliceStart = clock();
      }
    }
  });
  const ranking: ScoreRanking = {
    computedAt: now,
    definitionsRevision,
    totals: sortTotals(totals),
  };
  const stored = await writeScoreRanking(db, ranking);
  if (stored) rememberRanking(db, ranking);
  return { ranking, stored };
}
