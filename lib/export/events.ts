/** Feedback, verdicts, insights and asset usage, for marketers: CSV (flat columns) or JSON. */
import type { TandemEvent } from '../model';
import { toCsv } from './csv-safe';

export const EVENT_COLUMNS = [
  'id',
  'kind',
  'at',
  'rep_name',
  'rep_email',
  'lead_key',
  'crm',
  'record_id',
  'campaign_id',
  'asset_id',
  'rating',
  'verdict',
  'reason',
  'category',
  'action',
  'text',
  'tags',
  'persona',
  'score',
  'stage',
] as const;

function row(e: TandemEvent): unknown[] {
  const v: Partial<Record<(typeof EVENT_COLUMNS)[number], unknown>> = {
    id: e.id,
    kind: e.kind,
    at: new Date(e.at).toISOString(),
    rep_name: e.rep.name,
    rep_email: e.rep.email,
    lead_key: e.leadKey,
    crm: e.record?.crm,
    record_id: e.record?.recordId,
    campaign_id: e.campaignId,
    persona: e.context?.personaName,
    score: e.context?.score,
    stage: e.context?.stage,
  };
  if (e.kind === 'content_feedback') {
    Object.assign(v, {
      asset_id: e.assetId,
      rating: e.rating,
      reason: e.reasons.join('|'),
      text: e.note,
    });
  } else if (e.kind === 'lead_verdict') {
    Object.assign(v, { verdict: e.verdict, reason: e.reasonId, text: e.note });
  } else if (e.kind === 'field_insight') {
    Object.assign(v, { category: e.category, text: e.text, tags: e.tags.join('|') });
  } else {
    Object.assign(v, { asset_id: e.assetId, action: e.action });
  }
  return EVENT_COLUMNS.map((c) => v[c]);
}

export function eventsToCsv(events: readonly TandemEvent[]): string {
  return toCsv(EVENT_COLUMNS, events.map(row));
}

export function eventsToJson(
  events: readonly TandemEvent[],
  range: { since: number; until: number },
): string {
  return JSON.stringify(
    {
      format: 'tandem.events',
      version: 1,
      since: new Date(range.since).toISOString(),
      until: new Date(range.until).toISOString(),
      events,
    },
    null,
    2,
  );
}
