/**
 * The engines remember a few pure results between calls (normalized titles, folded keywords,
 * day names). A memo must never change an answer: asking again, asking after many other
 * inputs (the memo emptied past its bound), or changing what an earlier call returned.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayKeys, evaluateCondition, normalizeTitle, subjectOf } from '../../lib/engine';
import type { Condition } from '../../lib/model';

describe('memoized engine helpers', () => {
  it('normalizeTitle gives each caller its own object', () => {
    const first = normalizeTitle('VP Marketing');
    first.seniority = 'individual';
    first.department = 'legal';
    expect(normalizeTitle('VP Marketing')).toEqual({ seniority: 'vp', department: 'marketing' });
    const none = normalizeTitle(undefined);
    none.seniority = 'vp';
    expect(normalizeTitle(undefined)).toEqual({ seniority: 'unknown', department: 'unknown' });
  });

  it('answers the same before and after the memos are flooded', () => {
    const titles = [
      'Sr. Dir., Demand Gen',
      'Head of Growth',
      'CTO',
      'Executive Assistant to the CEO',
    ];
    const cond: Condition = { field: 'title', anyOf: ['demand gen', 'growth', 'cto'] };
    const before = titles.map((t) => ({
      title: normalizeTitle(t),
      cond: evaluateCondition(cond, subjectOf({ title: t })),
    }));
    const days = dayKeys([0, 1_700_000_000_000, 1_800_000_000_000], 'America/New_York');
    // More distinct inputs than any memo keeps.
    for (let i = 0; i < 25_000; i++) {
      normalizeTitle(`Title ${i}`);
      evaluateCondition({ field: 'title', anyOf: [`kw${i}`] }, subjectOf({ title: `T ${i}` }));
    }
    dayKeys(
      Array.from({ length: 25_000 }, (_, i) => i * 86_400_000),
      'UTC',
    );
    expect(
      titles.map((t) => ({
        title: normalizeTitle(t),
        cond: evaluateCondition(cond, subjectOf({ title: t })),
      })),
    ).toEqual(before);
    expect(dayKeys([0, 1_700_000_000_000, 1_800_000_000_000], 'America/New_York')).toEqual(days);
  });

  it('dayKeys matches the calendar day of the UTC date', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { maxLength: 50 }),
        (times) => {
          expect(dayKeys(times, 'UTC')).toEqual(
            times.map((t) => new Date(t).toISOString().slice(0, 10)),
          );
        },
      ),
    );
  });
});
