/**
 * Marketo bulk activity extract (CSV from the Bulk Activity Extract API). Columns as Marketo
 * documents them: marketoGUID, leadId, activityDate, activityTypeId, campaignId,
 * primaryAttributeValueId, primaryAttributeValue, attributes (a JSON object of the activity's
 * secondary attributes). Activity type ids are Marketo's standard ones; activities with no
 * Tandem touch type (data value changes, new lead, ...) are skipped, not rejected.
 */
import { Touch, type Channel, type TouchType } from '../../model';
import { parseDate, parseUrl } from '../values';
import { zodReject, type CsvPreset, type RowResult } from './types';

/** Standard Marketo activity type id -> touch type and channel. */
export const MARKETO_ACTIVITY_TYPES: Readonly<Record<number, [TouchType, Channel]>> = {
  1: ['page_viewed', 'web'], // Visit Webpage
  2: ['form_submitted', 'web'], // Fill Out Form
  3: ['page_viewed', 'web'], // Click Link (a link on a web page)
  6: ['email_sent', 'email'], // Send Email
  7: ['email_delivered', 'email'], // Email Delivered
  8: ['email_bounced', 'email'], // Email Bounced
  9: ['email_unsubscribed', 'email'], // Unsubscribe Email
  10: ['email_opened', 'email'], // Open Email
  11: ['email_clicked', 'email'], // Click Email
  22: ['score_changed', 'system'], // Change Score
  24: ['list_added', 'system'], // Add to List
  27: ['email_bounced', 'email'], // Email Bounced Soft
};
/** Change Status in Progression: a program member's new status says what happened. */
const PROGRESSION = 104;

const COLUMNS = [
  'marketoguid',
  'leadid',
  'activitydate',
  'activitytypeid',
  'campaignid',
  'primaryattributevalueid',
  'primaryattributevalue',
  'attributes',
];

function attributesOf(raw: string): Record<string, unknown> | null {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    // The API writes an object; some tools write an array of {name, value}.
    if (Array.isArray(parsed)) {
      const out: Record<string, unknown> = {};
      for (const item of parsed) {
        if (item && typeof item === 'object' && 'name' in item) {
          out[String((item as { name: unknown }).name)] = (item as { value?: unknown }).value;
        }
      }
      return out;
    }
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function progression(status: string, attrs: Record<string, unknown>): [TouchType, Channel] | null {
  const s = status.toLowerCase();
  const webinar = /webinar/i.test(String(attrs['Program Channel'] ?? attrs['Channel'] ?? ''));
  if (/regist/.test(s)) return ['webinar_registered', 'webinar'];
  if (/attend/.test(s))
    return webinar ? ['webinar_attended', 'webinar'] : ['event_attended', 'event'];
  if (/visit/.test(s)) return ['event_attended', 'event'];
  return null;
}

const truthy = (v: unknown) => v === true || v === 'true' || v === 'True' || v === 1 || v === '1';

export const marketo: CsvPreset = {
  kind: 'marketo',
  required: [['marketoGUID'], ['leadId'], ['activityDate'], ['activityTypeId']],
  matches: (h) => COLUMNS.slice(0, 4).every((c) => h.has(c)),
  map(row, ctx): RowResult {
    const guid = row.get('marketoGUID');
    if (!/^[A-Za-z0-9-]{1,100}$/.test(guid)) {
      return {
        reject: { column: 'marketoGUID', reason: guid ? 'not a Marketo activity id' : 'empty' },
      };
    }
    const leadId = row.get('leadId');
    if (!/^\d{1,18}$/.test(leadId)) {
      return {
        reject: { column: 'leadId', reason: leadId ? 'not a Marketo lead id (digits)' : 'empty' },
      };
    }
    const at = parseDate(row.get('activityDate'));
    if (at === null) {
      return {
        reject: {
          column: 'activityDate',
          reason: `not a date: "${row.get('activityDate').slice(0, 40)}"`,
        },
      };
    }
    const typeRaw = row.get('activityTypeId');
    if (!/^\d{1,9}$/.test(typeRaw)) {
      return { reject: { column: 'activityTypeId', reason: 'not an activity type id (digits)' } };
    }
    const attrs = attributesOf(row.get('attributes'));
    if (attrs === null) return { reject: { column: 'attributes', reason: 'not a JSON object' } };
    const typeId = Number(typeRaw);
    const primary = row.get('primaryAttributeValue');
    const mapped =
      typeId === PROGRESSION
        ? progression(String(attrs['New Status'] ?? ''), attrs)
        : MARKETO_ACTIVITY_TYPES[typeId];
    if (!mapped) return { skip: true };
    const [type, channel] = mapped;

    let detail = primary;
    if (typeId === 22) detail = [primary, attrs['Change Value']].filter(Boolean).join(' ');
    if (typeId === PROGRESSION) detail = [primary, attrs['New Status']].filter(Boolean).join(': ');
    const link = String(
      attrs['Webpage URL'] ?? attrs['Link'] ?? (typeId === 1 ? primary : '') ?? '',
    );
    const url = link ? parseUrl(link) : null;
    if (!detail && link) detail = link;
    const campaignRaw = row.get('campaignId');
    const campaignId = /^\d{1,18}$/.test(campaignRaw) ? `mkto-${campaignRaw}` : undefined;

    const touch = {
      id: `marketo:${guid}`,
      leadKey: 'pending',
      at,
      type,
      channel,
      ...(campaignId ? { campaignId } : {}),
      ...(detail ? { detail: detail.slice(0, 500) } : {}),
      ...(url ? { url } : {}),
      source: 'marketo' as const,
      sourceId: guid,
      botSuspect: truthy(attrs['Is Bot Activity']),
    };
    const parsed = Touch.safeParse(touch);
    if (!parsed.success) return { reject: zodReject(parsed.error, () => 'primaryAttributeValue') };
    parsed.data.leadKey = ctx.leads.resolve({ system: 'marketo', sourceId: leadId });
    return { touches: [parsed.data] };
  },
};
