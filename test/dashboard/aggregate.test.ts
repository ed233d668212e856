import { describe, expect, it } from 'vitest';
import {
  aggregateDashboard,
  createDashboardAggregator,
  type AggregateOptions,
} from '../../lib/dashboard/aggregate';
import { DashboardData } from '../../lib/dashboard/schema';
import type { TandemEvent } from '../../lib/model';
import { ANN, BOB, DAY, FROM, HOUR, NOW, TZ, defs, rating, sampleEvents, usage } from './fixture';

const opts = (query: Partial<AggregateOptions['query']> = {}): AggregateOptions => ({
  query: { from: FROM, timeZone: TZ, ...query },
  now: NOW,
});

const run = (
  events: TandemEvent[] = sampleEvents(),
  o: AggregateOptions = opts(),
  extra: Parameters<typeof aggregateDashboard>[2]['opens'] = undefined,
) => aggregateDashboard(events, defs, { ...o, ...(extra ? { opens: extra } : {}) });

describe('dashboard aggregates', () => {
  it('produces data the schema accepts (what a hub would also have to send)', () => {
    expect(DashboardData.safeParse(run()).success).toBe(true);
  });

  it('counts events in [from, to) only', () => {
    const data = run();
    // 3 shares + 1 open + 1 copy at `from` = 5 usage events; 8 ratings; 5 verdicts; 3 insights.
    expect(data.totals).toEqual({ events: 21, usage: 5, feedback: 8, verdicts: 5, insights: 3 });
    expect(data.stats.scanned).toBe(sampleEvents().length);
    const a3 = data.assets.find((a) => a.assetId === 'A3')!;
    expect(a3.copied).toBe(1); // the copy at `from`, not the one a millisecond before
    const a2 = data.assets.find((a) => a.assetId === 'A2')!;
    expect(a2.copied + a2.sent).toBe(0); // before the range
    const a1 = data.assets.find((a) => a.assetId === 'A1')!;
    expect(a1.copied).toBe(1); // not the copy exactly at `to`
  });

  it('aggregates usage per asset: reps, leads, personas, stages and later opens', () => {
    const a1 = run().assets.find((a) => a.assetId === 'A1')!;
    expect(a1).toMatchObject({
      title: 'ROI guide',
      campaignName: 'Spring launch',
      copied: 1,
      sent: 2,
      reps: 2, // ann@ and ANN@ are one rep
      leads: 2,
      leadsOpened: 1, // L1 opened it after the first share
      openRate: 0.5,
      lastUsedAt: Date.UTC(2024, 2, 18, 12), // in the range
    });
    expect(a1.personas).toEqual([
      { key: '', label: '', count: 1 },
      { key: 'name:Ops lead', label: 'Ops lead', count: 1 },
      { key: 'P1', label: 'VP Marketing', count: 1 },
    ]);
    expect(a1.stages).toEqual([
      { key: '', label: '', count: 1 },
      { key: 'lead', label: 'Lead', count: 1 },
      { key: 'mql', label: 'Marketing qualified', count: 1 },
    ]);
    // The most used first; assets nobody touched still listed (with zeros), expired ones not.
    expect(run().assets.map((a) => a.assetId)).toEqual(['A1', 'A3', 'A2', 'A4']);
  });

  it('counts an open from a marketing touch only when it came after the share', () => {
    const before = { leadKey: 'L4', assetId: 'A1', at: Date.UTC(2024, 2, 17) };
    expect(run(undefined, undefined, [before]).assets[0]!.leadsOpened).toBe(1);
    const after = { ...before, at: Date.UTC(2024, 2, 19) };
    expect(run(undefined, undefined, [after]).assets[0]!.leadsOpened).toBe(2);
  });

  it('buckets the trend by local week, across the DST change', () => {
    const data = run();
    expect(data.weeks).toEqual([
      Date.UTC(2024, 2, 4, 5),
      Date.UTC(2024, 2, 11, 4),
      Date.UTC(2024, 2, 18, 4),
    ]);
    // Copies: A3 at `from` and A1 on Sunday 23:30 local, both week one. Sends: weeks two, three.
    expect(data.weeklyCopied).toEqual([2, 0, 0]);
    expect(data.weeklySent).toEqual([0, 1, 1]);
    expect(data.assets[0]!.weekly).toEqual([1, 1, 1]);
    // In UTC the Sunday-night copy falls in week two (and from UTC midnight, the copy a
    // millisecond before New York's `from` is in week one).
    const utc = run(undefined, opts({ timeZone: 'UTC', from: Date.UTC(2024, 2, 4) }));
    expect(utc.weeklyCopied).toEqual([2, 1, 0]);
  });

  it('finds unused content over 30 and 90 days, by campaign and stage', () => {
    const { windows, assets } = run().unused;
    // Library: A1, A2, A3 (A4 expired). Last used: A1 now, A2 1 Feb, A3 4 Mar.
    expect(windows.map((w) => [w.days, w.library, w.inUse, w.share])).toEqual([
      [30, 3, 2, 2 / 3],
      [90, 3, 3, 1],
    ]);
    expect(windows[0]!.byCampaign).toEqual([
      { key: 'C2', label: 'Webinar series', total: 1, unused: 1 },
      { key: '', label: '', total: 1, unused: 0 },
      { key: 'C1', label: 'Spring launch', total: 1, unused: 0 },
    ]);
    expect(windows[0]!.byStage).toEqual([
      { key: 'decision', label: 'decision', total: 2, unused: 1 },
      { key: 'awareness', label: 'awareness', total: 1, unused: 0 },
      { key: 'consideration', label: 'consideration', total: 1, unused: 0 },
    ]);
    expect(assets).toEqual([
      expect.objectContaining({ assetId: 'A2', lastUsedAt: Date.UTC(2024, 1, 1), unusedIn: [30] }),
    ]);
  });

  it('rates content: useful rate, reasons, notes newest first, falling ratings', () => {
    const [a1, a2] = run().feedback;
    expect(a1).toMatchObject({
      assetId: 'A1',
      total: 6,
      useful: 4,
      outdated: 1,
      notRelevant: 1,
      usefulRate: 4 / 6,
      earlierRate: 1, // useful, useful, useful
      recentRate: 1 / 3, // outdated, not relevant, useful
      falling: true,
      reasons: [{ key: 'Old numbers', label: 'Old numbers', count: 2 }],
      notesTotal: 2,
    });
    expect(a1!.notes.map((n) => [n.rating, n.note ?? null, n.repName])).toEqual([
      ['not_relevant', null, 'Ann Rep'],
      ['outdated', 'Uses 2022 pricing', 'Bob Rep'],
    ]);
    // Two ratings are too few to call a trend.
    expect(a2).toMatchObject({ usefulRate: 0.5, earlierRate: null, falling: false });
  });

  it('does not call a steady rating falling', () => {
    const steady = [0, 1, 2, 3, 4, 5].map((d) =>
      rating(FROM + d * DAY, ANN, { assetId: 'A3', rating: d % 2 ? 'useful' : 'outdated' }),
    );
    expect(run(steady).feedback[0]).toMatchObject({ falling: false, usefulRate: 0.5 });
  });

  it('judges lead quality on the latest verdict per lead', () => {
    const q = run().leads;
    // L1 accepted then rejected (counts as rejected), L2 rejected, L3 and a CRM record accepted.
    expect([q.accepted, q.rejected, q.rate]).toEqual([2, 2, 0.5]);
    expect(q.reasons).toEqual([
      { key: 'R1', label: 'No budget', count: 1, share: 0.5 },
      { key: 'R2', label: 'Wrong persona', count: 1, share: 0.5 },
    ]);
    expect(q.byCampaign).toEqual([
      { key: 'C1', label: 'Spring launch', accepted: 1, rejected: 1, rate: 0.5 },
      { key: '', label: '', accepted: 1, rejected: 0, rate: 1 },
      { key: 'C2', label: 'Webinar series', accepted: 0, rejected: 1, rate: 0 },
    ]);
    expect(q.bySource).toEqual([
      { key: '', label: '', accepted: 2, rejected: 0, rate: 1 },
      { key: 'Paid Social', label: 'Paid Social', accepted: 0, rejected: 1, rate: 0 },
      { key: 'Webinar', label: 'Webinar', accepted: 0, rejected: 1, rate: 0 },
    ]);
    expect(q.byPersona.find((g) => g.key === 'P1')).toEqual({
      key: 'P1',
      label: 'VP Marketing',
      accepted: 0,
      rejected: 1,
      rate: 0,
    });
  });

  it('lists MQLs past the SLA: no verdict since they became MQL', () => {
    const q = run().leads;
    // L1: MQL 48 h ago, SLA 24 h, last verdict weeks before: 24 h overdue. L2: not yet due.
    // L3: 72 h, but accepted an hour ago.
    expect(q.overdue).toEqual([
      {
        leadKey: 'L1',
        name: 'Lia One',
        company: 'Acme',
        since: NOW - 48 * HOUR,
        dueAt: NOW - 24 * HOUR,
        hoursOverdue: 24,
      },
    ]);
    expect(q.overdueTotal).toBe(1);
    expect(q.slaHours).toBe(24);
  });

  it('searches field insights and counts their tags case-insensitively', () => {
    const all = run().insights;
    expect([all.total, all.matched, all.items.length]).toEqual([3, 3, 3]);
    const acme = run(undefined, opts({ insightSearch: '  ACME ' })).insights;
    expect(acme.total).toBe(3);
    expect(acme.matched).toBe(2);
    expect(acme.items.map((i) => i.text)).toEqual([
      'They offer a free trial',
      'Too expensive compared to Acme',
    ]);
    expect(acme.tags).toEqual([
      { key: 'acme', label: 'acme', count: 2 }, // spelled as in its newest use
      { key: 'pricing', label: 'pricing', count: 1 },
    ]);
    expect(acme.categories.map((c) => [c.key, c.count])).toEqual([
      ['competitor', 1],
      ['objection', 1],
    ]);
    // Every word must match.
    expect(run(undefined, opts({ insightSearch: 'acme trial' })).insights.matched).toBe(1);
  });

  it('summarises each rep', () => {
    const reps = run().reps;
    expect(reps).toEqual([
      {
        email: 'ann@example.com',
        name: 'Ann Rep', // the name on the rep's newest event
        copied: 2,
        sent: 1,
        assets: 2,
        feedback: 4,
        accepted: 1,
        rejected: 1,
        insights: 2,
        lastActiveAt: NOW - HOUR,
      },
      {
        email: 'bob@example.com',
        name: 'Bob Rep',
        copied: 0,
        sent: 1,
        assets: 1,
        feedback: 4,
        accepted: 1,
        rejected: 1,
        insights: 1,
        lastActiveAt: Date.UTC(2024, 2, 15, 12),
      },
    ]);
  });

  it('applies the campaign filter everywhere', () => {
    const data = run(undefined, opts({ campaignId: 'C1' }));
    // A1 belongs to C1, so its usage and ratings count; verdicts by their own campaign.
    expect(data.assets.map((a) => a.assetId)).toEqual(['A1']);
    expect(data.feedback.map((f) => f.assetId)).toEqual(['A1']);
    expect([data.leads.accepted, data.leads.rejected]).toEqual([1, 1]);
    expect(data.insights.total).toBe(0); // insights carry no campaign
    expect(data.unused.windows[0]).toMatchObject({ library: 1, inUse: 1 });
    expect(data.campaignId).toBe('C1');
  });

  it('gives zeros and no rates for an empty range', () => {
    const data = run(undefined, opts({ from: NOW - DAY, to: NOW - DAY }));
    expect(data.totals).toEqual({ events: 0, usage: 0, feedback: 0, verdicts: 0, insights: 0 });
    expect(data.assets.every((a) => a.copied + a.sent === 0 && a.openRate === null)).toBe(true);
    expect(data.feedback).toEqual([]);
    expect(data.leads).toMatchObject({ accepted: 0, rejected: 0, rate: null, reasons: [] });
    expect(data.reps).toEqual([]);
    // Current state does not depend on the range: L1 is still overdue.
    expect(data.leads.overdueTotal).toBe(1);
  });

  it('starts an open range at the first event, and handles no events at all', () => {
    const data = run(undefined, { query: { timeZone: TZ }, now: NOW });
    expect(data.weeks[0]).toBe(Date.UTC(2024, 0, 29, 5)); // the week of 1 February
    expect(data.totals.usage).toBe(7); // everything before `to`
    const empty = aggregateDashboard([], defs, { query: { timeZone: TZ }, now: NOW });
    expect(empty.weeks).toEqual([Date.UTC(2024, 2, 18, 4)]);
    expect(empty.unused.windows[1]).toMatchObject({ library: 3, inUse: 0, share: 0 });
  });

  it('gives the same numbers whether events come in order, shuffled or in batches', () => {
    const events = sampleEvents();
    const whole = run(events);
    const shuffled = [...events].reverse();
    expect(run(shuffled)).toEqual(whole);
    const agg = createDashboardAggregator(defs, opts());
    for (let i = 0; i < events.length; i += 4) agg.add(events.slice(i, i + 4));
    expect(agg.sharedLeads().sort()).toEqual(['L1', 'L4']);
    expect(agg.finish()).toEqual(whole);
  });

  it('keeps only the newest insights and notes when there are many', () => {
    const many = Array.from({ length: 450 }, (_, i) =>
      usage(FROM + i * 1000, BOB, { action: 'copied', assetId: 'A1' }),
    );
    const notes = Array.from({ length: 45 }, (_, i) =>
      rating(FROM + i * 1000, BOB, { assetId: 'A2', rating: 'outdated', note: `n${i}` }),
    );
    const data = run([...many, ...notes]);
    expect(data.assets[0]!.copied).toBe(450);
    const a2 = data.feedback[0]!;
    expect(a2.notesTotal).toBe(45);
    expect(a2.notes.map((n) => n.note)).toEqual(Array.from({ length: 20 }, (_, i) => `n${44 - i}`));
  });
});
