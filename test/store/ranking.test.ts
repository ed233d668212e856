import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Touch } from '../../lib/model';
import {
  TOUCH_PACK_CAP,
  openTandemDb,
  putTouches,
  readScoreRanking,
  replaceDefinitions,
  replaceWorkspace,
  scanLeadsWithTouches,
  writeScoreRanking,
  type TandemDb,
} from '../../lib/store';
import { DAY, T0, makeBundle, makeLead, makeTouch } from './fixtures';

let db: TandemDb;
beforeEach(async () => {
  db = await openTandemDb();
});
afterEach(() => db.close());

/** Leads L-00 .. L-(n-1); lead i has i * 3 touches, one a day, newest last. */
function workspace(n: number) {
  const leads = Array.from({ length: n }, (_, i) => makeLead(`L-${String(i).padStart(2, '0')}`));
  const touches: Touch[] = [];
  leads.forEach((lead, i) => {
    for (let k = 0; k < i * 3; k++)
      touches.push(makeTouch(`${lead.key}:${k}`, lead.key, T0 + k * DAY));
  });
  return makeBundle({ leads, touches });
}

describe('scanLeadsWithTouches', () => {
  it('hands every lead once, in key order, with its own touches oldest first, batch by batch', async () => {
    const bundle = workspace(11);
    await replaceWorkspace(db, bundle);
    const batches: string[][] = [];
    const seen = new Map<string, string[]>();
    await scanLeadsWithTouches(
      db,
      (batch) => {
        batches.push(batch.map((b) => b.lead.key));
        for (const { lead, touches } of batch)
          seen.set(
            lead.key,
            touches().map((t) => t.id),
          );
      },
      4,
    );
    expect(batches.map((b) => b.length)).toEqual([4, 4, 3]);
    expect(batches.flat()).toEqual(bundle.leads.map((l) => l.key).sort());
    for (const lead of bundle.leads) {
      const own = bundle.touches.filter((t) => t.leadKey === lead.key);
      expect(seen.get(lead.key)).toEqual(own.sort((a, b) => a.at - b.at).map((t) => t.id));
    }
  });

  it('reads a lead whose touches span several packs, and stops on a batch that fills exactly', async () => {
    const bundle = workspace(4);
    await replaceWorkspace(db, bundle);
    const many = Array.from({ length: TOUCH_PACK_CAP + 20 }, (_, k) =>
      makeTouch(`big:${k}`, 'L-02', T0 - (k + 1) * 60_000),
    );
    await putTouches(db, many);
    const counts = new Map<string, number>();
    let calls = 0;
    await scanLeadsWithTouches(
      db,
      (batch) => {
        calls++;
        for (const { lead, touches } of batch) counts.set(lead.key, touches().length);
      },
      2,
    );
    expect(calls).toBe(2);
    expect(Object.fromEntries(counts)).toEqual({
      'L-00': 0,
      'L-01': 3,
      'L-02': 6 + many.length,
      'L-03': 9,
    });
  });

  it('hands nothing for an empty store', async () => {
    let calls = 0;
    await scanLeadsWithTouches(db, () => void calls++);
    expect(calls).toBe(0);
  });
});

describe('the stored score ranking', () => {
  it('is stored under the definitions it was ranked with, and refused once they changed', async () => {
    const bundle = workspace(3);
    await replaceWorkspace(db, bundle);
    const revision = (await db.get('meta', 'definitionsRevision')) as number;
    const ranking = { computedAt: T0, definitionsRevision: revision, totals: [1, 2, 3] };
    expect(await writeScoreRanking(db, ranking)).toBe(true);
    expect(await readScoreRanking(db)).toEqual(ranking);

    await replaceDefinitions(db, {
      workspace: bundle.workspace,
      personas: bundle.personas,
      campaigns: bundle.campaigns,
      assets: bundle.assets,
      scoringModel: bundle.scoringModel,
      lifecycle: bundle.lifecycle,
    });
    const stale = { computedAt: T0 + DAY, definitionsRevision: revision, totals: [5] };
    expect(await writeScoreRanking(db, stale)).toBe(false);
    expect(await readScoreRanking(db)).toEqual(ranking);
  });

  it('reads a stored value that is not a ranking as none', async () => {
    await db.put('meta', { computedAt: 'yesterday', totals: 'many' } as never, 'scoreRanking');
    expect(await readScoreRanking(db)).toBeUndefined();
  });
});
