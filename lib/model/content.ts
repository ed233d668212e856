import { z } from 'zod';
import { EpochMs, HttpUrl, Id, LongText, ShortText } from './common';
import { Channel } from './touch';

export const FunnelStage = z.enum(['awareness', 'consideration', 'decision']);
export type FunnelStage = z.infer<typeof FunnelStage>;

export const CampaignType = z.enum([
  'nurture',
  'webinar',
  'event',
  'paid',
  'content',
  'product_launch',
  'abm',
  'newsletter',
  'other',
]);
export type CampaignType = z.infer<typeof CampaignType>;

export const Campaign = z.object({
  id: Id,
  name: ShortText.min(1),
  type: CampaignType,
  channel: Channel,
  startAt: EpochMs,
  endAt: EpochMs.optional(),
  goal: ShortText.optional(),
  personaIds: z.array(Id).max(50).default([]),
});
export type Campaign = z.infer<typeof Campaign>;

export const AssetType = z.enum([
  'whitepaper',
  'ebook',
  'case_study',
  'webinar_recording',
  'blog_post',
  'datasheet',
  'one_pager',
  'video',
  'demo',
  'comparison',
  'roi_calculator',
  'pricing',
  'report',
]);
export type AssetType = z.infer<typeof AssetType>;

/** A piece of content marketing made for sales to use. */
export const Asset = z.object({
  id: Id,
  title: ShortText.min(1),
  type: AssetType,
  url: HttpUrl,
  summary: LongText.default(''),
  personaIds: z.array(Id).max(50).default([]),
  stages: z.array(FunnelStage).max(3).default([]),
  campaignId: Id.optional(),
  publishedAt: EpochMs,
  expiresAt: EpochMs.optional(),
  tags: z.array(ShortText).max(50).default([]),
});
export type Asset = z.infer<typeof Asset>;
