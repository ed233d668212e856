/**
 * Any other CSV, through the mapping step: the user says which column holds which field.
 * Touches need a lead (an email, or the lead's id in the source) and a time and a type; leads
 * need an email or a source id. Rows carrying no id of their own get one from a hash of their
 * content, so importing the same file twice still changes nothing.
 */
import { Channel, LifecycleStage, Touch, TouchType } from '../../model';
import type { LeadPatch } from '../leads';
import { LeadField, TouchField, type ColumnMapping } from '../types';
import {
  parseCount,
  parseDate,
  parseEmail,
  parseNumber,
  parseUrl,
  slug,
  stableHash,
  toId,
} from '../values';
import { zodReject, type CsvPreset, type Row, type RowResult } from './types';

/** Common spellings of touch types in other tools' exports. */
const TYPE_ALIASES: Record<string, TouchType> = {
  sent: 'email_sent',
  send_email: 'email_sent',
  delivered: 'email_delivered',
  open: 'email_opened',
  opened: 'email_opened',
  email_open: 'email_opened',
  open_email: 'email_opened',
  click: 'email_clicked',
  clicked: 'email_clicked',
  email_click: 'email_clicked',
  click_email: 'email_clicked',
  bounce: 'email_bounced',
  bounced: 'email_bounced',
  unsubscribe: 'email_unsubscribed',
  unsubscribed: 'email_unsubscribed',
  form: 'form_submitted',
  form_fill: 'form_submitted',
  form_submission: 'form_submitted',
  page_view: 'page_viewed',
  visit: 'page_viewed',
  web_visit: 'page_viewed',
  download: 'content_downloaded',
  registered: 'webinar_registered',
  attended: 'webinar_attended',
  event: 'event_attended',
  ad_click: 'ad_clicked',
  meeting: 'meeting_booked',
  trial: 'trial_signup',
  signup: 'trial_signup',
};

const DEFAULT_CHANNEL: Partial<Record<TouchType, Channel>> = {
  page_viewed: 'web',
  form_submitted: 'web',
  content_downloaded: 'web',
  webinar_registered: 'webinar',
  webinar_attended: 'webinar',
  event_attended: 'event',
  ad_clicked: 'paid',
  chat: 'chat',
  meeting_booked: 'sales',
  trial_signup: 'product',
  list_added: 'system',
  score_changed: 'system',
  stage_changed: 'system',
};

export function touchType(raw: string): TouchType | null {
  const s = slug(raw);
  const direct = TouchType.safeParse(s);
  return direct.success ? direct.data : (TYPE_ALIASES[s] ?? null);
}

const STAGE_ALIASES: Record<string, LifecycleStage> = {
  marketing_qualified_lead: 'mql',
  sales_accepted_lead: 'sal',
  sales_qualified_lead: 'sql',
};

/** Fields the mapping step offers per target, with the ones that must be mapped. */
export const MAPPING_FIELDS = {
  touches: { fields: TouchField.options, required: ['at', 'type'] as TouchField[] },
  leads: { fields: LeadField.options, required: [] as LeadField[] },
};

/** What is missing from a mapping before it can run (field names), empty when complete. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const c = mapping.columns as Record<string, string | undefined>;
  if (mapping.target === 'touches') {
    const missing: string[] = MAPPING_FIELDS.touches.required.filter((f) => !c[f]);
    if (!c.leadEmail && !c.leadId) missing.push('leadEmail');
    return missing;
  }
  return c.email || c.sourceId ? [] : ['email'];
}

/** A best guess of the mapping from header names, for the mapping step to start from. */
export function suggestMapping(header: readonly string[]): ColumnMapping {
  const find = (...patterns: RegExp[]) => header.find((h) => patterns.some((p) => p.test(h)));
  const hasActivity = find(/type|activity|event|action/i) && find(/date|time|when/i);
  if (hasActivity) {
    const columns: Partial<Record<TouchField, string>> = {};
    const set = (f: TouchField, h: string | undefined) => h && (columns[f] = h);
    set('leadEmail', find(/e-?mail/i));
    set('leadId', find(/^(lead|contact|person)[ _-]?id$/i));
    set('at', find(/date|time|^when$/i));
    set('type', find(/^(activity[ _-]?)?type$|^activity$|^event$|^action$/i));
    set('channel', find(/channel|medium/i));
    set('campaignId', find(/campaign/i));
    set('detail', find(/detail|subject|name|description|page/i));
    set('url', find(/url|link/i));
    set('sourceId', find(/^(activity[ _-]?)?id$|guid|uuid/i));
    return { target: 'touches', columns };
  }
  const columns: Partial<Record<LeadField, string>> = {};
  const set = (f: LeadField, h: string | undefined) => h && (columns[f] = h);
  set('email', find(/e-?mail/i));
  set('sourceId', find(/^id$|record id|contact id|lead id/i));
  set('firstName', find(/first/i));
  set('lastName', find(/last|surname/i));
  set('company', find(/company|account|organi[sz]ation/i));
  set('title', find(/title|position|role/i));
  set('phone', find(/phone/i));
  set('industry', find(/industry/i));
  set('companySize', find(/employees|company size/i));
  set('country', find(/country/i));
  set('stage', find(/stage|status/i));
  set('originalSource', find(/source/i));
  set('score', find(/score/i));
  return { target: 'leads', columns };
}

/** The generic preset for one mapping. */
export function genericPreset(mapping: ColumnMapping): CsvPreset {
  const c = mapping.columns as Record<string, string | undefined>;
  const cell = (row: Row, field: string) => (c[field] ? row.get(c[field]) : '');
  const required = Object.values(c)
    .filter((v): v is string => !!v)
    .map((v) => [v]);
  return {
    kind: 'csv',
    required,
    matches: () => true,
    map:
      mapping.target === 'touches'
        ? (row, ctx) => mapTouch(row, ctx.leads, cell, c)
        : (row, ctx) => mapLead(row, ctx.leads, cell, c),
  };
}

type Cell = (row: Row, field: string) => string;

function mapTouch(
  row: Row,
  leads: import('../leads').LeadBook,
  cell: Cell,
  c: Record<string, string | undefined>,
): RowResult {
  const col = (f: TouchField) => c[f] ?? f;
  const at = parseDate(cell(row, 'at'));
  if (at === null)
    return {
      reject: {
        column: col('at'),
        reason: cell(row, 'at') ? `not a date: "${cell(row, 'at').slice(0, 40)}"` : 'empty',
      },
    };
  const typeRaw = cell(row, 'type');
  const type = touchType(typeRaw);
  if (!type)
    return {
      reject: {
        column: col('type'),
        reason: typeRaw ? `unknown touch type "${typeRaw.slice(0, 60)}"` : 'empty',
      },
    };
  const channelRaw = cell(row, 'channel');
  let channel: Channel = DEFAULT_CHANNEL[type] ?? (type.startsWith('email_') ? 'email' : 'other');
  if (channelRaw) {
    const parsed = Channel.safeParse(slug(channelRaw));
    if (!parsed.success)
      return {
        reject: { column: col('channel'), reason: `unknown channel "${channelRaw.slice(0, 60)}"` },
      };
    channel = parsed.data;
  }
  const emailRaw = cell(row, 'leadEmail');
  const email = emailRaw ? parseEmail(emailRaw) : undefined;
  if (email === null)
    return {
      reject: {
        column: col('leadEmail'),
        reason: `not an email address: "${emailRaw.slice(0, 80)}"`,
      },
    };
  const leadId = cell(row, 'leadId');
  if (!email && !leadId)
    return {
      reject: { column: col(c.leadEmail ? 'leadEmail' : 'leadId'), reason: 'no lead for this row' },
    };
  const urlRaw = cell(row, 'url');
  const url = urlRaw ? parseUrl(urlRaw) : undefined;
  if (url === null) return { reject: { column: col('url'), reason: 'not an http(s) URL' } };
  const campaignRaw = cell(row, 'campaignId');
  const campaignId = campaignRaw ? toId('', campaignRaw) : undefined;
  if (campaignId === null)
    return { reject: { column: col('campaignId'), reason: 'not usable as an id' } };
  const detail = cell(row, 'detail').slice(0, 500);
  const who = email ?? `id:${leadId}`;
  const sourceId =
    cell(row, 'sourceId') || stableHash(`${who}|${at}|${type}|${detail}|${url ?? ''}`);
  const touch = Touch.safeParse({
    id: `csv:${sourceId}`.slice(0, 200),
    leadKey: 'pending',
    at,
    type,
    channel,
    ...(campaignId ? { campaignId } : {}),
    ...(detail ? { detail } : {}),
    ...(url ? { url } : {}),
    source: 'csv',
    sourceId: sourceId.slice(0, 200),
  });
  if (!touch.success) return { reject: zodReject(touch.error, (p) => col(p as TouchField)) };
  touch.data.leadKey = leads.resolve({
    system: 'csv',
    ...(leadId ? { sourceId: leadId } : {}),
    ...(email ? { email } : {}),
  });
  return { touches: [touch.data] };
}

function mapLead(
  row: Row,
  leads: import('../leads').LeadBook,
  cell: Cell,
  c: Record<string, string | undefined>,
): RowResult {
  const col = (f: LeadField) => c[f] ?? f;
  const patch: LeadPatch = {};
  const emailRaw = cell(row, 'email');
  if (emailRaw) {
    const email = parseEmail(emailRaw);
    if (!email)
      return {
        reject: {
          column: col('email'),
          reason: `not an email address: "${emailRaw.slice(0, 80)}"`,
        },
      };
    patch.email = email;
  }
  const sourceId = cell(row, 'sourceId').slice(0, 200);
  if (!patch.email && !sourceId)
    return { reject: { column: col('email'), reason: 'a lead needs an email or an id' } };
  for (const f of [
    'firstName',
    'lastName',
    'company',
    'title',
    'industry',
    'originalSource',
  ] as const) {
    const v = cell(row, f);
    if (v) patch[f] = v.slice(0, 500);
  }
  const phone = cell(row, 'phone');
  if (phone) patch.phone = phone.slice(0, 50);
  const country = cell(row, 'country');
  if (country) patch.country = country.slice(0, 100);
  const size = cell(row, 'companySize');
  if (size) {
    const n = parseCount(size);
    if (n === null) return { reject: { column: col('companySize'), reason: 'not a whole number' } };
    patch.companySize = n;
  }
  const score = cell(row, 'score');
  if (score) {
    const n = parseNumber(score);
    if (n === null) return { reject: { column: col('score'), reason: 'not a number' } };
    patch.sourceScore = n;
  }
  const stageRaw = cell(row, 'stage');
  if (stageRaw) {
    const s = slug(stageRaw);
    const stage = LifecycleStage.safeParse(s).data ?? STAGE_ALIASES[s];
    if (!stage)
      return {
        reject: {
          column: col('stage'),
          reason: `unknown lifecycle stage "${stageRaw.slice(0, 60)}"`,
        },
      };
    patch.stage = stage;
  }
  leads.resolve(
    {
      system: 'csv',
      ...(sourceId ? { sourceId } : {}),
      ...(patch.email ? { email: patch.email } : {}),
    },
    patch,
    true,
  );
  return {};
}
