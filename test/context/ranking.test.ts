import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildLeadContext } from '../../lib/context/lead-context';
import { computeScoreRanking } from '../../lib/context/ranking';
import { generateDemoWorkspace } from '../../lib/demo';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';
import { scoreLead } from '../../lib/engine';
import { LeadContext, type Touch, type WorkspaceBundle } from '../../lib/model';
import {
  openTandemDb,
  readScoreRanking,
  replaceDefinitions,
  replaceWorkspace,
  type TandemDb,
} from '../../lib/store';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
let bundle: WorkspaceBundle;
let db: TandemDb;
beforeAll(async () => {
  bundle = generateDemoWorkspace({ now: NOW });
  db = await openTandemDb('ranking-test');
  await replaceWorkspace(db, bundle);
}, 60_000);

const dana = SHOWCASE_LEADS[0]!;
const danaRecord = {
  ref: dana.crmRefs[0]!,
  url: `https://acme.lightning.force.com/lightning/r/Lead/${dana.crmRefs[0]!.recordId}/view`,
  adapterId: 'salesforce-lightning',
  fields: {},
};

async function danaContext(now = NOW) {
  const ctx = await buildLeadContext(db, danaRecord, { now });
  if (ctx.status !== 'matched') throw new Error('expected Dana to match');
  return ctx;
}

// The demo workspace (300 leads, 20,000+ touches) in fake-indexeddb: slow on a busy machine, so
// the tests get more than the default time (this is no assertion about speed).
describe('ranking every lead by score', { timeout: 60_000 }, () => {
  it('gives no standing before the leads were ranked', async () => {
    expect((await danaContext()).standing).toBeUndefined();
  });

  it('ranks every lead of the workspace, as each scores on its own, in batches', async () => {
    // A clock that moves 1 ms each time it is read: one read per lead scored, so a pause
    // every 25 leads with 25 ms slices.
    let ms = 0;
    let pauses = 0;
    const result = await computeScoreRanking(db, NOW, {
      pause: async () => void pauses++,
      sliceMs: 25,
      clock: () => ms++,
    });
    expect(result.stored).toBe(true);
    // Each lead scored from the bundle directly (not through the store's packs).
    const byLead = new Map<string, Touch[]>();
    for (const t of bundle.touches) byLead.set(t.leadKey, [...(byLead.get(t.leadKey) ?? []), t]);
    const assets = new Map(bundle.assets.map((a) => [a.id, a]));
    const expected = bundle.leads
      .map(
        (lead) =>
          scoreLead({
            lead,
            touches: byLead.get(lead.key) ?? [],
            assets,
            model: bundle.scoringModel,
            now: NOW,
          }).total,
      )
      .sort((a, b) => a - b);
    const stored = await readScoreRanking(db);
    expect(stored?.totals).toEqual(expected);
    expect(stored?.computedAt).toBe(NOW);
    expect(pauses).toBe(Math.floor(bundle.leads.length / 25));
  });

  it("puts the lead's own total among them in the sidebar's context", async () => {
    const ctx = await danaContext(NOW + 3_600_000);
    expect(() => LeadContext.parse(ctx)).not.toThrow();
    const { totals } = (await readScoreRanking(db))!;
    const higher = totals.filter((t) => t > ctx.score.total).length;
    expect(ctx.standing).toEqual({
      rank: higher + 1,
      of: bundle.leads.length,
      topPercent: Math.ceil(((higher + 1) * 100) / bundle.leads.length),
      rankedAt: NOW,
    });
    // Dana is the demo's hot MQL: well inside the top quarter.
    expect(ctx.standing!.topPercent).toBeLessThanOrEqual(25);
  });

  it('reads the stored ranking in a restarted worker (nothing in memory)', async () => {
    vi.resetModules();
    const restarted = await import('../../lib/context/lead-context');
    const ctx = await restarted.buildLeadContext(db, danaRecord, { now: NOW });
    expect(ctx.status === 'matched' && ctx.standing?.rankedAt).toBe(NOW);
  });

  it('drops the standing once the scoring model changed, until ranked again', async () => {
    await replaceDefinitions(db, {
      workspace: bundle.workspace,
      personas: bundle.personas,
      campaigns: bundle.campaigns,
      assets: bundle.assets,
      scoringModel: {
        ...bundle.scoringModel,
        thresholds: { ...bundle.scoringModel.thresholds },
      },
      lifecycle: bundle.lifecycle,
    });
    expect((await danaContext()).standing).toBeUndefined();
    await computeScoreRanking(db, NOW + 60_000);
    expect((await danaContext()).standing?.rankedAt).toBe(NOW + 60_000);
  });
});
