/** A small workspace and event builders whose dashboard numbers are worked out by hand. */
import type { DashboardDefinitions } from '../../lib/dashboard/aggregate';
import type { Asset, Lead, TandemEvent } from '../../lib/model';

export const TZ = 'America/New_York';
/** Wednesday 20 March 2024, 08:00 in New York (EDT since 10 March). */
export const NOW = Date.UTC(2024, 2, 20, 12);
/** Monday 4 March 2024, 00:00 in New York (EST). */
export const FROM = Date.UTC(2024, 2, 4, 5);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const ANN = { name: 'Ann Rep', email: 'ann@example.com' };
export const ANN_UPPER = { name: 'Ann R.', email: 'ANN@example.com' };
export const BOB = { name: 'Bob Rep', email: 'bob@example.com' };

export const asset = (id: string, over: Partial<Asset>): Asset => ({
  id,
  title: `Asset ${id}`,
  type: 'whitepaper',
  url: `https://example.com/${id}`,
  summary: '',
  personaIds: [],
  stages: [],
  publishedAt: Date.UTC(2023, 0, 1),
  tags: [],
  ...over,
});

const lead = (key: string, over: Partial<Lead>): Lead => ({
  key,
  crmRefs: [],
  stage: 'lead',
  updatedAt: NOW,
  ...over,
});

export const defs: DashboardDefinitions = {
  assets: [
    asset('A1', { title: 'ROI guide', campaignId: 'C1', stages: ['awareness'] }),
    asset('A2', { title: 'Buyer checklist', campaignId: 'C2', stages: ['decision'] }),
    asset('A3', { title: 'Case study', stages: ['consideration', 'decision'] }),
    asset('A4', { title: 'Old deck', expiresAt: Date.UTC(2024, 0, 1) }),
  ],
  campaigns: [
    {
      id: 'C1',
      name: 'Spring launch',
      type: 'product_launch',
      channel: 'email',
      startAt: 0,
      personaIds: [],
    },
    {
      id: 'C2',
      name: 'Webinar series',
      type: 'webinar',
      channel: 'webinar',
      startAt: 0,
      personaIds: [],
    },
  ],
  personas: [
    {
      id: 'P1',
      name: 'VP Marketing',
      description: '',
      criteria: [
        { id: 'c', label: 'VP', condition: { field: 'seniority', anyOf: ['vp'] }, weight: 1 },
      ],
      pains: [],
      goals: [],
      objections: [],
      valueProposition: '',
      talkingPoints: [],
    },
  ],
  lifecycle: {
    stages: [
      { stage: 'mql', label: 'Marketing qualified', criteria: '' },
      { stage: 'lead', label: 'Lead', criteria: '' },
    ],
    mqlSlaHours: 24,
    rejectionReasons: [
      { id: 'R1', label: 'No budget' },
      { id: 'R2', label: 'Wrong persona' },
    ],
  },
  leads: [
    lead('L1', {
      firstName: 'Lia',
      lastName: 'One',
      company: 'Acme',
      stage: 'mql',
      stageChangedAt: NOW - 48 * HOUR,
      originalSource: 'Paid Social',
    }),
    lead('L2', { stage: 'mql', stageChangedAt: NOW - 10 * HOUR, originalSource: 'Webinar' }),
    lead('L3', { firstName: 'Leo', stage: 'mql', stageChangedAt: NOW - 72 * HOUR }),
    lead('L4', {}),
  ],
};

let seq = 0;
const nextId = () => `018e0000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

type Without<K extends TandemEvent['kind']> = Omit<
  Extract<TandemEvent, { kind: K }>,
  'id' | 'kind' | 'rep' | 'at'
>;

export function usage(
  at: number,
  rep: TandemEvent['rep'],
  fields: Without<'asset_usage'>,
): TandemEvent {
  return { id: nextId(), kind: 'asset_usage', at, rep, ...fields };
}
export function rating(
  at: number,
  rep: TandemEvent['rep'],
  fields: Partial<Without<'content_feedback'>> &
    Pick<Without<'content_feedback'>, 'assetId' | 'rating'>,
): TandemEvent {
  return { id: nextId(), kind: 'content_feedback', at, rep, reasons: [], ...fields };
}
export function verdict(
  at: number,
  rep: TandemEvent['rep'],
  fields: Without<'lead_verdict'>,
): TandemEvent {
  return { id: nextId(), kind: 'lead_verdict', at, rep, ...fields };
}
export function insight(
  at: number,
  rep: TandemEvent['rep'],
  fields: Partial<Without<'field_insight'>> & Pick<Without<'field_insight'>, 'category' | 'text'>,
): TandemEvent {
  return { id: nextId(), kind: 'field_insight', at, rep, tags: [], ...fields };
}

/** The events the hand-worked numbers in aggregate.test.ts come from. */
export function sampleEvents(): TandemEvent[] {
  const mar = (day: number, hour = 12, minute = 0) => Date.UTC(2024, 2, day, hour, minute);
  return [
    // Sunday 10 March 23:30 in New York (Monday in UTC): the first week.
    usage(mar(11, 3, 30), ANN, {
      action: 'copied',
      assetId: 'A1',
      leadKey: 'L1',
      context: { personaId: 'P1', stage: 'mql' },
    }),
    // Monday 11 March 00:30 in New York: the second week.
    usage(mar(11, 4, 30), BOB, {
      action: 'sent',
      assetId: 'A1',
      leadKey: 'L1',
      context: { personaName: 'Ops lead', stage: 'lead' },
    }),
    usage(mar(18), ANN_UPPER, { action: 'sent', assetId: 'A1', leadKey: 'L4' }),
    // L1 opened A1 after it was first shared with them.
    usage(mar(12), BOB, { action: 'opened', assetId: 'A1', leadKey: 'L1' }),
    // Before the range: not counted, but A2 was used within 90 days.
    usage(Date.UTC(2024, 1, 1), BOB, { action: 'copied', assetId: 'A2' }),
    // Exactly at `from`: counted. One ms before: not counted.
    usage(FROM, ANN, { action: 'copied', assetId: 'A3' }),
    usage(FROM - 1, ANN, { action: 'copied', assetId: 'A3' }),
    // Exactly at `to` (= now): not counted in the range (but A1 counts as in use).
    usage(NOW, BOB, { action: 'copied', assetId: 'A1' }),

    rating(mar(5), ANN, { assetId: 'A1', rating: 'useful' }),
    rating(mar(6), BOB, { assetId: 'A1', rating: 'useful' }),
    rating(mar(7), ANN, { assetId: 'A1', rating: 'useful' }),
    rating(mar(13), BOB, {
      assetId: 'A1',
      rating: 'outdated',
      reasons: ['Old numbers'],
      note: 'Uses 2022 pricing',
    }),
    rating(mar(14), ANN, { assetId: 'A1', rating: 'not_relevant', reasons: ['Old numbers'] }),
    rating(mar(15), BOB, { assetId: 'A1', rating: 'useful' }),
    rating(mar(8), ANN, { assetId: 'A2', rating: 'useful' }),
    rating(mar(9), BOB, { assetId: 'A2', rating: 'missing_info', note: 'No price list' }),

    verdict(mar(5), ANN, { verdict: 'accepted', leadKey: 'L1', campaignId: 'C1' }),
    verdict(mar(6), BOB, { verdict: 'rejected', reasonId: 'R1', leadKey: 'L1', campaignId: 'C1' }),
    verdict(mar(7), ANN, {
      verdict: 'rejected',
      reasonId: 'R2',
      leadKey: 'L2',
      campaignId: 'C2',
      context: { personaId: 'P1' },
    }),
    verdict(NOW - HOUR, ANN, { verdict: 'accepted', leadKey: 'L3', campaignId: 'C1' }),
    verdict(mar(10), BOB, {
      verdict: 'accepted',
      record: { crm: 'hubspot', tenant: '123', objectType: 'contact', recordId: '9' },
    }),

    insight(mar(8), ANN, {
      category: 'objection',
      text: 'Too expensive compared to Acme',
      tags: ['pricing', 'Acme'],
    }),
    insight(mar(15), BOB, {
      category: 'competitor',
      text: 'They offer a free trial',
      tags: ['acme'],
    }),
    insight(mar(16), ANN, { category: 'product_gap', text: 'No SSO', tags: ['security'] }),
  ];
}
