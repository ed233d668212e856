/**
 * Salesforce campaign members report (a "Campaigns with Campaign Members" report exported as
 * CSV). Columns as the report shows them: Campaign Name, Campaign ID, Campaign Type, Lead/Contact
 * ID (or Lead ID / Contact ID), First Name, Last Name, Title, Company / Account, Email, Status,
 * Responded, First Responded Date, Member First Associated Date / Created Date. Each row is one
 * member: a lead (found by record id, then email) and a touch for its status in the campaign.
 */
import { toSalesforceId18 } from '../../crm/salesforce-id';
import { Campaign, Touch, type CampaignType, type Channel, type TouchType } from '../../model';
import type { LeadPatch } from '../leads';
import { parseDate, parseEmail, slug, toId } from '../values';
import { pick, zodReject, type CsvPreset, type RowResult } from './types';

const ID_COLUMNS = ['Lead/Contact ID', 'Lead ID', 'Contact ID', 'Member ID'];
const DATE_COLUMNS = [
  'First Responded Date',
  'Member First Associated Date',
  'Created Date',
  'Date',
];

const CAMPAIGN_TYPES: Record<string, [CampaignType, Channel]> = {
  webinar: ['webinar', 'webinar'],
  email: ['nurture', 'email'],
  conference: ['event', 'event'],
  trade_show: ['event', 'event'],
  event: ['event', 'event'],
  seminar_conference: ['event', 'event'],
  advertisement: ['paid', 'paid'],
  banner_ads: ['paid', 'paid'],
  direct_mail: ['other', 'other'],
  public_relations: ['other', 'other'],
  partners: ['other', 'other'],
  referral_program: ['other', 'other'],
  content: ['content', 'web'],
  other: ['other', 'other'],
};

/** What a member status says happened. Statuses are configurable per campaign: match words. */
function statusTouch(status: string, campaignType: CampaignType): [TouchType, Channel] {
  const s = status.toLowerCase();
  const webinar = campaignType === 'webinar';
  if (/attend/.test(s))
    return webinar ? ['webinar_attended', 'webinar'] : ['event_attended', 'event'];
  if (/regist/.test(s)) return ['webinar_registered', webinar ? 'webinar' : 'event'];
  if (/visit|booth|met/.test(s)) return ['event_attended', 'event'];
  if (/download/.test(s)) return ['content_downloaded', 'web'];
  if (/click/.test(s)) return ['email_clicked', 'email'];
  if (/open/.test(s)) return ['email_opened', 'email'];
  if (/respond|submit|fill/.test(s)) return ['form_submitted', 'web'];
  if (/meeting/.test(s)) return ['meeting_booked', 'sales'];
  if (/sent/.test(s)) return ['email_sent', 'email'];
  return ['list_added', 'system'];
}

export const salesforce: CsvPreset = {
  kind: 'salesforce',
  required: [['Campaign Name'], ['Status'], ID_COLUMNS],
  matches: (h) =>
    h.has('campaign name') && h.has('status') && ID_COLUMNS.some((c) => h.has(c.toLowerCase())),
  map(row, ctx): RowResult {
    const campaignName = row.get('Campaign Name');
    if (!campaignName) return { reject: { column: 'Campaign Name', reason: 'empty' } };
    const idCell = pick(row, ID_COLUMNS);
    const recordId = toSalesforceId18(idCell.value);
    if (!recordId) {
      return {
        reject: {
          column: idCell.column,
          reason: idCell.value ? 'not a Salesforce record id' : 'empty',
        },
      };
    }
    const status = row.get('Status');
    if (!status) return { reject: { column: 'Status', reason: 'empty' } };
    const dateCell = DATE_COLUMNS.map((c) => ({ column: c, value: row.get(c) })).find(
      (c) => c.value,
    );
    if (!dateCell)
      return { reject: { column: 'First Responded Date', reason: 'no date for this member' } };
    const at = parseDate(dateCell.value);
    if (at === null)
      return {
        reject: { column: dateCell.column, reason: `not a date: "${dateCell.value.slice(0, 40)}"` },
      };
    const emailRaw = row.get('Email');
    const email = emailRaw ? parseEmail(emailRaw) : undefined;
    if (email === null)
      return {
        reject: { column: 'Email', reason: `not an email address: "${emailRaw.slice(0, 80)}"` },
      };

    const [campaignType, campaignChannel] = CAMPAIGN_TYPES[
      slug(row.get('Campaign Type') || row.get('Type'))
    ] ?? ['other', 'other'];
    const sfCampaign = row.get('Campaign ID');
    const campaignId = toId('sf-', toSalesforceId18(sfCampaign) ?? slug(campaignName));
    if (!campaignId)
      return { reject: { column: 'Campaign Name', reason: 'cannot make an id from it' } };
    const campaigns: Campaign[] = [];
    if (!ctx.campaignIds.has(campaignId)) {
      const campaign = Campaign.safeParse({
        id: campaignId,
        name: campaignName.slice(0, 500),
        type: campaignType,
        channel: campaignChannel,
        startAt: at,
      });
      if (!campaign.success) return { reject: zodReject(campaign.error, () => 'Campaign Name') };
      campaigns.push(campaign.data);
    }
    const [type, channel] = statusTouch(status, campaignType);
    const touch = Touch.safeParse({
      id: `salesforce:${campaignId}:${recordId}:${slug(status)}`,
      leadKey: 'pending',
      at,
      type,
      channel,
      campaignId,
      detail: `${campaignName}: ${status}`.slice(0, 500),
      source: 'salesforce',
      sourceId: `${recordId}:${slug(status)}`,
    });
    if (!touch.success) return { reject: zodReject(touch.error, () => 'Status') };

    const patch: LeadPatch = {};
    if (email) patch.email = email;
    const text = (col: string) => row.get(col).slice(0, 500) || undefined;
    patch.firstName = text('First Name');
    patch.lastName = text('Last Name');
    patch.title = text('Title');
    patch.company = text('Company / Account') ?? text('Company');
    if (!email && !patch.lastName) {
      return { reject: { column: 'Email', reason: 'a member needs an email or a last name' } };
    }
    for (const c of campaigns) ctx.campaignIds.add(c.id);
    touch.data.leadKey = ctx.leads.resolve(
      {
        system: 'salesforce',
        sourceId: recordId,
        salesforceId: recordId,
        ...(email ? { email } : {}),
      },
      patch,
    );
    return { touches: [touch.data], campaigns };
  },
};
