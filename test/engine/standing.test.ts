import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_RANKED, scoreLead, sortTotals, standingOf } from '../../lib/engine';
import { ScoreStanding, type Asset } from '../../lib/model';
import { DAY, NOW, lead, model, touch } from './fixtures';

const AT = Date.UTC(2026, 11, 6, 9);
/** 0, 1, ..., n - 1 */
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('standingOf', () => {
  it('ranks a total among 100 leads by how many scored higher', () => {
    const sorted = sortTotals(upTo(100).reverse());
    // 99 is the highest: rank 1, top 1 %. 95 has four above it: rank 5, top 5 %.
    expect(standingOf(99, sorted, AT)).toEqual({ rank: 1, of: 100, topPercent: 1, rankedAt: AT });
    expect(standingOf(95, sorted, AT)).toMatchObject({ rank: 5, topPercent: 5 });
    // Between ranked totals: 94.5 has five above it.
    expect(standingOf(94.5, sorted, AT)).toMatchObject({ rank: 6, topPercent: 6 });
    expect(standingOf(0, sorted, AT)).toMatchObject({ rank: 100, topPercent: 100 });
  });

  it('gives tied totals the same rank, the best of the tie', () => {
    const sorted = sortTotals([...Array<number>(30).fill(10), 50, 40, 40]);
    expect(standingOf(40, sorted, AT)).toMatchObject({ rank: 2, of: 33 });
    expect(standingOf(10, sorted, AT)).toMatchObject({ rank: 4, of: 33 });
  });

  it('keeps a total that moved since the ranking inside 1..of', () => {
    const sorted = sortTotals(upTo(40).map((i) => i + 10));
    // Rank 1 of 40 is 2.5 %: the top 3 %.
    expect(standingOf(500, sorted, AT)).toMatchObject({ rank: 1, topPercent: 3 });
    expect(standingOf(0, sorted, AT)).toMatchObject({ rank: 40, topPercent: 100 });
  });

  it('rounds the top share up: rank 1 of 300 is the top 1 %, rank 4 of 300 the top 2 %', () => {
    const sorted = sortTotals(upTo(300));
    expect(standingOf(299, sorted, AT)?.topPercent).toBe(1);
    expect(standingOf(296, sorted, AT)).toMatchObject({ rank: 4, topPercent: 2 });
  });

  it(`says nothing below ${MIN_RANKED} ranked leads or for a total that is not a number`, () => {
    expect(standingOf(5, sortTotals(upTo(MIN_RANKED - 1)), AT)).toBeUndefined();
    expect(standingOf(5, sortTotals(upTo(MIN_RANKED)), AT)).toBeDefined();
    expect(standingOf(Number.NaN, sortTotals(upTo(50)), AT)).toBeUndefined();
  });

  it('matches counting by hand, never ranks a higher total lower, and fits its schema', () => {
    const totals = fc.array(fc.double({ min: 0, max: 200, noNaN: true }), {
      minLength: MIN_RANKED,
      maxLength: 200,
    });
    fc.assert(
      fc.property(
        totals,
        fc.double({ min: -10, max: 250, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (ts, total, more) => {
          const sorted = sortTotals(ts);
          const s = standingOf(total, sorted, AT)!;
          const above = ts.filter((t) => t > total).length;
          expect(s.rank).toBe(Math.min(ts.length, 1 + above));
          expect(ScoreStanding.safeParse(s).success).toBe(true);
          expect(standingOf(total + more, sorted, AT)!.rank).toBeLessThanOrEqual(s.rank);
          // The order totals come in does not matter.
          expect(standingOf(total, sortTotals([...ts].reverse()), AT)).toEqual(s);
        },
      ),
    );
  });
});

describe('sortTotals', () => {
  it('sorts numerically (not as text) and drops what is not a finite number', () => {
    expect(sortTotals([10, 9, 100, Number.NaN, 1.5, Infinity])).toEqual([1.5, 9, 10, 100]);
  });
});

describe('scoreLead without history', () => {
  it('gives the same total and contributions with an empty history', () => {
    const l = lead({ title: 'VP Marketing' });
    const touches = [touch({ type: 'email_clicked', at: NOW - 3 * DAY })];
    const assets = new Map<string, Asset>();
    const full = scoreLead({ lead: l, touches, assets, model: model(), now: NOW });
    const lean = scoreLead({ lead: l, touches, assets, model: model(), now: NOW, history: false });
    expect(full.history.length).toBeGreaterThan(0);
    expect(lean.history).toEqual([]);
    expect({ ...lean, history: full.history }).toEqual(full);
  });
});
