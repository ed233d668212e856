import { beforeAll, describe, expect, it } from 'vitest';
import { buildLeadContext } from '../../lib/context/lead-context';
import { generateDemoWorkspace } from '../../lib/demo';
import { SHOWCASE_LEADS, UNKNOWN_SALESFORCE_LEAD } from '../../lib/demo/showcase';
import {
  LeadContext,
  TandemEvent,
  type DetectedRecord,
  type WorkspaceBundle,
} from '../../lib/model';
import {
  addEvent,
  deleteEverything,
  linkRecord,
  openTandemDb,
  replaceWorkspace,
} from '../../lib/store';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
let bundle: WorkspaceBundle;
beforeAll(() => {
  bundle = generateDemoWorkspace({ now: NOW });
});

async function seeded(b = bundle) {
  const db = await openTandemDb('ctx-test');
  await replaceWorkspace(db, b);
  return db;
}

function sf(
  recordId: string,
  fields: DetectedRecord['fields'] = {},
  objectType: 'lead' | 'contact' = 'lead',
): DetectedRecord {
  return {
    ref: { crm: 'salesforce', tenant: 'acme', objectType, recordId },
    url: `https://acme.lightning.force.com/lightning/r/Lead/${recordId}/view`,
    adapterId: 'salesforce-lightning',
    fields,
  };
}

const dana = SHOWCASE_LEADS[0]!;

// Seeding writes the whole demo workspace (20,000+ touches) into fake-indexeddb: slow on a busy
// machine, so the tests get more than the default time (this is no assertion about speed).
describe('buildLeadContext', { timeout: 60_000 }, () => {
  it('matches a showcase lead by CRM id and runs every engine on its data', async () => {
    const db = await seeded();
    const ctx = await buildLeadContext(db, sf(dana.crmRefs[0]!.recordId), { now: NOW });
    expect(() => LeadContext.parse(ctx)).not.toThrow();
    if (ctx.status !== 'matched') throw new Error('expected a match');
    expect(ctx.match).toEqual({ leadKey: 'L-0001', rule: 'crm_id', confidence: 1 });
    expect(ctx.lead.email).toBe(dana.email);
    expect(ctx.persona.top?.personaName).toMatch(/Demand Gen/);
    // The demo story: an MQL above the MQL line, below SQL, with a pricing surge.
    expect(ctx.score.total).toBeGreaterThanOrEqual(ctx.score.thresholds.mql);
    expect(ctx.score.total).toBeLessThan(ctx.score.thresholds.sql);
    expect(ctx.timeline.surges.some((s) => s.kind === 'pricing')).toBe(true);
    const touchCount = bundle.touches.filter((t) => t.leadKey === 'L-0001' && t.at <= NOW).length;
    expect(ctx.timeline.total).toBe(touchCount);
    // Every asset the context refers to is shipped with it.
    const shipped = new Set(ctx.assets.map((a) => a.id));
    for (const r of ctx.recommendations) expect(shipped.has(r.assetId)).toBe(true);
    expect(ctx.recommendations.length).toBeGreaterThan(0);
    expect(ctx.dataUpdatedAt).toBe(bundle.workspace.updatedAt);
  });

  it('carries what the lead’s stage means, and the stage its score points to when another', async () => {
    const db = await seeded();
    const agreed = (stage: string) => bundle.lifecycle.stages.find((s) => s.stage === stage);
    // Dana: an MQL whose score says MQL: one definition.
    const d = await buildLeadContext(db, sf(dana.crmRefs[0]!.recordId), { now: NOW });
    if (d.status !== 'matched') throw new Error('expected a match');
    expect(d.score.stageSuggestion).toBe('mql');
    expect(d.stages).toEqual([agreed('mql')]);
    // Marcus: a lead (contact) past the MQL line: his stage first, then the score's.
    const marcus = SHOWCASE_LEADS[1]!.crmRefs[0]!;
    const m = await buildLeadContext(db, sf(marcus.recordId, {}, 'contact'), { now: NOW });
    if (m.status !== 'matched') throw new Error('expected a match');
    expect([m.lead.stage, m.score.stageSuggestion]).toEqual(['lead', 'mql']);
    expect(m.stages).toEqual([agreed('lead'), agreed('mql')]);
    expect(() => LeadContext.parse(m)).not.toThrow();
  });

  it('falls back to the email shown on the page when the record id is unknown', async () => {
    const db = await seeded();
    const ctx = await buildLeadContext(
      db,
      sf(UNKNOWN_SALESFORCE_LEAD.recordId, {
        email: {
          value: '  DANA.Whitfield@Northwind-Analytics.com ',
          provenance: { source: 'dom', detail: 'x' },
        },
      }),
      { now: NOW },
    );
    expect(ctx.status === 'matched' && ctx.match).toMatchObject({
      leadKey: 'L-0001',
      rule: 'email',
    });
  });

  it('falls back to name and company', async () => {
    const db = await seeded();
    const ctx = await buildLeadContext(
      db,
      sf(UNKNOWN_SALESFORCE_LEAD.recordId, {
        name: { value: 'Dana Whitfield', provenance: { source: 'dom', detail: 'x' } },
        company: { value: 'Northwind Analytics, Inc.', provenance: { source: 'dom', detail: 'x' } },
      }),
      { now: NOW },
    );
    expect(ctx.status === 'matched' && ctx.match).toMatchObject({
      leadKey: 'L-0001',
      rule: 'name_company',
    });
  });

  it('reports no-history for a record nobody in marketing knows', async () => {
    const db = await seeded();
    const ctx = await buildLeadContext(
      db,
      sf(UNKNOWN_SALESFORCE_LEAD.recordId, {
        email: { value: UNKNOWN_SALESFORCE_LEAD.email, provenance: { source: 'dom', detail: 'x' } },
      }),
      { now: NOW },
    );
    expect(ctx).toMatchObject({ status: 'no-history', dataUpdatedAt: bundle.workspace.updatedAt });
  });

  it('follows a record linked to another lead at once (no stale identity)', async () => {
    const db = await seeded();
    const record = sf(dana.crmRefs[0]!.recordId);
    const before = await buildLeadContext(db, record, { now: NOW });
    expect(before.status === 'matched' && before.lead.key).toBe('L-0001');
    const other = bundle.leads.find(
      (l) => l.key !== 'L-0001' && bundle.touches.some((t) => t.leadKey === l.key),
    )!;
    await linkRecord(db, other.key, record.ref);
    const after = await buildLeadContext(db, record, { now: NOW });
    if (after.status !== 'matched') throw new Error('expected a match');
    expect(after.lead.key).toBe(other.key);
    expect(after.timeline.total).toBe(
      bundle.touches.filter((t) => t.leadKey === other.key && t.at <= NOW).length,
    );
  });

  it('sees a rep rating written after the last view (ratings cache follows events)', async () => {
    const db = await seeded();
    const record = sf(dana.crmRefs[0]!.recordId);
    const first = await buildLeadContext(db, record, { now: NOW });
    if (first.status !== 'matched') throw new Error('expected a match');
    const pick = first.recommendations[0]!;
    expect(pick.reasons.some((r) => r.kind === 'poorly_rated')).toBe(false);
    // Three reps found it not relevant: enough ratings to count, all negative.
    for (let i = 0; i < 3; i++) {
      await addEvent(
        db,
        TandemEvent.parse({
          id: `0190a000-0000-7000-8000-00000000000${i}`,
          at: NOW - 1000 * (i + 1),
          kind: 'content_feedback',
          assetId: pick.assetId,
          rating: 'not_relevant',
          rep: { name: 'Rep', email: `rep${i}@example.com` },
        }),
        'local',
      );
    }
    const second = await buildLeadContext(db, record, { now: NOW });
    if (second.status !== 'matched') throw new Error('expected a match');
    const again = second.recommendations.find((r) => r.assetId === pick.assetId);
    if (again) {
      expect(again.score).toBeLessThan(pick.score);
      expect(again.reasons.some((r) => r.kind === 'poorly_rated')).toBe(true);
    } else {
      expect(second.recommendations.map((r) => r.assetId)).not.toContain(pick.assetId);
    }
  });

  it('sees new definitions after the workspace is replaced (no stale cache)', async () => {
    const db = await seeded();
    const first = await buildLeadContext(db, sf(dana.crmRefs[0]!.recordId), { now: NOW });
    if (first.status !== 'matched') throw new Error('expected a match');
    const renamed: WorkspaceBundle = {
      ...bundle,
      personas: bundle.personas.map((p) => ({ ...p, name: `${p.name} (v2)` })),
    };
    await replaceWorkspace(db, renamed);
    const second = await buildLeadContext(db, sf(dana.crmRefs[0]!.recordId), { now: NOW });
    expect(second.status === 'matched' && second.persona.top?.personaName).toBe(
      `${first.persona.top?.personaName} (v2)`,
    );
  });

  it('sees the next workspace after all data was deleted (revisions count on, no stale cache)', async () => {
    const db = await seeded();
    const first = await buildLeadContext(db, sf(dana.crmRefs[0]!.recordId), { now: NOW });
    if (first.status !== 'matched') throw new Error('expected a match');
    await deleteEverything(db);
    // One workspace write after the deletion, as after the first one: the same revision count.
    const renamed: WorkspaceBundle = {
      ...bundle,
      personas: bundle.personas.map((p) => ({ ...p, name: `${p.name} (imported)` })),
    };
    await replaceWorkspace(db, renamed);
    const second = await buildLeadContext(db, sf(dana.crmRefs[0]!.recordId), { now: NOW });
    expect(second.status === 'matched' && second.persona.top?.personaName).toBe(
      `${first.persona.top?.personaName} (imported)`,
    );
  });
});
