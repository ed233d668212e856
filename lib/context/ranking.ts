/**
 * Ranks every lead's score: the workspace's scoring model applied to each lead and its touches
 * at `now`, the totals stored ascending (see `ScoreRanking`). What `buildLeadContext` reads a
 * lead's standing from. Background only.
 */
import { scoreLead, sortTotals } from '../engine';
import type { Asset } from '../model';
import {
  getDefinitions,
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

/**
 * Scores every lead and stores the ranking. `pause` runs between batches of leads (the
 * background yields to the messages waiting there).
 */
export async function computeScoreRanking(
  db: TandemDb,
  now: number,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<RankingResult> {
  const [definitionsRevision, defs] = await Promise.all([
    db.get('meta', 'definitionsRevision').then((r) => (r as number | undefined) ?? 0),
    getDefinitions(db),
  ]);
  const model = defs.scoringModel;
  if (!model) return { stored: false };
  const assets = new Map<string, Asset>(defs.assets.map((a) => [a.id, a]));
  const totals: number[] = [];
  await scanLeadsWithTouches(db, async (batch) => {
    for (const { lead, touches } of batch) {
      totals.push(scoreLead({ lead, touches, assets, model, now, history: false }).total);
    }
    await pause();
  });
  const ranking: ScoreRanking = {
    computedAt: now,
    definitionsRevision,
    totals: sortTotals(totals),
  };
  return { ranking, stored: await writeScoreRanking(db, ranking) };
}
