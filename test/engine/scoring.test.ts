import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HISTORY_DAYS, scoreLead, suggestStage } from '../../lib/engine';
import {
  ScoreResult,
  type Asset,
  type Lead,
  type ScoringModel,
  type Touch,
  type TouchType,
} from '../../lib/model';
import {
  DAY,
  HOUR,
  NOW,
  asset,
  lead,
  model,
  touch,
  type EngagementRuleIn,
  type FitRuleIn,
} from './fixtures';

const noAssets = new Map<string, Asset>();

function score(l: Lead, touches: Touch[], m: ScoringModel, now = NOW, assets = noAssets) {
  return scoreLead({ lead: l, touches, assets, model: m, now });
}

const clickRule: EngagementRuleIn = {
  id: 'click',
  label: 'Email click',
  touchTypes: ['email_clicked'],
  points: 10,
};

describe('scoreLead: engagement decay', () => {
  it('halves points every half-life (10 points, 30-day half-life)', () => {
    const m = model({ engagement: { rules: [clickRule], cap: 100, halfLifeDays: 30 } });
    const r = score(
      lead(),
      [
        touch({ type: 'email_clicked', at: NOW }),
        touch({ type: 'email_clicked', at: NOW - 30 * DAY }),
        touch({ type: 'email_clicked', at: NOW - 60 * DAY }),
      ],
      m,
    );
    // 10 * 0.5^0 + 10 * 0.5^1 + 10 * 0.5^2 = 10 + 5 + 2.5
    expect(r.engagement).toBe(17.5);
    expect(r.total).toBe(17.5);
    const eng = r.contributions.filter((c) => c.category === 'engagement');
    expect(eng.map((c) => [c.points, c.decayFactor, c.ageDays])).toEqual([
      [10, 1, 0],
      [5, 0.5, 30],
      [2.5, 0.25, 60],
    ]);
    expect(eng.every((c) => c.rawPoints === 10 && !c.capped)).toBe(true);
  });

  it('does not decay rules with decays: false', () => {
    const m = model({
      engagement: { rules: [{ ...clickRule, decays: false }], cap: 100, halfLifeDays: 30 },
    });
    const r = score(lead(), [touch({ type: 'email_clicked', at: NOW - 300 * DAY })], m);
    expect(r.engagement).toBe(10);
    expect(r.contributions[0]?.decayFactor).toBe(1);
  });

  it('ignores bot-suspect touches and touches after now', () => {
    const m = model({ engagement: { rules: [clickRule], cap: 100, halfLifeDays: 30 } });
    const r = score(
      lead(),
      [
        touch({ type: 'email_clicked', at: NOW - 30 * DAY }),
        touch({ type: 'email_clicked', at: NOW - DAY, botSuspect: true }),
        touch({ type: 'email_clicked', at: NOW + HOUR }),
      ],
      m,
    );
    expect(r.engagement).toBe(5);
    expect(r.contributions).toHaveLength(1);
  });

  it('applies urlContains case-insensitively to detail and url, and assetTypes filters', () => {
    const assets = new Map<string, Asset>([
      ['a-cs', asset({ id: 'a-cs', type: 'case_study' })],
      ['a-wp', asset({ id: 'a-wp', type: 'whitepaper' })],
    ]);
    const m = model({
      engagement: {
        rules: [
          {
            id: 'pricing',
            label: 'Pricing page',
            touchTypes: ['page_viewed'],
            urlContains: ['/Pricing'],
            points: 5,
            decays: false,
          },
          {
            id: 'cs',
            label: 'Case study',
            touchTypes: ['content_downloaded'],
            assetTypes: ['case_study'],
            points: 8,
            decays: false,
          },
        ],
        cap: 100,
        halfLifeDays: 30,
      },
    });
    const r = score(
      lead(),
      [
        touch({ type: 'page_viewed', at: NOW - DAY, url: 'https://acme.example/pricing' }),
        touch({ type: 'page_viewed', at: NOW - DAY, detail: 'Viewed /PRICING page' }),
        touch({ type: 'page_viewed', at: NOW - DAY, url: 'https://acme.example/blog' }),
        touch({ type: 'content_downloaded', at: NOW - DAY, assetId: 'a-cs' }),
        touch({ type: 'content_downloaded', at: NOW - DAY, assetId: 'a-wp' }),
        touch({ type: 'content_downloaded', at: NOW - DAY }),
      ],
      m,
      NOW,
      assets,
    );
    // 2 pricing views * 5 + 1 case study * 8
    expect(r.engagement).toBe(18);
    expect(r.contributions.map((c) => c.ruleId).sort()).toEqual(['cs', 'pricing', 'pricing']);
  });
});

describe('scoreLead: caps', () => {
  it('fills a rule cap with the newest touches first', () => {
    const m = model({
      engagement: {
        rules: [
          {
            id: 'visit',
            label: 'Visit',
            touchTypes: ['page_viewed'],
            points: 10,
            cap: 15,
            decays: false,
          },
        ],
        cap: 100,
        halfLifeDays: 30,
      },
    });
    const r = score(
      lead(),
      [
        touch({ type: 'page_viewed', at: NOW - 3 * DAY }),
        touch({ type: 'page_viewed', at: NOW - 1 * DAY }),
        touch({ type: 'page_viewed', at: NOW - 2 * DAY }),
      ],
      m,
    );
    // Newest 10, next 5 (cap 15 reached), oldest 0.
    expect(r.engagement).toBe(15);
    expect(r.engagementCapped).toBe(false);
    const byAge = r.contributions.map((c) => [c.ageDays, c.points, c.capped]);
    expect(byAge).toEqual([
      [1, 10, false],
      [2, 5, true],
      [3, 0, true],
    ]);
  });

  it('applies the engagement category cap newest first across rules', () => {
    const m = model({
      engagement: {
        rules: [
          {
            id: 'webinar',
            label: 'Webinar',
            touchTypes: ['webinar_attended'],
            points: 15,
            decays: false,
          },
          { id: 'form', label: 'Form', touchTypes: ['form_submitted'], points: 10, decays: false },
        ],
        cap: 20,
        halfLifeDays: 30,
      },
    });
    const r = score(
      lead(),
      [
        touch({ type: 'webinar_attended', at: NOW - 5 * DAY }),
        touch({ type: 'form_submitted', at: NOW - 1 * DAY }),
      ],
      m,
    );
    // 15 + 10 = 25 > 20: the newer form keeps 10, the older webinar is cut to 10.
    expect(r.engagement).toBe(20);
    expect(r.engagementCap).toBe(20);
    expect(r.engagementCapped).toBe(true);
    const webinar = r.contributions.find((c) => c.ruleId === 'webinar');
    expect(webinar).toMatchObject({ points: 10, rawPoints: 15, capped: true });
    expect(r.contributions.find((c) => c.ruleId === 'form')).toMatchObject({
      points: 10,
      capped: false,
    });
  });

  it('caps fit, marking the rules the cap reduced, and grades against the cap', () => {
    const m = model({
      fit: {
        cap: 50,
        rules: [
          {
            id: 'mkt',
            label: 'Marketing',
            condition: { field: 'department', anyOf: ['marketing'] },
            points: 30,
          },
          {
            id: 'dir',
            label: 'Director+',
            condition: { field: 'seniority', anyOf: ['director', 'vp'] },
            points: 30,
          },
          { id: 'size', label: '200+', condition: { field: 'companySize', min: 200 }, points: 30 },
          {
            id: 'emea',
            label: 'EMEA',
            condition: { field: 'region', anyOf: ['emea'] },
            points: 30,
          },
        ],
      },
    });
    const r = score(lead({ title: 'Sr. Dir., Demand Gen', companySize: 850, region: 'na' }), [], m);
    // 30 + 30 + 30 matched = 90, capped at 50: 30, 20, 0. EMEA did not match.
    expect(r.fit).toBe(50);
    expect(r.fitCap).toBe(50);
    expect(r.fitCapped).toBe(true);
    expect(r.fitPercent).toBe(100);
    expect(r.grade).toBe('A');
    expect(r.contributions.map((c) => [c.ruleId, c.points, c.capped])).toEqual([
      ['mkt', 30, false],
      ['dir', 20, true],
      ['size', 0, true],
    ]);
  });
});

describe('scoreLead: negatives', () => {
  const m = model({
    fit: {
      cap: 50,
      rules: [
        {
          id: 'mkt',
          label: 'Marketing',
          condition: { field: 'department', anyOf: ['marketing'] },
          points: 30,
        },
      ],
    },
    engagement: { rules: [{ ...clickRule, decays: false }], cap: 100, halfLifeDays: 30 },
    negative: [
      {
        id: 'unsub',
        label: 'Unsubscribed',
        when: { kind: 'touch', touchTypes: ['email_unsubscribed'] },
        points: -20,
      },
      {
        id: 'personal',
        label: 'Personal email',
        when: { kind: 'fit', condition: { field: 'emailDomain', anyOf: ['personal'] } },
        points: -10,
      },
      {
        id: 'rival',
        label: 'Competitor',
        when: { kind: 'fit', condition: { field: 'emailDomain', anyOf: ['competitor'] } },
        points: -100,
      },
    ],
    competitorDomains: ['rival.io'],
  });

  it('counts touch negatives once per touch, never decayed, and fit negatives once', () => {
    const r = score(
      lead({ title: 'VP Mktg', email: 'ann@gmail.com' }),
      [
        touch({ type: 'email_clicked', at: NOW - DAY }),
        touch({ type: 'email_unsubscribed', at: NOW - 200 * DAY }),
        touch({ type: 'email_unsubscribed', at: NOW - 2 * DAY }),
        touch({ type: 'email_unsubscribed', at: NOW - DAY, botSuspect: true }),
      ],
      m,
    );
    // fit 30, engagement 10, negative -20 -20 -10 = -50, total max(0, -10) = 0.
    expect(r.fit).toBe(30);
    expect(r.engagement).toBe(10);
    expect(r.negative).toBe(-50);
    expect(r.total).toBe(0);
    expect(r.contributions.map((c) => [c.category, c.ruleId, c.points])).toEqual([
      ['fit', 'mkt', 30],
      ['engagement', 'click', 10],
      ['negative', 'personal', -10],
      ['negative', 'unsub', -20],
      ['negative', 'unsub', -20],
    ]);
    // The old unsubscribe still counts fully.
    expect(r.contributions[4]).toMatchObject({ decayFactor: 1, ageDays: 200 });
  });

  it('applies the competitor-domain negative with the model list', () => {
    const r = score(lead({ title: 'VP Mktg', email: 'bob@eu.rival.io' }), [], m);
    expect(r.negative).toBe(-100);
    expect(r.total).toBe(0);
  });
});

describe('scoreLead: grades, thresholds and stage', () => {
  const fitRules: FitRuleIn[] = [
    {
      id: 'mkt',
      label: 'Marketing',
      condition: { field: 'department', anyOf: ['marketing'] },
      points: 35,
    },
  ];

  it('grades with bands in any order', () => {
    const bands = [
      { grade: 'D', minFit: 0 },
      { grade: 'A', minFit: 80 },
      { grade: 'C', minFit: 40 },
      { grade: 'B', minFit: 60 },
    ];
    const m = model({ fit: { cap: 50, rules: [...fitRules] }, gradeBands: bands });
    // 35 / 50 = 70% -> B.
    const r = score(lead({ title: 'Marketing Manager' }), [], m);
    expect(r.fitPercent).toBe(70);
    expect(r.grade).toBe('B');
    expect(score(lead({ title: 'CFO' }), [], m).grade).toBe('D');
    // When no band is reached, the lowest band's grade.
    const high = model({
      fit: { cap: 50, rules: [...fitRules] },
      gradeBands: [
        { grade: 'A', minFit: 80 },
        { grade: 'B', minFit: 75 },
      ],
    });
    expect(score(lead({ title: 'Marketing Manager' }), [], high).grade).toBe('B');
  });

  it('reports the distance to MQL and SQL and suggests the stage', () => {
    const m = model({
      fit: { cap: 50, rules: [...fitRules] },
      engagement: {
        rules: [{ ...clickRule, points: 20, decays: false }],
        cap: 100,
        halfLifeDays: 30,
      },
    });
    // 35 fit + 20 engagement = 55: past MQL (50), 25 short of SQL (80).
    const r = score(
      lead({ title: 'Marketing Manager', stage: 'lead' }),
      [touch({ type: 'email_clicked', at: NOW - DAY })],
      m,
    );
    expect(r.total).toBe(55);
    expect(r.thresholds).toEqual({ mql: 50, sql: 80 });
    expect(r.toMql).toBe(0);
    expect(r.toSql).toBe(25);
    expect(r.stageSuggestion).toBe('mql');
    // A SAL is never pushed back by the score.
    expect(score(lead({ title: 'Marketing Manager', stage: 'sal' }), [], m).stageSuggestion).toBe(
      'sal',
    );
  });

  it.each([
    ['lead', 55, 'mql'],
    ['lead', 85, 'sql'],
    ['lead', 10, 'lead'],
    ['subscriber', 10, 'subscriber'],
    ['subscriber', 50, 'mql'],
    ['mql', 10, 'lead'],
    ['mql', 80, 'sql'],
    ['sal', 10, 'sal'],
    ['sal', 85, 'sql'],
    ['sql', 10, 'sql'],
    ['opportunity', 90, 'opportunity'],
    ['customer', 0, 'customer'],
    ['disqualified', 10, 'disqualified'],
    ['disqualified', 60, 'mql'],
  ] as const)('stage %s with score %d suggests %s', (stage, total, expected) => {
    expect(suggestStage(stage, total, { mql: 50, sql: 80 })).toBe(expected);
  });
});

describe('scoreLead: history and boosters', () => {
  const fitRules: FitRuleIn[] = [
    {
      id: 'mkt',
      label: 'Marketing',
      condition: { field: 'department', anyOf: ['marketing'] },
      points: 20,
    },
  ];

  it('gives 90 daily totals ending at now, each as of the end of its UTC day', () => {
    const m = model({
      fit: { cap: 50, rules: [...fitRules] },
      engagement: {
        rules: [
          { id: 'v', label: 'Visit', touchTypes: ['page_viewed'], points: 10, decays: false },
        ],
        cap: 100,
        halfLifeDays: 30,
      },
    });
    const r = score(
      lead({ title: 'Marketing Manager' }),
      [touch({ type: 'page_viewed', at: Date.UTC(2025, 2, 10, 6) })],
      m,
    );
    expect(r.history).toHaveLength(HISTORY_DAYS);
    expect(r.history[89]).toEqual({ at: NOW, total: 30 });
    expect(r.history[88]?.at).toBe(Date.UTC(2025, 2, 15) - 1);
    // 89 days back from the end of 2025-03-14 is the end of 2024-12-16.
    expect(r.history[0]?.at).toBe(Date.UTC(2024, 11, 17) - 1);
    // Before the visit (end of 2025-03-09): fit only; from the end of 2025-03-10: fit + 10.
    expect(r.history[83]).toEqual({ at: Date.UTC(2025, 2, 10) - 1, total: 20 });
    expect(r.history[84]).toEqual({ at: Date.UTC(2025, 2, 11) - 1, total: 30 });
  });

  it('decays history points from each touch to each day', () => {
    const m = model({
      fit: { cap: 50, rules: [...fitRules] },
      engagement: {
        rules: [{ id: 'v', label: 'Visit', touchTypes: ['page_viewed'], points: 10 }],
        cap: 100,
        halfLifeDays: 30,
      },
    });
    const r = score(
      lead({ title: 'Marketing Manager' }),
      [touch({ type: 'page_viewed', at: Date.UTC(2025, 2, 10, 6) })],
      m,
    );
    // End of 2025-03-12: age 2.75 days; 10 * 0.5^(2.75 / 30) = 9.384 -> 20 + 9.4.
    expect(r.history[86]?.total).toBe(29.4);
    // Now: age 5.25 days; 10 * 0.5^(5.25 / 30) = 8.858 -> 28.9, equal to the total.
    expect(r.total).toBe(28.9);
    expect(r.history[89]?.total).toBe(28.9);
  });

  it('suggests the rules that would add most with one more touch now', () => {
    const rules: EngagementRuleIn[] = [
      { id: 'a', label: 'A', touchTypes: ['page_viewed'], points: 10, cap: 15, decays: false },
      { id: 'b', label: 'B', touchTypes: ['form_submitted'], points: 20, decays: false },
      { id: 'c', label: 'C', touchTypes: ['webinar_attended'], points: 5 },
      { id: 'd', label: 'D', touchTypes: ['chat'], points: 0 },
    ];
    const visit = [touch({ type: 'page_viewed', at: NOW - DAY })];
    const roomy = model({ engagement: { rules: [...rules], cap: 100, halfLifeDays: 30 } });
    // A has 5 left under its cap; B gives 20; C gives 5; D gives nothing.
    expect(score(lead(), visit, roomy).boosters).toEqual([
      { ruleId: 'b', label: 'B', gain: 20 },
      { ruleId: 'a', label: 'A', gain: 5 },
      { ruleId: 'c', label: 'C', gain: 5 },
    ]);
    // Only 2 points left under the category cap of 12.
    const tight = model({ engagement: { rules: [...rules], cap: 12, halfLifeDays: 30 } });
    expect(score(lead(), visit, tight).boosters.map((b) => [b.ruleId, b.gain])).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 2],
    ]);
    const full = model({ engagement: { rules: [...rules], cap: 10, halfLifeDays: 30 } });
    expect(score(lead(), visit, full).boosters).toEqual([]);
  });
});

// ---------- properties ----------

const TYPES: TouchType[] = [
  'page_viewed',
  'email_clicked',
  'form_submitted',
  'content_downloaded',
  'email_unsubscribed',
];

const modelArb = fc
  .record({
    rules: fc.array(
      fc.record({
        types: fc.uniqueArray(fc.constantFrom(...TYPES.slice(0, 4)), {
          minLength: 1,
          maxLength: 3,
        }),
        points: fc.integer({ min: 0, max: 300 }).map((p) => p / 10),
        cap: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
        decays: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    engCap: fc.integer({ min: 5, max: 200 }),
    halfLifeDays: fc.integer({ min: 1, max: 120 }),
    unsub: fc.integer({ min: -30, max: 0 }),
    fitPoints: fc.integer({ min: 0, max: 60 }),
  })
  .map((r) =>
    model({
      fit: {
        cap: 50,
        rules: [
          {
            id: 'f',
            label: 'F',
            condition: { field: 'department', anyOf: ['marketing'] },
            points: r.fitPoints,
          },
        ],
      },
      engagement: {
        rules: r.rules.map((x, i) => ({
          id: `r${i}`,
          label: `R${i}`,
          touchTypes: x.types,
          points: x.points,
          cap: x.cap,
          decays: x.decays,
        })),
        cap: r.engCap,
        halfLifeDays: r.halfLifeDays,
      },
      negative: [
        {
          id: 'u',
          label: 'Unsub',
          when: { kind: 'touch', touchTypes: ['email_unsubscribed'] },
          points: r.unsub,
        },
      ],
    }),
  );

const touchArb = fc
  .record({
    type: fc.constantFrom(...TYPES),
    // Mostly the past 200 days, sometimes a little in the future.
    offset: fc.integer({ min: -200 * DAY, max: 2 * DAY }),
    // About one touch in four is bot noise.
    bot: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  })
  .map((t): Touch => ({
    id: `x${t.offset}-${t.type}`,
    leadKey: 'L1',
    at: NOW + t.offset,
    type: t.type,
    channel: 'web',
    source: 'demo',
    botSuspect: t.bot,
  }));
const touchesArb = fc
  .array(touchArb, { maxLength: 40 })
  .map((ts) => ts.map((t, i) => ({ ...t, id: `${t.id}-${i}` })));
const leadArb = fc.constantFrom(lead({ title: 'VP Mktg' }), lead({ title: 'CFO' }));

describe('scoreLead: properties', () => {
  it('never scores an older touch above a newer one for the same rule', () => {
    fc.assert(
      fc.property(modelArb, touchesArb, leadArb, (m, touches, l) => {
        const r = score(l, touches, m);
        const eng = r.contributions.filter((c) => c.category === 'engagement');
        for (const a of eng) {
          for (const b of eng) {
            if (a.ruleId === b.ruleId && a.at! < b.at!)
              expect(a.points).toBeLessThanOrEqual(b.points);
          }
        }
      }),
    );
  });

  it('never lowers engagement when a real touch is added', () => {
    fc.assert(
      fc.property(modelArb, touchesArb, touchArb, leadArb, (m, touches, extra, l) => {
        const added = { ...extra, id: 'extra', botSuspect: false };
        const before = score(l, touches, m);
        const after = score(l, [...touches, added], m);
        expect(after.engagement).toBeGreaterThanOrEqual(before.engagement);
      }),
    );
  });

  it('makes the total the sum of its contributions (clamped at 0), within rounding', () => {
    fc.assert(
      fc.property(modelArb, touchesArb, leadArb, (m, touches, l) => {
        const r = score(l, touches, m);
        // Whatever the input, the result is what the sidebar's schema accepts (no NaN, no
        // negative ages, boosters with positive gains).
        expect(() => ScoreResult.parse(r)).not.toThrow();
        const sum = r.contributions.reduce((s, c) => s + c.points, 0);
        const tolerance = 0.05 * (r.contributions.length + 1) + 1e-9;
        expect(Math.abs(r.total - Math.max(0, sum))).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(r.fit + r.engagement + r.negative - sum)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it("ends the history at the total, and each day's point equals scoring as of that time", () => {
    fc.assert(
      fc.property(
        modelArb,
        touchesArb,
        leadArb,
        fc.integer({ min: 0, max: 88 }),
        (m, touches, l, k) => {
          const r = score(l, touches, m);
          expect(r.history).toHaveLength(90);
          expect(r.history[89]).toEqual({ at: NOW, total: r.total });
          const point = r.history[k]!;
          expect(score(l, touches, m, point.at).total).toBe(point.total);
        },
      ),
    );
  });
});
