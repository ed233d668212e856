import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTimeline, dayKeys, isLikelyBot, markBotTouches } from '../../lib/engine';
import { Timeline, type Touch } from '../../lib/model';
import { DAY, HOUR, NOW, touch } from './fixtures';

const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);

describe('buildTimeline: days', () => {
  it('groups by day newest first, touches newest first, campaigns unique in order', () => {
    const t1 = touch({ type: 'email_opened', at: Date.UTC(2025, 2, 10, 10), campaignId: 'A' });
    const t2 = touch({ type: 'page_viewed', at: Date.UTC(2025, 2, 10, 11), campaignId: 'B' });
    const t3 = touch({ type: 'email_clicked', at: Date.UTC(2025, 2, 10, 12), campaignId: 'A' });
    const t4 = touch({ type: 'form_submitted', at: Date.UTC(2025, 2, 12, 9) });
    const tl = buildTimeline([t1, t4, t3, t2], { now: NOW });
    expect(tl.days.map((d) => d.day)).toEqual(['2025-03-12', '2025-03-10']);
    expect(tl.days[0]?.campaignIds).toEqual([]);
    expect(tl.days[1]?.touches.map((t) => t.id)).toEqual([t3.id, t2.id, t1.id]);
    expect(tl.days[1]?.campaignIds).toEqual(['A', 'B']);
    expect(tl.total).toBe(4);
  });

  it('leaves out future touches, counts bots, and ignores bots for first and last touch', () => {
    const first = touch({ type: 'email_opened', at: NOW - 10 * DAY });
    const botEarly = touch({ type: 'email_clicked', at: NOW - 20 * DAY, botSuspect: true });
    const last = touch({ type: 'page_viewed', at: NOW - DAY });
    const botLate = touch({ type: 'email_clicked', at: NOW - HOUR, botSuspect: true });
    const future = touch({ type: 'page_viewed', at: NOW + HOUR });
    const tl = buildTimeline([future, last, botLate, first, botEarly], { now: NOW });
    expect(tl.total).toBe(4);
    expect(tl.botSuspect).toBe(2);
    expect(tl.firstTouch?.id).toBe(first.id);
    expect(tl.lastTouch?.id).toBe(last.id);
    expect(tl.days.flatMap((d) => d.touches).map((t) => t.id)).not.toContain(future.id);
  });

  it('is empty without touches', () => {
    const tl = buildTimeline([], { now: NOW, timeZone: 'Europe/Berlin' });
    expect(tl).toEqual({
      days: [],
      total: 0,
      botSuspect: 0,
      firstTouch: undefined,
      lastTouch: undefined,
      surges: [],
    });
  });
});

describe('calendar days in a time zone', () => {
  it.each([
    // Berlin is UTC+1 in winter: 23:30 UTC is 00:30 the next day.
    ['Europe/Berlin', Date.UTC(2025, 0, 15, 23, 30), '2025-01-16'],
    ['UTC', Date.UTC(2025, 0, 15, 23, 30), '2025-01-15'],
    // Summer time (UTC+2): 22:30 UTC is 00:30, 21:30 UTC is 23:30 the same day.
    ['Europe/Berlin', Date.UTC(2025, 6, 15, 22, 30), '2025-07-16'],
    ['Europe/Berlin', Date.UTC(2025, 6, 15, 21, 30), '2025-07-15'],
    // New York is UTC-5 in winter.
    ['America/New_York', Date.UTC(2025, 0, 16, 4, 30), '2025-01-15'],
    ['America/New_York', Date.UTC(2025, 0, 16, 5, 0), '2025-01-16'],
    // India is UTC+5:30.
    ['Asia/Kolkata', Date.UTC(2025, 0, 15, 18, 29), '2025-01-15'],
    ['Asia/Kolkata', Date.UTC(2025, 0, 15, 18, 30), '2025-01-16'],
    // An unknown zone falls back to UTC.
    ['Not/AZone', Date.UTC(2025, 0, 15, 23, 30), '2025-01-15'],
  ])('%s: %d is %s', (timeZone, at, day) => {
    const tl = buildTimeline([touch({ type: 'page_viewed', at })], {
      now: NOW + 365 * DAY,
      timeZone,
    });
    expect(tl.days[0]?.day).toBe(day);
  });

  it('handles the change to summer time inside one batch of touches', () => {
    // Berlin switches from UTC+1 to UTC+2 at 2025-03-30 01:00 UTC.
    const times = [
      Date.UTC(2025, 2, 29, 22, 30), // 23:30 CET, March 29
      Date.UTC(2025, 2, 29, 23, 30), // 00:30 CET, March 30
      Date.UTC(2025, 2, 30, 21, 30), // 23:30 CEST, March 30
      Date.UTC(2025, 2, 30, 22, 30), // 00:30 CEST, March 31
    ];
    expect(dayKeys(times, 'Europe/Berlin')).toEqual([
      '2025-03-29',
      '2025-03-30',
      '2025-03-30',
      '2025-03-31',
    ]);
  });

  it('agrees with a per-touch Intl lookup for many touches across zones and DST changes', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'America/Sao_Paulo',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'UTC',
    ];
    const reference = (t: number, timeZone: string) => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).formatToParts(t);
      const get = (type: string) => parts.find((p) => p.type === type)!.value;
      return `${get('year')}-${get('month')}-${get('day')}`;
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2026, 0, 1) }), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 400 }),
        (zone, raw, spreadDays) => {
          // Squeeze some batches into a few days so several touches share days and DST edges.
          const times = raw
            .map((t) => Date.UTC(2025, 2, 20) + (t % (spreadDays * DAY)))
            .sort((a, b) => a - b);
          expect(dayKeys(times, zone)).toEqual(times.map((t) => reference(t, zone)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('intent surges', () => {
  const pricing = (at: number, p: Partial<Touch> = {}) =>
    touch({ type: 'page_viewed', at, url: 'https://acme.example/Pricing', ...p });

  it('finds 3 pricing views within 48 hours, inclusive of the boundary', () => {
    const views = [pricing(T0), pricing(T0 + 24 * HOUR), pricing(T0 + 48 * HOUR)];
    const tl = buildTimeline(views, { now: NOW });
    expect(tl.surges).toEqual([
      { kind: 'pricing', start: T0, end: T0 + 48 * HOUR, touchIds: views.map((v) => v.id) },
    ]);
    const late = [pricing(T0), pricing(T0 + 24 * HOUR), pricing(T0 + 48 * HOUR + 1)];
    expect(buildTimeline(late, { now: NOW }).surges).toEqual([]);
  });

  it('reads "pricing" in the detail too, and ignores bot views', () => {
    const views = [
      touch({ type: 'page_viewed', at: T0, detail: 'Plans & PRICING' }),
      pricing(T0 + HOUR),
      pricing(T0 + 2 * HOUR, { botSuspect: true }),
    ];
    expect(buildTimeline(views, { now: NOW }).surges).toEqual([]);
    const real = [...views, pricing(T0 + 3 * HOUR)];
    expect(buildTimeline(real, { now: NOW }).surges.map((s) => s.touchIds.length)).toEqual([3]);
  });

  it('merges overlapping windows and keeps separate bursts apart', () => {
    // Windows {0, 24, 47} and {24, 47, 70} share touches: one surge of 4.
    const merged = [0, 24, 47, 70].map((h) => pricing(T0 + h * HOUR));
    const tl = buildTimeline(merged, { now: NOW });
    expect(tl.surges).toHaveLength(1);
    expect(tl.surges[0]).toMatchObject({ start: T0, end: T0 + 70 * HOUR });
    expect(tl.surges[0]?.touchIds).toHaveLength(4);
    // Two bursts 4 days apart: two surges, newest first.
    const apart = [0, 1, 2, 100, 101, 102].map((h) => pricing(T0 + h * HOUR));
    const two = buildTimeline(apart, { now: NOW }).surges;
    expect(two.map((s) => [s.start, s.end])).toEqual([
      [T0 + 100 * HOUR, T0 + 102 * HOUR],
      [T0, T0 + 2 * HOUR],
    ]);
  });

  it('finds 3 downloads within 7 days and 8 page views within 24 hours', () => {
    const dl = (at: number) => touch({ type: 'content_downloaded', at });
    expect(
      buildTimeline([dl(T0), dl(T0 + 3 * DAY), dl(T0 + 7 * DAY)], { now: NOW }).surges.map(
        (s) => s.kind,
      ),
    ).toEqual(['content']);
    expect(
      buildTimeline([dl(T0), dl(T0 + 3 * DAY), dl(T0 + 7 * DAY + 1)], { now: NOW }).surges,
    ).toEqual([]);
    const view = (h: number) =>
      touch({ type: 'page_viewed', at: T0 + h * HOUR, url: 'https://acme.example/blog' });
    const eight = [0, 1, 2, 3, 4, 5, 6, 24].map(view);
    expect(buildTimeline(eight, { now: NOW }).surges.map((s) => s.kind)).toEqual(['web']);
    const spread = [0, 1, 2, 3, 4, 5, 6, 25].map(view);
    expect(buildTimeline(spread, { now: NOW }).surges).toEqual([]);
  });
});

describe('timeline properties', () => {
  it('shows every touch that is not in the future, exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ offset: fc.integer({ min: -120 * DAY, max: 3 * DAY }), bot: fc.boolean() }),
          { maxLength: 50 },
        ),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles'),
        (specs, timeZone) => {
          const touches: Touch[] = specs.map((s, i) => ({
            id: `p${i}`,
            leadKey: 'L1',
            at: NOW + s.offset,
            type: 'page_viewed',
            channel: 'web',
            source: 'demo',
            botSuspect: s.bot,
          }));
          const tl = buildTimeline(touches, { now: NOW, timeZone });
          expect(() => Timeline.parse(tl)).not.toThrow();
          const expected = touches.filter((t) => t.at <= NOW);
          expect(tl.total).toBe(expected.length);
          const shown = tl.days.flatMap((d) => d.touches.map((t) => t.id));
          expect(shown.sort()).toEqual(expected.map((t) => t.id).sort());
          expect(tl.botSuspect).toBe(expected.filter((t) => t.botSuspect).length);
          const days = tl.days.map((d) => d.day);
          expect(days).toEqual([...new Set(days)].sort().reverse());
        },
      ),
    );
  });
});

describe('bot detection', () => {
  const D = Date.UTC(2025, 2, 1, 9, 0, 0);

  it('flags a click within 10 seconds of delivery', () => {
    expect(isLikelyBot({ type: 'email_clicked', at: D + 5_000 }, { deliveredAt: D })).toBe(true);
    expect(isLikelyBot({ type: 'email_clicked', at: D + 10_000 }, { deliveredAt: D })).toBe(true);
    expect(isLikelyBot({ type: 'email_clicked', at: D + 10_001 }, { deliveredAt: D })).toBe(false);
    expect(isLikelyBot({ type: 'email_clicked', at: D - 1_000 }, { deliveredAt: D })).toBe(false);
    expect(isLikelyBot({ type: 'page_viewed', at: D + 1_000 }, { deliveredAt: D })).toBe(false);
  });

  it('flags an open and a click in the same second', () => {
    expect(isLikelyBot({ type: 'email_clicked', at: D + 60_400 }, { openedAt: D + 60_900 })).toBe(
      true,
    );
    expect(isLikelyBot({ type: 'email_opened', at: D + 60_900 }, { clickedAt: D + 60_400 })).toBe(
      true,
    );
    expect(isLikelyBot({ type: 'email_clicked', at: D + 61_000 }, { openedAt: D + 60_900 })).toBe(
      false,
    );
  });

  it('marks bot touches per lead and campaign, keeping order', () => {
    const e = (type: Touch['type'], at: number, campaignId = 'c1') =>
      touch({ type, at, campaignId, channel: 'email' });
    const list = [
      e('email_delivered', D),
      e('email_clicked', D + 3_000), // scanner: 3 s after delivery
      e('email_opened', D + HOUR),
      e('email_clicked', D + 2 * HOUR), // a person, an hour after opening
      e('email_opened', D + 3 * HOUR + 100), // open and click in one second
      e('email_clicked', D + 3 * HOUR + 800),
      e('email_clicked', D + 5_000, 'c2'), // another campaign: no delivery known
    ];
    const marked = markBotTouches(list);
    expect(marked.map((t) => t.botSuspect)).toEqual([false, true, false, false, true, true, false]);
    expect(marked.map((t) => t.id)).toEqual(list.map((t) => t.id));
    // Inputs are not mutated.
    expect(list.every((t) => !t.botSuspect)).toBe(true);
  });
});
