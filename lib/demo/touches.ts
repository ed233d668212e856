/**
 * The marketing history of a generated lead, from its plan: acquisition, list membership,
 * nurture and newsletter email, webinar invitations and attendance, events, ads, web visits,
 * downloads, hand-raises around the MQL, sales meetings, stage changes, bots, unsubscribes
 * and bounces.
 */
import type { LifecycleStage } from '../model';
import {
  ASSETS,
  assetAvailable,
  assetSpec,
  CAMPAIGN,
  EVENTS,
  EXPANSION_EMAIL,
  LAUNCH_EMAIL,
  NEWSLETTER_ISSUES,
  NURTURE_TRACKS,
  PAGES,
  webinar,
  WEBINARS,
} from './content';
import type { LeadPlan } from './leads';
import { SALES_REPS } from './people';
import type { Random } from './random';
import { DAY, daysAgo, HOUR, MINUTE, SECOND } from './time';
import {
  download,
  emailTouches,
  humanClickDelay,
  humanOpenDelay,
  stageChanged,
  webSession,
  type EmailSend,
  type TouchLog,
} from './touchlog';

/** Share of delivered emails a scanning mail gateway clicks (tuned for ~4% bot clicks). */
const BOT_CLICK_RATE = 0.018;

const SEARCH_KEYWORDS = [
  'revenue analytics software',
  'marketing attribution tool',
  'pipeline forecasting',
  'b2b funnel reporting',
  'salesforce pipeline dashboard',
];

const CHAT_QUESTIONS = [
  'asked whether Acme supports HubSpot custom objects',
  'asked about pricing for 25 seats',
  'asked if there is an EU data region',
  'asked how long implementation takes',
  'asked for a demo next week',
  'asked how attribution handles offline events',
  'asked whether Snowflake is supported',
];

const IN_APP_PAGES = [
  '/app/dashboards/pipeline',
  '/app/attribution',
  '/app/forecast',
  '/app/settings/connectors',
  '/app/reports/board-pack',
];

const GATED = ASSETS.filter((a) => a.gated && a.type !== 'webinar_recording');
const DECISION = ASSETS.filter(
  (a) => a.stages.includes('decision') && a.type !== 'pricing' && a.expires === undefined,
);

function stageAt(plan: LeadPlan, t: number): LifecycleStage {
  let stage: LifecycleStage = plan.history[0]?.stage ?? 'lead';
  for (const s of plan.history) if (s.t <= t) stage = s.stage;
  return stage;
}

function firstTimeIn(plan: LeadPlan, stages: LifecycleStage[]): number | undefined {
  return plan.history.find((s) => stages.includes(s.stage))?.t;
}

/** Pages one visit looks at: distinct pages, weighted by popularity and (for hot leads) intent. */
function browse(log: TouchLog, rng: Random, t: number, count: number, intentBoost: number): void {
  const candidates = PAGES.filter(
    (p) =>
      (p.since === undefined || t >= daysAgo(p.since)) &&
      (!p.assetId || assetAvailable(assetSpec(p.assetId), t)),
  );
  const paths: { path: string; assetId?: string }[] = [];
  for (let i = 0; i < count && candidates.length; i++) {
    const page = rng.weighted(
      candidates.map((p) => [p, p.weight * (1 + p.intent * intentBoost)] as const),
    );
    candidates.splice(candidates.indexOf(page), 1);
    paths.push(page.assetId ? { path: page.path, assetId: page.assetId } : { path: page.path });
  }
  webSession(log, rng, t, paths);
}

function availableGated(t: number, rng: Random): string | undefined {
  const options = GATED.filter((a) => assetAvailable(a, t));
  return options.length ? rng.pick(options).id : undefined;
}

/** How the lead first showed up. */
function acquisitionTouches(log: TouchLog, rng: Random, plan: LeadPlan): void {
  const t = plan.join;
  const subscriberOnly = plan.history[0]?.stage === 'subscriber';
  const { source, campaignId } = plan.acquisition;
  switch (source) {
    case 'Paid Search': {
      log.add(t, 'ad_clicked', 'paid', {
        campaignId,
        detail: `Google Ads: '${rng.pick(SEARCH_KEYWORDS)}'`,
        url: 'https://www.acme-revenue.example/lp/revenue-analytics',
      });
      webSession(log, rng, t + 3 * SECOND, [{ path: '/lp/revenue-analytics', campaignId }]);
      const asset = availableGated(t, rng);
      if (asset && rng.chance(0.7)) download(log, rng, t + 2 * MINUTE, asset, campaignId);
      else
        log.add(t + 2 * MINUTE, 'form_submitted', 'web', {
          campaignId,
          detail: 'Form: Request a demo',
        });
      break;
    }
    case 'Paid Social': {
      const assetId = rng.chance(0.65) ? 'a-ebook-forecast-methods' : 'a-ebook-attribution-guide';
      log.add(t, 'ad_clicked', 'social', {
        campaignId,
        assetId,
        detail: `LinkedIn ad: '${assetSpec(assetId).title}'`,
      });
      // LinkedIn lead gen form: submitted on LinkedIn, no visit to our site.
      download(log, rng, t + rng.int(20, 90) * SECOND, assetId, campaignId, 'Downloaded', false);
      break;
    }
    case 'Content Syndication':
      download(
        log,
        rng,
        t,
        'a-report-pipeline-benchmarks',
        campaignId,
        'Downloaded via syndication partner',
        false,
      );
      break;
    case 'Webinar': {
      if (campaignId) {
        const w = webinar(campaignId);
        log.add(t, 'webinar_registered', 'webinar', {
          campaignId,
          detail: `Registered: ${w.title}`,
        });
      }
      break;
    }
    case 'Event': {
      const e = EVENTS.find((x) => x.campaignId === campaignId);
      if (e) log.add(t, 'event_attended', 'event', { campaignId, detail: e.label });
      break;
    }
    case 'Free Trial':
      webSession(log, rng, t - 4 * MINUTE, [{ path: '/pricing' }, { path: '/signup' }]);
      log.add(t, 'trial_signup', 'product', {
        campaignId,
        detail: `Started a 14-day free trial (workspace "${plan.company}")`,
      });
      break;
    case 'Referral':
      webSession(log, rng, t - 3 * MINUTE, [
        { path: '/' },
        { path: '/product/pipeline-analytics' },
      ]);
      log.add(t, 'form_submitted', 'web', { detail: 'Form: Contact us (referred by a partner)' });
      break;
    case 'Direct Traffic':
      webSession(log, rng, t - 2 * MINUTE, [{ path: '/' }]);
      log.add(t, 'form_submitted', 'web', {
        campaignId: CAMPAIGN.newsletter,
        detail: 'Form: Newsletter signup',
      });
      break;
    default: {
      // Organic search: lands on a blog post, then signs up or downloads something.
      const blog = ASSETS.filter((a) => a.type === 'blog_post' && assetAvailable(a, t));
      const landing = blog.length ? rng.pick(blog) : undefined;
      webSession(log, rng, t - 3 * MINUTE, [
        landing ? { path: `/blog/${landing.slug}`, assetId: landing.id } : { path: '/blog' },
      ]);
      const asset = availableGated(t, rng);
      if (!subscriberOnly && asset) download(log, rng, t, asset, CAMPAIGN.contentLibrary);
      else
        log.add(t, 'form_submitted', 'web', {
          campaignId: CAMPAIGN.newsletter,
          detail: 'Form: Newsletter signup',
        });
    }
  }
  log.add(t + rng.int(1, 5) * MINUTE, 'list_added', 'system', {
    campaignId: CAMPAIGN.newsletter,
    detail: 'Added to list: The Revenue Signal subscribers',
  });
  if (!subscriberOnly) {
    log.add(t + rng.int(6, 30) * MINUTE, 'list_added', 'system', {
      campaignId: CAMPAIGN.nurture,
      detail: `Added to list: Pipeline Clarity nurture (${NURTURE_TRACKS[plan.track].name})`,
    });
  }
}

export interface PlannedSend extends EmailSend {
  kind: 'nurture' | 'newsletter' | 'invite' | 'launch' | 'expansion';
}

/** Newsletter issues sent after `since`. */
export function newsletterSends(since: number): PlannedSend[] {
  const sends: PlannedSend[] = [];
  for (const issue of NEWSLETTER_ISSUES) {
    const t = daysAgo(issue.day) + 9 * HOUR;
    if (t <= since) continue;
    sends.push({
      kind: 'newsletter',
      t,
      subject: `The Revenue Signal: ${issue.topic}`,
      campaignId: CAMPAIGN.newsletter,
      assetId: issue.assetId,
    });
  }
  return sends;
}

/** Webinar invitations (16 days before each webinar) sent after `since`. */
export function inviteSends(since: number): PlannedSend[] {
  const sends: PlannedSend[] = [];
  for (const w of WEBINARS) {
    const t = daysAgo(w.day + 16) + 10 * HOUR;
    if (t <= since) continue;
    sends.push({
      kind: 'invite',
      t,
      subject: `You're invited: ${w.title} (live webinar)`,
      campaignId: w.campaignId,
      path: `/webinars/${w.campaignId.replace(/^c-webinar-/, '')}`,
    });
  }
  return sends;
}

export function launchSend(since: number): PlannedSend[] {
  const t = daysAgo(LAUNCH_EMAIL.day) + 8 * HOUR;
  if (t <= since) return [];
  return [
    {
      kind: 'launch',
      t,
      subject: LAUNCH_EMAIL.subject,
      campaignId: CAMPAIGN.launch,
      assetId: LAUNCH_EMAIL.assetId,
    },
  ];
}

export function expansionSend(customerSince: number | undefined): PlannedSend[] {
  const t = daysAgo(EXPANSION_EMAIL.day) + 8 * HOUR;
  if (customerSince === undefined || customerSince >= t) return [];
  return [
    {
      kind: 'expansion',
      t,
      subject: EXPANSION_EMAIL.subject,
      campaignId: CAMPAIGN.expansion,
      assetId: EXPANSION_EMAIL.assetId,
    },
  ];
}

/**
 * Persona nurture: one email per asset of the track, in order, skipping assets not yet
 * published (they come later). `cadenceDays(n)` is the wait after the n-th email.
 */
export function nurtureSends(
  rng: Random,
  assets: readonly string[],
  start: number,
  stop: number,
  cadenceDays: (sent: number) => number,
): PlannedSend[] {
  const sends: PlannedSend[] = [];
  const pending = assets.slice();
  const end = Math.min(stop, 0);
  let t = start;
  let sent = 0;
  while (pending.length && t < end) {
    const idx = pending.findIndex((id) => assetAvailable(assetSpec(id), t));
    if (idx >= 0) {
      const id = pending.splice(idx, 1)[0] as string;
      sends.push({
        kind: 'nurture',
        t,
        subject: assetSpec(id).subject,
        campaignId: CAMPAIGN.nurture,
        assetId: id,
      });
      sent++;
    }
    t += Math.round(cadenceDays(sent) * DAY + rng.range(-4, 4) * HOUR);
  }
  return sends;
}

/** Every marketing email the lead would get, in time order (before unsubscribes). */
function planSends(rng: Random, plan: LeadPlan, nurtureStop: number): PlannedSend[] {
  const sends: PlannedSend[] = [
    ...newsletterSends(plan.join),
    ...inviteSends(plan.join),
    ...launchSend(plan.join),
    ...expansionSend(firstTimeIn(plan, ['customer'])),
  ];
  // Weekly for the first four emails, then every two weeks, while marketing owns the lead
  // (stops at SQL and at disqualification).
  const nurtureStart = firstTimeIn(plan, ['lead']);
  if (nurtureStart !== undefined) {
    sends.push(
      ...nurtureSends(
        rng,
        NURTURE_TRACKS[plan.track].assets,
        nurtureStart + Math.round(rng.range(1, 3) * DAY),
        nurtureStop,
        (sent) => (sent < 4 ? 7 : 14),
      ),
    );
  }
  sends.sort((a, b) => a.t - b.t);
  return sends;
}

function emailStream(log: TouchLog, rng: Random, plan: LeadPlan, nurtureStop: number): void {
  const sends = planSends(rng, plan, nurtureStop);
  const e = plan.engagement;
  const openP = 0.06 + 0.5 * e;
  const clickP = 0.08 + 0.3 * e;
  // Unsubscribes and hard bounces happen part-way through the stream.
  const stopAt =
    plan.willBounce && sends.length > 2
      ? rng.int(1, sends.length - 1)
      : plan.willUnsubscribe && sends.length > 4
        ? rng.int(3, sends.length - 1)
        : -1;
  for (let i = 0; i < sends.length; i++) {
    const send = sends[i] as PlannedSend;
    if (i === stopAt && plan.willBounce) {
      const quoted = `'${send.subject}'`;
      log.add(send.t, 'email_sent', 'email', {
        campaignId: send.campaignId,
        assetId: send.assetId,
        detail: `Sent: ${quoted}`,
      });
      log.add(send.t + rng.int(2, 60) * SECOND, 'email_bounced', 'email', {
        campaignId: send.campaignId,
        detail: `Bounced (hard): mailbox does not exist, ${quoted}`,
      });
      log.suppressEmailAfter(send.t + 60 * SECOND);
      return;
    }
    if (i === stopAt) {
      // Opens the email and clicks "unsubscribe from all".
      const r = emailTouches(log, rng, send, { openAfter: humanOpenDelay(rng) });
      const at = (r.opened ?? r.delivered) + rng.int(5, 120) * SECOND;
      log.add(at, 'email_unsubscribed', 'email', {
        campaignId: send.campaignId,
        detail: `Unsubscribed from all marketing email via '${send.subject}'`,
      });
      log.suppressEmailAfter(at);
      return;
    }
    const opened = rng.chance(send.kind === 'newsletter' ? openP * 0.8 : openP);
    const clicked = opened && rng.chance(send.kind === 'invite' ? clickP * 1.5 : clickP);
    const result = emailTouches(log, rng, send, {
      openAfter: opened ? humanOpenDelay(rng) : undefined,
      clickAfter: clicked ? humanClickDelay(rng) : undefined,
      bot: plan.scanner && rng.chance(BOT_CLICK_RATE),
      download: rng.chance(0.5 + 0.3 * e),
    });
    if (send.kind === 'invite' && result.clicked !== undefined) {
      const w = WEBINARS.find((x) => x.campaignId === send.campaignId);
      if (w && rng.chance(0.55))
        registerWebinar(log, rng, plan, w.campaignId, result.clicked + MINUTE);
    }
  }
}

function registerWebinar(
  log: TouchLog,
  rng: Random,
  plan: LeadPlan,
  campaignId: string,
  t: number,
): void {
  if (log.webinars.has(campaignId)) return;
  const w = webinar(campaignId);
  const live = daysAgo(w.day);
  if (t >= live) return;
  log.webinars.add(campaignId);
  log.add(t, 'webinar_registered', 'webinar', { campaignId, detail: `Registered: ${w.title}` });
  attendWebinar(log, rng, plan, campaignId);
}

function attendWebinar(log: TouchLog, rng: Random, plan: LeadPlan, campaignId: string): void {
  const w = webinar(campaignId);
  const live = daysAgo(w.day);
  if (rng.chance(0.3 + 0.2 * plan.engagement)) {
    const minutes = Math.min(w.durationMin, rng.int(12, w.durationMin + 5));
    log.add(live + rng.int(0, 9) * MINUTE, 'webinar_attended', 'webinar', {
      campaignId,
      detail: `Attended live: ${w.title} (${minutes} of ${w.durationMin} min)`,
    });
  } else if (rng.chance(0.3)) {
    download(log, rng, live + Math.round(rng.range(1, 20) * DAY), w.recordingId, campaignId);
  }
}

/** Webinars and events the lead joins on their own (not from an invitation click). */
function programs(log: TouchLog, rng: Random, plan: LeadPlan): void {
  const e = plan.engagement;
  if (plan.acquisition.source === 'Webinar' && plan.acquisition.campaignId) {
    log.webinars.add(plan.acquisition.campaignId);
    attendWebinar(log, rng, plan, plan.acquisition.campaignId);
  }
  for (const w of WEBINARS) {
    const live = daysAgo(w.day);
    if (plan.join > live - DAY) continue;
    if (rng.chance(0.02 + 0.12 * e)) {
      const t = live - Math.round(rng.range(0.1, 14) * DAY);
      if (t > plan.join) registerWebinar(log, rng, plan, w.campaignId, t);
    }
  }
  for (const ev of EVENTS) {
    if (ev.campaignId === plan.acquisition.campaignId) continue;
    const start = daysAgo(ev.day);
    if (plan.join > start) continue;
    const isCustomer = stageAt(plan, start) === 'customer';
    const p = ev.customersOnly
      ? isCustomer
        ? 0.35
        : 0
      : ev.regions.includes(plan.region)
        ? 0.03 + 0.12 * e
        : 0;
    if (rng.chance(p)) {
      const t = start + Math.round(rng.range(0, ev.days) * DAY) + rng.int(1, 8) * HOUR;
      log.add(t, 'event_attended', 'event', { campaignId: ev.campaignId, detail: ev.label });
    }
  }
}

/** Ads, website visits, chats, trials over the lead's life. */
function webActivity(log: TouchLog, rng: Random, plan: LeadPlan): void {
  const e = plan.engagement;
  const start = Math.max(plan.join, log.from);
  const customerSince = firstTimeIn(plan, ['customer']);
  const end = log.cutoff;
  const perMonth = 0.15 + 2.2 * Math.pow(e, 1.3);
  let t = start + Math.round(rng.exponential((30 / perMonth) * DAY));
  while (t < end) {
    if (customerSince !== undefined && t > customerSince) {
      // Customers log in to the product instead of browsing the website.
      const count = 1 + rng.poisson(1.5);
      let at = t;
      for (let i = 0; i < count; i++) {
        const path = rng.pick(IN_APP_PAGES);
        log.add(at, 'page_viewed', 'product', {
          detail: `In-app: ${path}`,
          url: `https://app.acme-revenue.example${path}`,
        });
        at += rng.int(30, 600) * SECOND;
      }
    } else {
      const mqlAt = firstTimeIn(plan, ['mql']);
      const nearMql = mqlAt !== undefined && t < mqlAt && mqlAt - t < 21 * DAY;
      browse(log, rng, t, 1 + rng.poisson(0.6 + 1.2 * e), e * 0.4 + (nearMql ? 1.5 : 0));
      if (rng.chance(0.06 + 0.1 * e)) {
        const asset = availableGated(t, rng);
        if (asset) download(log, rng, t + 4 * MINUTE, asset, CAMPAIGN.contentLibrary);
      }
    }
    t += Math.round(rng.exponential((30 / perMonth) * DAY));
  }
  // Ads: retargeting clicks and the financial-services ABM program.
  if (rng.chance(0.06 + 0.1 * e)) {
    const at = Math.round(rng.range(daysAgo(240), daysAgo(1)));
    if (at > plan.join) {
      log.add(at, 'ad_clicked', 'paid', {
        campaignId: CAMPAIGN.paidSearch,
        detail: `Google Ads: '${rng.pick(SEARCH_KEYWORDS)}'`,
        url: 'https://www.acme-revenue.example/lp/revenue-analytics',
      });
    }
  }
  const fsi = ['Financial Services', 'Fintech', 'Insurance'].includes(plan.industry);
  if (fsi && plan.companySize >= 1000 && rng.chance(0.55)) {
    const at = Math.round(rng.range(daysAgo(180), daysAgo(1)));
    if (at > plan.join) {
      const banco = assetSpec('a-cs-banco-austral');
      const assetId = assetAvailable(banco, at) ? banco.id : undefined;
      log.add(at, 'ad_clicked', 'paid', {
        campaignId: CAMPAIGN.abmFsi,
        assetId,
        detail: assetId
          ? `Display ad (ABM): '${banco.title}'`
          : 'Display ad (ABM): governed revenue metrics for banks',
      });
      if (assetId) download(log, rng, at + MINUTE, assetId, CAMPAIGN.abmFsi, 'Read');
    }
  }
  if (rng.chance(0.03 + 0.08 * e)) {
    const at = Math.round(rng.range(start, end));
    log.add(at, 'chat', 'chat', { detail: `Chat: ${rng.pick(CHAT_QUESTIONS)}` });
  }
  if (plan.acquisition.source !== 'Free Trial' && rng.chance(0.02)) {
    const at = Math.round(rng.range(start, end));
    if (customerSince === undefined || at < customerSince) {
      log.add(at, 'trial_signup', 'product', {
        campaignId: CAMPAIGN.trial,
        detail: `Started a 14-day free trial (workspace "${plan.company}")`,
      });
    }
  }
}

/** Stage changes, the hand-raise that made the MQL, and sales meetings. */
function funnel(log: TouchLog, rng: Random, plan: LeadPlan): void {
  const rep = rng.pick(SALES_REPS);
  for (let i = 1; i < plan.history.length; i++) {
    const prev = plan.history[i - 1]!;
    const step = plan.history[i]!;
    const t = step.t;
    if (step.stage === 'lead' && prev.stage === 'subscriber') {
      const asset = availableGated(t, rng);
      if (asset) download(log, rng, t - 2 * MINUTE, asset, CAMPAIGN.contentLibrary);
      log.add(t + MINUTE, 'list_added', 'system', {
        campaignId: CAMPAIGN.nurture,
        detail: `Added to list: Pipeline Clarity nurture (${NURTURE_TRACKS[plan.track].name})`,
      });
    }
    if (step.stage === 'mql') {
      // What tipped them over: pricing visits and, often, a hand-raise.
      browse(log, rng, t - Math.round(rng.range(4, 60) * HOUR), 2, 6);
      const r = rng.next();
      if (r < 0.35) {
        log.add(t - rng.int(2, 30) * MINUTE, 'form_submitted', 'web', {
          detail: rng.pick([
            'Form: Request a demo',
            'Form: Contact sales',
            'Form: Talk to an expert',
          ]),
        });
      } else if (r < 0.5) {
        log.add(t - rng.int(2, 30) * MINUTE, 'chat', 'chat', {
          detail: `Chat: ${rng.pick(CHAT_QUESTIONS)}`,
        });
      } else if (r < 0.85) {
        const options = DECISION.filter((a) => assetAvailable(a, t));
        if (options.length) download(log, rng, t - rng.int(2, 30) * MINUTE, rng.pick(options).id);
      }
    }
    if (step.stage === 'sql') {
      const meeting = prev.t + Math.round((t - prev.t) * rng.range(0.1, 0.6));
      log.add(meeting, 'meeting_booked', 'sales', {
        detail: `Meeting booked: Discovery call with ${rep} (AE)`,
      });
    }
    if (step.stage === 'opportunity') {
      const meeting = prev.t + Math.round((t - prev.t) * rng.range(0.2, 0.8));
      log.add(meeting, 'meeting_booked', 'sales', {
        detail: `Meeting booked: Product demo with ${rep} and a solutions engineer`,
      });
    }
    if (step.stage === 'customer') {
      log.add(t + rng.int(1, 6) * HOUR, 'list_added', 'system', {
        campaignId: CAMPAIGN.expansion,
        detail: 'Added to list: Customers (onboarding and product news)',
      });
    }
    stageChanged(log, t, prev.stage, step.stage, step.note);
  }
}

/** All touches of one generated lead. */
export function generatedLeadTouches(log: TouchLog, rng: Random, plan: LeadPlan): void {
  acquisitionTouches(log, rng.fork('acquisition'), plan);
  funnel(log, rng.fork('funnel'), plan);
  programs(log, rng.fork('programs'), plan);
  webActivity(log, rng.fork('web'), plan);
  // Marketing nurture stops once sales owns the lead or it was disqualified.
  const nurtureStop =
    firstTimeIn(plan, ['sql', 'opportunity', 'customer', 'disqualified']) ??
    Number.POSITIVE_INFINITY;
  emailStream(log, rng.fork('email'), plan, nurtureStop);
}
