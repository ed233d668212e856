import { z } from 'zod';
import { EpochMs, HttpUrl, Id, ShortText } from './common';

/** The fixed vocabulary of marketing touches (see PRODUCT.md, "Touch types"). */
export const TouchType = z.enum([
  'email_sent',
  'email_delivered',
  'email_opened',
  'email_clicked',
  'email_bounced',
  'email_unsubscribed',
  'form_submitted',
  'page_viewed',
  'content_downloaded',
  'webinar_registered',
  'webinar_attended',
  'event_attended',
  'ad_clicked',
  'chat',
  'meeting_booked',
  'trial_signup',
  'list_added',
  'score_changed',
  'stage_changed',
]);
export type TouchType = z.infer<typeof TouchType>;

export const Channel = z.enum([
  'email',
  'web',
  'paid',
  'social',
  'event',
  'webinar',
  'chat',
  'sales',
  'product',
  'system',
  'other',
]);
export type Channel = z.infer<typeof Channel>;

/** Systems touches come from. */
export const SourceSystem = z.enum([
  'demo',
  'marketo',
  'hubspot',
  'salesforce',
  'pardot',
  'csv',
  'hub',
]);
export type SourceSystem = z.infer<typeof SourceSystem>;

export const Touch = z.object({
  /** Unique per touch; for imported touches `${source}:${sourceId}` so re-imports dedupe. */
  id: z.string().min(1).max(200),
  leadKey: Id,
  at: EpochMs,
  type: TouchType,
  channel: Channel,
  campaignId: Id.optional(),
  assetId: Id.optional(),
  /** Free text: subject line, page path, form name, ... Untrusted; rendered as text only. */
  detail: ShortText.optional(),
  url: HttpUrl.optional(),
  source: SourceSystem,
  sourceId: z.string().max(200).optional(),
  /** Likely machine activity (security scanners opening and clicking mail): shown dimmed, not scored. */
  botSuspect: z.boolean().default(false),
});
export type Touch = z.infer<typeof Touch>;

/** Every field of a touch, in the model's order (CSV columns, staged columns). */
export const TOUCH_FIELDS = Object.keys(Touch.shape) as readonly (keyof Touch)[];
