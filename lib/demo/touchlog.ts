/**
 * Collects a lead's touches while they are planned (times as offsets from now), and the shared
 * building blocks for email sends, downloads and page views that both the generic generator
 * and the showcase stories use.
 */
import type { Channel, TouchType } from '../model';
import { assetAvailable, assetPath, assetSpec, assetUrl, CAMPAIGN, SITE } from './content';
import type { Random } from './random';
import { MINUTE, SECOND } from './time';

export interface DraftTouch {
  t: number;
  type: TouchType;
  channel: Channel;
  campaignId?: string;
  assetId?: string;
  detail?: string;
  url?: string;
  bot: boolean;
}

export interface TouchExtra {
  campaignId?: string;
  assetId?: string;
  detail?: string;
  url?: string;
  bot?: boolean;
}

/** Email touch types that count as marketing email (suppressed after an unsubscribe). */
export const MARKETING_EMAIL_TYPES: ReadonlySet<TouchType> = new Set<TouchType>([
  'email_sent',
  'email_delivered',
  'email_opened',
  'email_clicked',
]);

export class TouchLog {
  readonly items: DraftTouch[] = [];
  /** Assets this lead already downloaded (people rarely download the same thing twice). */
  readonly downloaded = new Set<string>();
  /** Webinars this lead registered for. */
  readonly webinars = new Set<string>();

  constructor(
    readonly leadKey: string,
    /** Latest offset a touch may have: the marketing data is a few hours old. */
    readonly cutoff: number,
    /** Earliest offset: the 12-month window. */
    readonly from: number,
  ) {}

  /** Adds a touch; touches outside the window are silently dropped. Returns whether it was kept. */
  add(t: number, type: TouchType, channel: Channel, extra: TouchExtra = {}): boolean {
    const at = Math.round(t);
    if (at > this.cutoff || at < this.from) return false;
    const d: DraftTouch = { t: at, type, channel, bot: extra.bot ?? false };
    if (extra.campaignId) d.campaignId = extra.campaignId;
    if (extra.assetId) d.assetId = extra.assetId;
    if (extra.detail) d.detail = extra.detail;
    if (extra.url) d.url = extra.url;
    this.items.push(d);
    return true;
  }

  /** Drops marketing email after `t` (unsubscribe or hard bounce): nobody mails them again. */
  suppressEmailAfter(t: number): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const d = this.items[i] as DraftTouch;
      if (d.t > t && MARKETING_EMAIL_TYPES.has(d.type)) this.items.splice(i, 1);
    }
  }

  get lastT(): number | undefined {
    let last: number | undefined;
    for (const d of this.items) if (last === undefined || d.t > last) last = d.t;
    return last;
  }
}

export interface EmailSend {
  t: number;
  subject: string;
  campaignId: string;
  assetId?: string;
  /** Where the email's main link goes when it has no asset. */
  path?: string;
}

export interface EmailBehavior {
  /** Delay from delivery to a human open (ms); undefined = not opened. */
  openAfter?: number;
  /** Delay from the open to a click (ms); undefined = no click. */
  clickAfter?: number;
  /** A security scanner opens and clicks seconds after delivery. */
  bot?: boolean;
  /** After clicking, submit the form and download the linked asset (if it is one). */
  download?: boolean;
}

export interface EmailResult {
  delivered: number;
  opened?: number;
  clicked?: number;
}

function linkOf(send: EmailSend): { url: string; path: string } {
  if (send.assetId) {
    const spec = assetSpec(send.assetId);
    return { url: assetUrl(spec), path: assetPath(spec) };
  }
  const path = send.path ?? '/';
  return { url: SITE + path, path };
}

/** One marketing email to one lead: sent, delivered, and what the person (or a bot) did. */
export function emailTouches(
  log: TouchLog,
  rng: Random,
  send: EmailSend,
  behavior: EmailBehavior,
): EmailResult {
  const quoted = `'${send.subject}'`;
  const base = { campaignId: send.campaignId, assetId: send.assetId };
  log.add(send.t, 'email_sent', 'email', { ...base, detail: `Sent: ${quoted}` });
  const delivered = send.t + rng.int(3, 120) * SECOND;
  log.add(delivered, 'email_delivered', 'email', { ...base, detail: `Delivered: ${quoted}` });
  const link = linkOf(send);
  if (behavior.bot) {
    // Link scanners at the recipient's mail gateway: an "open" and a click within seconds of
    // delivery (under the 10 s the timeline engine uses to recognize them).
    const scan = delivered + rng.int(2, 8) * SECOND;
    log.add(scan - rng.int(200, 900), 'email_opened', 'email', {
      ...base,
      detail: `Opened: ${quoted}`,
      bot: true,
    });
    log.add(scan + rng.int(0, 900), 'email_clicked', 'email', {
      ...base,
      detail: `Clicked: ${quoted} (${link.path})`,
      url: link.url,
      bot: true,
    });
  }
  const result: EmailResult = { delivered };
  if (behavior.openAfter === undefined) return result;
  const opened = delivered + Math.round(behavior.openAfter);
  if (!log.add(opened, 'email_opened', 'email', { ...base, detail: `Opened: ${quoted}` })) {
    return result;
  }
  result.opened = opened;
  if (behavior.clickAfter === undefined) return result;
  const clicked = opened + Math.round(behavior.clickAfter);
  if (
    !log.add(clicked, 'email_clicked', 'email', {
      ...base,
      detail: `Clicked: ${quoted} (${link.path})`,
      url: link.url,
    })
  ) {
    return result;
  }
  result.clicked = clicked;
  log.add(clicked + rng.int(2, 6) * SECOND, 'page_viewed', 'web', {
    ...base,
    detail: link.path,
    url: link.url,
  });
  if (behavior.download && send.assetId) {
    download(
      log,
      rng,
      clicked + rng.int(40, 240) * SECOND,
      send.assetId,
      send.campaignId,
      'Downloaded',
      false,
    );
  }
  return result;
}

/**
 * A content download: gated assets first need the form. Returns false when the asset was not
 * available then (unpublished or expired) or the lead already has it.
 */
export function download(
  log: TouchLog,
  rng: Random,
  t: number,
  assetId: string,
  campaignId?: string,
  detailPrefix = 'Downloaded',
  /** Whether the visit to the asset's page still has to be recorded (not after an email click). */
  viewPage = true,
): boolean {
  const spec = assetSpec(assetId);
  // Blog posts are read (a page view), not downloaded.
  if (spec.type === 'blog_post') return false;
  if (!assetAvailable(spec, t) || log.downloaded.has(assetId)) return false;
  const campaign = campaignId ?? spec.campaignId ?? CAMPAIGN.contentLibrary;
  let at = t;
  if (viewPage) {
    log.add(at - rng.int(20, 120) * SECOND, 'page_viewed', 'web', {
      campaignId: campaign,
      assetId,
      detail: assetPath(spec),
      url: assetUrl(spec),
    });
  }
  if (spec.gated) {
    log.add(at, 'form_submitted', 'web', {
      campaignId: campaign,
      assetId,
      detail: `Form: Download '${spec.title}'`,
      url: assetUrl(spec),
    });
    at += rng.int(3, 20) * SECOND;
  }
  const verb =
    spec.type === 'webinar_recording' || spec.type === 'video'
      ? 'Watched'
      : spec.type === 'roi_calculator'
        ? 'Used'
        : spec.type === 'demo'
          ? 'Viewed'
          : detailPrefix;
  const kept = log.add(at, 'content_downloaded', 'web', {
    campaignId: campaign,
    assetId,
    detail: `${verb}: '${spec.title}'`,
    url: assetUrl(spec),
  });
  if (kept) log.downloaded.add(assetId);
  return kept;
}

/** A browsing session: page views a few seconds to minutes apart. */
export function webSession(
  log: TouchLog,
  rng: Random,
  t: number,
  paths: readonly { path: string; assetId?: string; campaignId?: string }[],
): number {
  let at = t;
  for (const p of paths) {
    const extra: TouchExtra = { detail: p.path, url: SITE + p.path };
    if (p.assetId) extra.assetId = p.assetId;
    if (p.campaignId) extra.campaignId = p.campaignId;
    log.add(at, 'page_viewed', 'web', extra);
    at += rng.int(15, 240) * SECOND;
  }
  return at;
}

export function stageLabel(stage: string): string {
  switch (stage) {
    case 'mql':
      return 'MQL';
    case 'sal':
      return 'SAL';
    case 'sql':
      return 'SQL';
    default:
      return stage.charAt(0).toUpperCase() + stage.slice(1);
  }
}

export function stageChanged(
  log: TouchLog,
  t: number,
  from: string,
  to: string,
  note?: string,
): void {
  const detail = `Stage changed: ${stageLabel(from)} → ${stageLabel(to)}${note ? ` (${note})` : ''}`;
  log.add(t, 'stage_changed', 'system', { detail });
}

/** A human open delay: minutes to a day or two, most within a few hours. */
export function humanOpenDelay(rng: Random): number {
  return 2 * MINUTE + rng.exponential(7 * 60 * MINUTE);
}

export function humanClickDelay(rng: Random): number {
  return rng.int(10, 480) * SECOND;
}
