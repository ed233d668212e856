/**
 * Personas, assets and campaigns as CSV, in Tandem's own columns (the model's field names).
 * List cells hold values separated by "|"; a persona's `criteria` cell holds its criteria as
 * JSON (they are structured: a condition and a weight each). Times are dates or ISO 8601.
 */
import { Asset, Campaign, Persona } from '../../model';
import { parseDate, parseList } from '../values';
import { zodReject, type CsvPreset, type Row, type RowResult } from './types';

type Cells = Record<string, unknown>;

/** The cell as a value for the schema: lists split, dates parsed, empty cells left out. */
function cells(
  row: Row,
  spec: Record<string, 'text' | 'list' | 'date' | 'json'>,
): Cells | { reject: { column: string; reason: string } } {
  const out: Cells = {};
  for (const [name, kind] of Object.entries(spec)) {
    const raw = row.get(name);
    if (!raw) continue;
    if (kind === 'text') out[name] = raw;
    else if (kind === 'list') out[name] = parseList(raw);
    else if (kind === 'date') {
      const at = parseDate(raw);
      if (at === null)
        return { reject: { column: name, reason: `not a date: "${raw.slice(0, 40)}"` } };
      out[name] = at;
    } else {
      try {
        out[name] = JSON.parse(raw) as unknown;
      } catch {
        return { reject: { column: name, reason: 'not valid JSON' } };
      }
    }
  }
  return out;
}

const firstSegment = (path: string) => path.split('.')[0] ?? path;

const PERSONA_CELLS = {
  id: 'text',
  name: 'text',
  description: 'text',
  criteria: 'json',
  pains: 'list',
  goals: 'list',
  objections: 'list',
  valueProposition: 'text',
  talkingPoints: 'list',
} as const;
const ASSET_CELLS = {
  id: 'text',
  title: 'text',
  type: 'text',
  url: 'text',
  summary: 'text',
  personaIds: 'list',
  stages: 'list',
  campaignId: 'text',
  publishedAt: 'date',
  expiresAt: 'date',
  tags: 'list',
} as const;
const CAMPAIGN_CELLS = {
  id: 'text',
  name: 'text',
  type: 'text',
  channel: 'text',
  startAt: 'date',
  endAt: 'date',
  goal: 'text',
  personaIds: 'list',
} as const;

export const personasCsv: CsvPreset = {
  kind: 'personas',
  required: [['id'], ['name'], ['criteria']],
  matches: (h) => h.has('id') && h.has('name') && h.has('criteria'),
  map(row): RowResult {
    const c = cells(row, PERSONA_CELLS);
    if ('reject' in c) return c as { reject: { column: string; reason: string } };
    const r = Persona.safeParse(c);
    return r.success ? { personas: [r.data] } : { reject: zodReject(r.error, firstSegment) };
  },
};

export const assetsCsv: CsvPreset = {
  kind: 'assets',
  required: [['id'], ['title'], ['type'], ['url'], ['publishedAt']],
  matches: (h) => h.has('id') && h.has('title') && h.has('url') && h.has('type'),
  map(row): RowResult {
    const c = cells(row, ASSET_CELLS);
    if ('reject' in c) return c as { reject: { column: string; reason: string } };
    const r = Asset.safeParse(c);
    return r.success ? { assets: [r.data] } : { reject: zodReject(r.error, firstSegment) };
  },
};

export const campaignsCsv: CsvPreset = {
  kind: 'campaigns',
  required: [['id'], ['name'], ['type'], ['channel'], ['startAt']],
  matches: (h) => h.has('id') && h.has('name') && h.has('channel') && h.has('startat'),
  map(row, ctx): RowResult {
    const c = cells(row, CAMPAIGN_CELLS);
    if ('reject' in c) return c as { reject: { column: string; reason: string } };
    const r = Campaign.safeParse(c);
    if (!r.success) return { reject: zodReject(r.error, firstSegment) };
    ctx.campaignIds.add(r.data.id);
    return { campaigns: [r.data] };
  },
};
