import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { funnelStageFor, recommendContent } from '../../lib/engine';
import { Recommendation, type Asset, type FunnelStage } from '../../lib/model';
import { DAY, NOW, asset, shuffled, touch } from './fixtures';

const old = NOW - 200 * DAY;
const fits = { personaIds: ['cmo'], stages: ['consideration' as const], publishedAt: old };

const assets: Asset[] = [
  asset({ id: 'a', ...fits, publishedAt: NOW - 45 * DAY }),
  asset({ id: 'b', personaIds: ['cmo'], stages: ['awareness'], publishedAt: old }),
  asset({ id: 'c', stages: ['consideration'], publishedAt: old }),
  asset({ id: 'd', ...fits }),
  asset({ id: 'e', ...fits }),
  asset({ id: 'f', ...fits, expiresAt: NOW }),
  asset({ id: 'g', ...fits }),
  asset({ id: 'h', publishedAt: old, campaignId: 'camp1' }),
  asset({ id: 'i', publishedAt: old, expiresAt: NOW + 10 * DAY }),
  asset({ id: 'j', publishedAt: old }),
  asset({ id: 'k', ...fits }),
  asset({ id: 'later', ...fits, publishedAt: NOW + DAY }),
];
const touches = [
  touch({ type: 'content_downloaded', at: NOW - 3 * DAY, assetId: 'e' }),
  touch({ type: 'email_clicked', at: NOW - 2 * DAY, assetId: 'k', botSuspect: true }),
  touch({ type: 'email_opened', at: NOW - 2 * DAY, campaignId: 'camp1' }),
];
const ratings = new Map([
  ['c', { useful: 3, total: 3 }],
  ['d', { useful: 1, total: 4 }],
  ['g', { useful: 2, total: 2 }],
]);
const base = {
  personaId: 'cmo',
  personaName: 'CMO persona',
  funnelStage: 'consideration' as FunnelStage,
  assets,
  touches,
  ratings,
  now: NOW,
};

describe('recommendContent', () => {
  it('scores persona, stage, recency, ratings, campaign and expiry as documented', () => {
    const r = recommendContent({ ...base, limit: 20 });
    // a: 40 persona + 30 stage + 20 * (1 - 45/90) recency = 80
    // g, k: 40 + 30 = 70 (g has only 2 ratings: ignored; k's click was a bot: not consumed)
    // d: 70 + (0.25 - 0.5) * 40 = 60; c: 30 + (1 - 0.5) * 40 = 50; b: 40
    // h: 10 campaign engaged; i: 5 expiring; j: 0 -> left out
    // e consumed, f expired (expiresAt == now), later not yet published: left out
    expect(r.map((x) => [x.assetId, x.score])).toEqual([
      ['a', 80],
      ['g', 70],
      ['k', 70],
      ['d', 60],
      ['c', 50],
      ['b', 40],
      ['h', 10],
      ['i', 5],
    ]);
    const byId = new Map(r.map((x) => [x.assetId, x.reasons]));
    expect(byId.get('a')).toEqual([
      { kind: 'persona_fit', value: 'CMO persona' },
      { kind: 'stage_fit', value: 'consideration' },
      { kind: 'recent', value: 45 },
    ]);
    expect(byId.get('c')).toContainEqual({ kind: 'well_rated', value: 100 });
    expect(byId.get('d')).toContainEqual({ kind: 'poorly_rated', value: 25 });
    expect(byId.get('g')?.map((x) => x.kind)).toEqual(['persona_fit', 'stage_fit']);
    expect(byId.get('h')).toEqual([{ kind: 'campaign_engaged', value: 'camp1' }]);
    expect(byId.get('i')).toEqual([{ kind: 'expiring_soon', value: 10 }]);
  });

  it('returns 5 by default and honours a limit', () => {
    expect(recommendContent(base).map((x) => x.assetId)).toEqual(['a', 'g', 'k', 'd', 'c']);
    expect(recommendContent({ ...base, limit: 2 })).toHaveLength(2);
    expect(recommendContent({ ...base, limit: 0 })).toEqual([]);
  });

  it('treats a consumed asset as consumed only for reading touches', () => {
    const opened = [touch({ type: 'email_opened', at: NOW - DAY, assetId: 'a' })];
    expect(recommendContent({ ...base, touches: opened }).map((x) => x.assetId)).toContain('a');
    for (const type of [
      'content_downloaded',
      'email_clicked',
      'page_viewed',
      'webinar_attended',
    ] as const) {
      const read = [touch({ type, at: NOW - DAY, assetId: 'a' })];
      expect(recommendContent({ ...base, touches: read }).map((x) => x.assetId)).not.toContain('a');
    }
    // A touch after now does not count yet.
    const future = [touch({ type: 'content_downloaded', at: NOW + DAY, assetId: 'a' })];
    expect(recommendContent({ ...base, touches: future })[0]?.assetId).toBe('a');
  });

  it('falls back to the persona id when no name is given, and skips persona fit without a persona', () => {
    const r = recommendContent({ ...base, personaName: undefined, limit: 1 });
    expect(r[0]?.reasons[0]).toEqual({ kind: 'persona_fit', value: 'cmo' });
    const none = recommendContent({ ...base, personaId: undefined, limit: 20 });
    expect(none.some((x) => x.reasons.some((y) => y.kind === 'persona_fit'))).toBe(false);
  });

  it('ranks the same whatever order assets come in', () => {
    const assetArb = fc.record({
      persona: fc.boolean(),
      stage: fc.constantFrom<FunnelStage[]>(
        [],
        ['awareness'],
        ['consideration'],
        ['decision', 'consideration'],
      ),
      ageDays: fc.integer({ min: 0, max: 200 }),
      rated: fc.option(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(fc.array(assetArb, { maxLength: 15 }), fc.integer(), (specs, seed) => {
        const list = specs.map((s, i) =>
          asset({
            id: `as${i}`,
            personaIds: s.persona ? ['cmo'] : [],
            stages: s.stage,
            publishedAt: NOW - s.ageDays * DAY,
          }),
        );
        const r = new Map(
          specs.flatMap((s, i) =>
            s.rated
              ? [[`as${i}`, { useful: s.rated[0], total: s.rated[0] + s.rated[1] }] as const]
              : [],
          ),
        );
        const input = { ...base, assets: list, ratings: r, touches: [], limit: 10 };
        const first = recommendContent(input);
        for (const r of first) expect(() => Recommendation.parse(r)).not.toThrow();
        expect(recommendContent({ ...input, assets: shuffled(list, seed) })).toEqual(first);
        for (let i = 1; i < first.length; i++) {
          expect(first[i - 1]!.score).toBeGreaterThanOrEqual(first[i]!.score);
        }
      }),
    );
  });
});

describe('funnelStageFor', () => {
  const thresholds = { mql: 50, sql: 80 };
  it.each([
    ['subscriber', undefined, 'awareness'],
    ['lead', undefined, 'awareness'],
    ['lead', 24, 'awareness'],
    ['lead', 25, 'consideration'],
    ['subscriber', 40, 'consideration'],
    ['mql', undefined, 'consideration'],
    ['sal', 0, 'consideration'],
    ['sql', undefined, 'decision'],
    ['opportunity', undefined, 'decision'],
    ['customer', undefined, 'decision'],
    ['disqualified', 90, 'awareness'],
  ] as const)('%s with score %s is %s', (stage, total, expected) => {
    expect(funnelStageFor(stage, total === undefined ? undefined : { total, thresholds })).toBe(
      expected,
    );
  });
});
