/**
 * The aggregator against the straightforward implementation in reference.ts, on generated
 * workspaces and events: times around DST changes (including zones whose clocks skip midnight)
 * and exactly on the range bounds and the unused-content windows' starts, reps whose emails differ in case, unknown assets, leads and
 * campaigns, ties in time, events in any order and any batch size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDashboardAggregator,
  type AssetOpen,
  type DashboardDefinitions,
  UNUSED_WINDOWS_DAYS,
} from '../../lib/dashboard/aggregate';
import type { DashboardQuery } from '../../lib/dashboard/schema';
import type { Lead, TandemEvent } from '../../lib/model';
import { referenceAggregator, referenceDashboard } from './reference';
import { asset, DAY, defs as fixtureDefs, HOUR } from './fixture';

/** Zones with the instants their clocks change (the generator clusters times around them). */
const ZONES: { zone: string; changes: number[] }[] = [
  {
    zone: 'America/New_York',
    changes: [Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6)],
  },
  {
    zone: 'Europe/London',
    changes: [Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 9, 27, 1)],
  },
  {
    // Clocks go from 23:59:59 to 01:00 in September: that day has no midnight.
    zone: 'America/Santiago',
    changes: [Date.UTC(2024, 3, 7, 3), Date.UTC(2024, 8, 8, 4)],
  },
  {
    // Half-hour DST.
    zone: 'Australia/Lord_Howe',
    changes: [Date.UTC(2024, 3, 6, 15), Date.UTC(2024, 9, 5, 15, 30)],
  },
  { zone: 'Asia/Kolkata', changes: [Date.UTC(2024, 5, 1)] },
  { zone: 'UTC', changes: [Date.UTC(2024, 0, 1)] },
];

const REPS = [
  { name: 'Ann Rep', email: 'ann@example.com' },
  { name: 'Ann R.', email: 'ANN@example.com' },
  { name: 'Ann', email: ' Ann@Example.com ' },
  { name: 'Bob Rep', email: 'bob@example.com' },
  { name: 'Bob Rep', email: 'cy@example.com' },
];
const ASSET_IDS = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'AX', 'AY'];
const LEAD_KEYS = ['L1', 'L2', 'L3', 'L4', 'LX'];
const CAMPAIGN_IDS = ['C1', 'C2', 'C9'];
const STAGES = ['lead', 'mql', 'sql'] as const;
const TAGS = ['pricing', 'Pricing ', 'acme', ' Acme', 'security', 'SSO'];
const TEXTS = ['Too expensive compared to Acme', 'They offer a free trial', 'No SSO', 'Pricing'];

/** The fixture's workspace plus an asset titled like another (ties in every sort). */
function definitions(now: number, withLifecycle: boolean): DashboardDefinitions {
  const leads: Lead[] = fixtureDefs.leads.map((l, i) => ({
    ...l,
    ...(l.stageChangedAt !== undefined ? { stageChangedAt: now - (i + 1) * 20 * HOUR } : {}),
  }));
  // An MQL since the same moment as L3: overdue MQLs due at the same time sort by name.
  leads.push({ ...leads[2]!, key: 'L5', firstName: 'Ada' });
  const base = {
    assets: [
      ...fixtureDefs.assets.map((a) => (a.expiresAt !== undefined ? { ...a, expiresAt: now } : a)),
      asset('A5', { title: 'ROI guide', campaignId: 'C2', stages: ['decision', 'awareness'] }),
      // A stage listed twice (the model allows it): counted once per listing.
      asset('A6', { title: 'Buyer checklist', stages: ['consideration', 'consideration'] }),
    ],
    campaigns: [
      ...fixtureDefs.campaigns,
      { ...fixtureDefs.campaigns[0]!, id: 'C3', name: 'Spring launch' },
    ],
    personas: [
      fixtureDefs.personas[0]!,
      { ...fixtureDefs.personas[0]!, id: 'P2', name: 'Ops lead' },
    ],
    leads,
  };
  return withLifecycle ? { ...base, lifecycle: fixtureDefs.lifecycle! } : base;
}

interface Scenario {
  zone: string;
  now: number;
  from?: number;
  to?: number;
  campaignId?: string;
  insightSearch?: string;
  events: TandemEvent[];
  opens: AssetOpen[];
  batch: number;
  withLifecycle: boolean;
}

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Times near a clock change: whole half-hours and minutes, or exactly a bound, plus jitter. */
const timeNear = (anchors: number[]) =>
  fc
    .tuple(
      pick(anchors),
      fc.integer({ min: -30 * 48, max: 30 * 48 }),
      fc.constantFrom(0, 0, 0, 1, -1, 59_999, 1_800_000 - 1),
    )
    .map(([a, halfHours, jitter]) => a + halfHours * 1_800_000 + jitter);

const scenario: fc.Arbitrary<Scenario> = pick(ZONES).chain(({ zone, changes }) => {
  const change = changes;
  return fc
    .record({
      now: timeNear(change),
      fromDays: maybe(fc.integer({ min: 0, max: 40 })),
      fromJitter: fc.constantFrom(0, 1, -1, 5 * HOUR, 30 * 60_000),
      toDays: maybe(fc.integer({ min: -10, max: 5 })),
      campaignId: maybe(pick(CAMPAIGN_IDS)),
      insightSearch: maybe(pick(['', 'acme', '  ACME trial ', 'pricing', 'sso'])),
      batch: fc.integer({ min: 1, max: 60 }),
      withLifecycle: fc.boolean(),
      // Most events rate one asset: enough ratings (odd and even counts) for its trend halves.
      ratingsHeavy: fc.boolean(),
      raw: fc.array(
        fc.record({
          kind: pick(['asset_usage', 'content_feedback', 'lead_verdict', 'field_insight'] as const),
          near: timeNear(change),
          onBound: fc.constantFrom(
            undefined,
            undefined,
            undefined,
            'from',
            'to',
            'now',
            ...UNUSED_WINDOWS_DAYS,
          ),
          boundJitter: fc.constantFrom(0, -1, 1),
          rep: pick(REPS),
          assetId: pick(ASSET_IDS),
          action: pick(['copied', 'sent', 'opened'] as const),
          leadKey: maybe(pick(LEAD_KEYS)),
          record: fc.boolean(),
          campaignId: maybe(pick(CAMPAIGN_IDS)),
          context: maybe(
            fc.record(
              {
                personaId: pick(['P1', 'P2', 'P9']),
                personaName: pick(['VP Marketing', 'Ops lead', 'Founder']),
                stage: pick(STAGES),
              },
              { requiredKeys: [] },
            ),
          ),
          rating: pick(['useful', 'not_relevant', 'outdated', 'missing_info'] as const),
          reasons: fc.subarray(['Too long', 'Old numbers', 'Wrong persona']),
          note: maybe(pick(['', 'Uses 2022 pricing', 'Great'])),
          verdict: pick(['accepted', 'rejected'] as const),
          reasonId: pick(['R1', 'R2', 'R9']),
          category: pick(['objection', 'competitor', 'product_gap'] as const),
          text: pick(TEXTS),
          tags: fc.subarray(TAGS),
          rank: fc.integer({ min: 0, max: 40 }),
        }),
        // fast-check keeps arrays short by default: a larger size also makes busy assets.
        { maxLength: 140, size: 'large' },
      ),
      opens: fc.array(
        fc.record({ leadKey: pick(LEAD_KEYS), assetId: pick(ASSET_IDS), near: timeNear(change) }),
        { maxLength: 8 },
      ),
    })
    .map((s): Scenario => {
      const from = s.fromDays === undefined ? undefined : s.now - s.fromDays * DAY + s.fromJitter;
      const to = s.toDays === undefined ? undefined : s.now + s.toDays * DAY;
      const events = s.raw.map((r, i): TandemEvent => {
        const bound =
          r.onBound === 'from'
            ? from
            : r.onBound === 'to'
              ? to
              : typeof r.onBound === 'number'
                ? s.now - r.onBound * DAY // where an unused-content window starts
                : s.now;
        const at = Math.max(0, (r.onBound && bound !== undefined ? bound : r.near) + r.boundJitter);
        // Ids sort differently from times, and ties in time happen.
        const base = {
          id: `018e0000-0000-7000-8000-${String(r.rank).padStart(4, '0')}${String(i).padStart(8, '0')}`,
          at: r.rank % 7 === 0 && i > 0 ? s.now - DAY : at,
          rep: r.rep,
          ...(r.leadKey !== undefined ? { leadKey: r.leadKey } : {}),
          ...(r.campaignId !== undefined ? { campaignId: r.campaignId } : {}),
          ...(r.context !== undefined ? { context: r.context } : {}),
        };
        const kind = s.ratingsHeavy && i % 3 !== 0 ? 'content_feedback' : r.kind;
        const assetId = s.ratingsHeavy && i % 3 !== 0 ? 'A1' : r.assetId;
        switch (kind) {
          case 'asset_usage':
            return { ...base, kind, action: r.action, assetId };
          case 'content_feedback':
            return {
              ...base,
              kind,
              assetId,
              rating: r.rating,
              reasons: r.reasons,
              ...(r.note !== undefined ? { note: r.note } : {}),
            };
          case 'lead_verdict': {
            const { leadKey: _drop, ...noLead } = base;
            const who = r.leadKey === undefined && r.record ? noLead : base;
            return {
              ...who,
              kind,
              verdict: r.verdict,
              ...(r.verdict === 'rejected' ? { reasonId: r.reasonId } : {}),
              ...(r.record
                ? {
                    record: {
                      crm: 'hubspot',
                      tenant: r.rank % 2 ? 'ACME' : 'acme',
                      objectType: 'contact',
                      recordId: String(r.rank % 3),
                    },
                  }
                : {}),
            } as TandemEvent;
          }
          case 'field_insight':
            return { ...base, kind, category: r.category, text: r.text, tags: r.tags };
        }
      });
      return {
        zone,
        now: s.now,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(s.campaignId !== undefined ? { campaignId: s.campaignId } : {}),
        ...(s.insightSearch !== undefined ? { insightSearch: s.insightSearch } : {}),
        events,
        opens: s.opens.map((o) => ({ leadKey: o.leadKey, assetId: o.assetId, at: o.near })),
        batch: s.batch,
        withLifecycle: s.withLifecycle,
      };
    });
});

function both(s: Scenario) {
  const defs = definitions(s.now, s.withLifecycle);
  const query: DashboardQuery = {
    timeZone: s.zone,
    ...(s.from !== undefined ? { from: s.from } : {}),
    ...(s.to !== undefined ? { to: s.to } : {}),
    ...(s.campaignId !== undefined ? { campaignId: s.campaignId } : {}),
    ...(s.insightSearch !== undefined ? { insightSearch: s.insightSearch } : {}),
  };
  let earliestAt: number | undefined;
  for (const e of s.events) if (earliestAt === undefined || e.at < earliestAt) earliestAt = e.at;
  const opts = { query, now: s.now, ...(earliestAt !== undefined ? { earliestAt } : {}) };
  const expected = referenceDashboard(s.events, defs, { ...opts, opens: s.opens });
  const agg = createDashboardAggregator(defs, opts);
  for (let i = 0; i < s.events.length; i += s.batch) agg.add(s.events.slice(i, i + s.batch));
  const shared = agg.sharedLeads();
  agg.addOpens(s.opens);
  const ref = referenceAggregator(defs, opts);
  ref.add(s.events);
  return { actual: agg.finish(), expected, shared, expectedShared: ref.sharedLeads() };
}

// Hundreds of generated cases each: generous time limits for a loaded machine.
describe('dashboard aggregates against the reference implementation', { timeout: 120_000 }, () => {
  it('gives identical results on generated events', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { actual, expected } = both(s);
        expect(actual).toStrictEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('gives identical results on events in time order (the store’s usual order)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const sorted = { ...s, events: [...s.events].sort((a, b) => a.at - b.at) };
        const { actual, expected } = both(sorted);
        expect(actual).toStrictEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('names the same leads whose marketing opens matter', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { shared, expectedShared } = both(s);
        expect([...shared].sort()).toEqual([...expectedShared].sort());
      }),
      { numRuns: 200 },
    );
  });
});
