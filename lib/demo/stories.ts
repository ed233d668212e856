/**
 * The showcase leads' histories. Each tells one story a rep should read at a glance on the
 * CRM page (see SHOWCASE_LEADS); times are offsets from now and fixed relative to it, so
 * "4 pricing views in the last 36 hours" stays true whenever the demo is generated.
 */
import type { LifecycleStage } from '../model';
import { assetSpec, CAMPAIGN, NURTURE_TRACKS, webinar } from './content';
import type { Random } from './random';
import type { ShowcaseLead } from './showcase';
import { DAY, daysAgo, HOUR, hoursAgo, MINUTE, SECOND } from './time';
import {
  download,
  emailTouches,
  humanClickDelay,
  humanOpenDelay,
  stageChanged,
  webSession,
  type EmailBehavior,
  type TouchLog,
} from './touchlog';
import {
  expansionSend,
  inviteSends,
  launchSend,
  newsletterSends,
  nurtureSends,
  type PlannedSend,
} from './touches';

export interface StoryResult {
  stage: LifecycleStage;
  stageChangedAt: number;
  originalSource: string;
}

interface Rates {
  open: number;
  click: number;
  download: number;
}

/** Sends emails with the given response rates; `special` overrides what happens to one send. */
function mail(
  log: TouchLog,
  rng: Random,
  sends: PlannedSend[],
  rates: Rates,
  special: (send: PlannedSend) => EmailBehavior | undefined = () => undefined,
): void {
  for (const send of sends.slice().sort((a, b) => a.t - b.t)) {
    const fixed = special(send);
    if (fixed) {
      emailTouches(log, rng, send, fixed);
      continue;
    }
    const opened = rng.chance(rates.open);
    const clicked = opened && rng.chance(rates.click);
    emailTouches(log, rng, send, {
      openAfter: opened ? humanOpenDelay(rng) : undefined,
      clickAfter: clicked ? humanClickDelay(rng) : undefined,
      download: rng.chance(rates.download),
    });
  }
}

function register(log: TouchLog, campaignId: string, t: number): void {
  log.add(t, 'webinar_registered', 'webinar', {
    campaignId,
    detail: `Registered: ${webinar(campaignId).title}`,
  });
  log.webinars.add(campaignId);
}

function attend(log: TouchLog, rng: Random, campaignId: string, minutes: number): void {
  const w = webinar(campaignId);
  log.add(daysAgo(w.day) + rng.int(0, 6) * MINUTE, 'webinar_attended', 'webinar', {
    campaignId,
    detail: `Attended live: ${w.title} (${Math.min(minutes, w.durationMin)} of ${w.durationMin} min)`,
  });
}

function listAdded(log: TouchLog, t: number, campaignId: string, list: string): void {
  log.add(t, 'list_added', 'system', { campaignId, detail: `Added to list: ${list}` });
}

/** Dana Whitfield: a demand gen director who just became an MQL and keeps looking at pricing. */
function hotPricingSurge(log: TouchLog, rng: Random): StoryResult {
  const join = daysAgo(205);
  log.add(join, 'ad_clicked', 'social', {
    campaignId: CAMPAIGN.paidLinkedin,
    assetId: 'a-ebook-attribution-guide',
    detail: `LinkedIn ad: '${assetSpec('a-ebook-attribution-guide').title}'`,
  });
  download(
    log,
    rng,
    join + 50 * SECOND,
    'a-ebook-attribution-guide',
    CAMPAIGN.paidLinkedin,
    'Downloaded',
    false,
  );
  listAdded(
    log,
    join + 3 * MINUTE,
    CAMPAIGN.nurture,
    'Pipeline Clarity nurture (Demand gen track)',
  );

  const botSend = daysAgo(5);
  const sends = [
    ...nurtureSends(rng, NURTURE_TRACKS.demandGen.assets, join + 2 * DAY, daysAgo(3), (n) =>
      n < 4 ? 7 : 16,
    ),
    ...newsletterSends(join),
    ...inviteSends(join),
    ...launchSend(join),
  ];
  // The comparison email five days ago met her company's new link scanner.
  sends.push({
    kind: 'nurture',
    t: botSend,
    subject: 'A checklist for your next board pipeline review',
    campaignId: CAMPAIGN.nurture,
    path: '/blog/revenue-metrics-your-board-reads',
  });
  mail(log, rng, sends, { open: 0.55, click: 0.25, download: 0.5 }, (send) => {
    if (send.t === botSend) return { bot: true };
    if (send.assetId === 'a-cs-quillon' || send.assetId === 'a-report-q3-benchmarks') {
      return { openAfter: 40 * MINUTE, clickAfter: MINUTE, download: true };
    }
    if (send.campaignId === CAMPAIGN.webDgMetrics) {
      return { openAfter: 2 * HOUR, clickAfter: 30 * SECOND };
    }
    return undefined;
  });

  // Webinar six weeks ago.
  register(log, CAMPAIGN.webDgMetrics, daysAgo(57) + 3 * MINUTE);
  attend(log, rng, CAMPAIGN.webDgMetrics, 44);

  // Occasional visits over the months.
  for (const d of [170, 118, 80, 41, 12]) {
    webSession(log, rng, daysAgo(d) + rng.int(0, 8) * HOUR, [
      { path: '/' },
      {
        path: rng.pick(['/product/attribution', '/blog/why-sales-ignores-your-mqls', '/customers']),
      },
    ]);
  }
  download(log, rng, daysAgo(18), 'a-cmp-pipelinepilot');

  // The surge: pricing twice, again before the MQL, and again this morning.
  webSession(log, rng, hoursAgo(34), [
    { path: '/product/attribution' },
    { path: '/pricing' },
    { path: '/customers/quillon-software', assetId: 'a-cs-quillon' },
    { path: '/pricing' },
  ]);
  webSession(log, rng, hoursAgo(21), [{ path: '/pricing' }, { path: '/security' }]);
  const mql = hoursAgo(20);
  stageChanged(log, mql, 'lead', 'mql', 'score passed 60 after repeated pricing visits');
  webSession(log, rng, hoursAgo(6), [
    { path: '/pricing' },
    { path: '/product/integrations/salesforce' },
  ]);
  return { stage: 'mql', stageChangedAt: mql, originalSource: 'Paid Social' };
}

/** Marcus Oyelaran: a VP Engineering reading the technical track for months; joined a webinar. */
function webinarNurture(log: TouchLog, rng: Random): StoryResult {
  const join = daysAgo(262);
  webSession(log, rng, join - 4 * MINUTE, [
    { path: '/blog' },
    { path: '/product/pipeline-analytics' },
  ]);
  download(log, rng, join, 'a-wp-data-model', CAMPAIGN.contentLibrary);
  listAdded(
    log,
    join + 2 * MINUTE,
    CAMPAIGN.nurture,
    'Pipeline Clarity nurture (Technical evaluator track)',
  );

  const sends = [
    ...nurtureSends(rng, NURTURE_TRACKS.technical.assets, join + 3 * DAY, daysAgo(1), () => 14),
    ...newsletterSends(join),
    ...inviteSends(join),
    ...launchSend(join),
  ];
  mail(log, rng, sends, { open: 0.42, click: 0.15, download: 0.6 }, (send) => {
    if (send.campaignId === CAMPAIGN.webForecasting) {
      return { openAfter: 3 * HOUR, clickAfter: 2 * MINUTE };
    }
    if (send.assetId === 'a-ds-security') {
      return { openAfter: 5 * HOUR, clickAfter: 3 * MINUTE, download: true };
    }
    return undefined;
  });
  for (const d of [230, 171, 122, 77, 35]) {
    webSession(log, rng, daysAgo(d) + rng.int(0, 8) * HOUR, [
      { path: rng.pick(['/security', '/docs/api', '/product/integrations/salesforce']) },
    ]);
  }
  // Registered two and a half weeks ago, attended live two weeks ago, then read the datasheet.
  register(log, CAMPAIGN.webForecasting, daysAgo(18) + 2 * HOUR);
  attend(log, rng, CAMPAIGN.webForecasting, 51);
  download(log, rng, daysAgo(13) + 3 * HOUR, 'a-ds-forecast-copilot', CAMPAIGN.webForecasting);
  return { stage: 'lead', stageChangedAt: join, originalSource: 'Organic Search' };
}

/** Priya Raman: became an MQL 51 hours ago and nobody has called: 3 hours past the SLA. */
function newMqlOverdue(log: TouchLog, rng: Random): StoryResult {
  const join = daysAgo(150);
  webSession(log, rng, join - 5 * MINUTE, [
    { path: '/blog/why-sales-ignores-your-mqls', assetId: 'a-blog-mql-definitions' },
  ]);
  download(log, rng, join, 'a-ebook-attribution-guide', CAMPAIGN.contentLibrary);
  listAdded(
    log,
    join + 2 * MINUTE,
    CAMPAIGN.nurture,
    'Pipeline Clarity nurture (Demand gen track)',
  );
  const sends = [
    ...nurtureSends(rng, NURTURE_TRACKS.demandGen.assets, join + 2 * DAY, daysAgo(4), (n) =>
      n < 4 ? 7 : 14,
    ),
    ...newsletterSends(join),
    ...inviteSends(join),
    ...launchSend(join),
  ];
  mail(log, rng, sends, { open: 0.45, click: 0.2, download: 0.5 }, (send) =>
    send.campaignId === CAMPAIGN.webDgMetrics ? { openAfter: HOUR, clickAfter: MINUTE } : undefined,
  );
  register(log, CAMPAIGN.webDgMetrics, daysAgo(57) + 2 * MINUTE);
  attend(log, rng, CAMPAIGN.webDgMetrics, 38);
  const mql = hoursAgo(51);
  webSession(log, rng, mql - 26 * MINUTE, [{ path: '/pricing' }]);
  download(log, rng, mql - 10 * MINUTE, 'a-roi-calculator', CAMPAIGN.contentLibrary);
  stageChanged(log, mql, 'lead', 'mql', 'ROI calculator after webinar attendance');
  return { stage: 'mql', stageChangedAt: mql, originalSource: 'Organic Search' };
}

/** Tomás Ibarra: a newsletter subscriber with a Gmail address who unsubscribed two months ago. */
function coldUnsubscribed(log: TouchLog, rng: Random): StoryResult {
  const join = daysAgo(340);
  webSession(log, rng, join - 3 * MINUTE, [{ path: '/' }, { path: '/blog' }]);
  log.add(join, 'form_submitted', 'web', {
    campaignId: CAMPAIGN.newsletter,
    detail: 'Form: Newsletter signup',
  });
  listAdded(log, join + MINUTE, CAMPAIGN.newsletter, 'The Revenue Signal subscribers');
  const unsubVia = CAMPAIGN.webDgMetrics;
  const sends = [...newsletterSends(join), ...inviteSends(join)].filter(
    (s) => s.t <= daysAgo(58) + 12 * HOUR,
  );
  let unsubAt = 0;
  mail(log, rng, sends, { open: 0.25, click: 0.1, download: 0.2 }, (send) =>
    send.campaignId === unsubVia ? { openAfter: 20 * HOUR } : undefined,
  );
  const via = sends.find((s) => s.campaignId === unsubVia);
  if (via) {
    const opened = log.items.find((d) => d.type === 'email_opened' && d.campaignId === unsubVia);
    unsubAt = (opened?.t ?? via.t) + 40 * SECOND;
    log.add(unsubAt, 'email_unsubscribed', 'email', {
      campaignId: unsubVia,
      detail: `Unsubscribed from all marketing email via '${via.subject}'`,
    });
    log.suppressEmailAfter(unsubAt);
  }
  webSession(log, rng, daysAgo(200), [{ path: '/blog/forecast-outgrown-spreadsheets' }]);
  return { stage: 'subscriber', stageChangedAt: join, originalSource: 'Direct Traffic' };
}

/** Ingrid Solberg: a CTO whose bank became a customer; now in product and customer programs. */
function customerExpansion(log: TouchLog, rng: Random): StoryResult {
  const join = daysAgo(300);
  log.add(join, 'form_submitted', 'web', { detail: 'Form: Contact us (referred by a partner)' });
  listAdded(
    log,
    join + 2 * MINUTE,
    CAMPAIGN.nurture,
    'Pipeline Clarity nurture (Technical evaluator track)',
  );
  const steps: [LifecycleStage, LifecycleStage, number][] = [
    ['lead', 'mql', daysAgo(296)],
    ['mql', 'sal', daysAgo(295.5)],
    ['sal', 'sql', daysAgo(284)],
    ['sql', 'opportunity', daysAgo(268)],
    ['opportunity', 'customer', daysAgo(150)],
  ];
  log.add(daysAgo(290), 'meeting_booked', 'sales', {
    detail: 'Meeting booked: Discovery call with Elena Petrova (AE)',
  });
  download(log, rng, daysAgo(288), 'a-wp-data-model', CAMPAIGN.contentLibrary);
  log.add(daysAgo(272), 'meeting_booked', 'sales', {
    detail: 'Meeting booked: Architecture review with Elena Petrova and a solutions engineer',
  });
  // A long enterprise cycle: security and procurement reviews as the documents came out.
  download(log, rng, daysAgo(245), 'a-ds-platform');
  download(log, rng, daysAgo(218), 'a-ds-security-questionnaire');
  download(log, rng, daysAgo(198), 'a-ds-security');
  log.add(daysAgo(196), 'meeting_booked', 'sales', {
    detail: 'Meeting booked: Security review with the Acme CISO',
  });
  log.add(daysAgo(170), 'meeting_booked', 'sales', {
    detail: 'Meeting booked: Commercial terms with procurement',
  });
  for (const [from, to, t] of steps) stageChanged(log, t, from, to);
  listAdded(
    log,
    daysAgo(150) + 3 * HOUR,
    CAMPAIGN.expansion,
    'Customers (onboarding and product news)',
  );

  const sends = [
    ...newsletterSends(join),
    ...launchSend(join),
    ...expansionSend(daysAgo(150)),
    ...inviteSends(daysAgo(40)),
  ];
  mail(log, rng, sends, { open: 0.35, click: 0.1, download: 0.3 }, (send) => {
    if (send.kind === 'launch') return { openAfter: 2 * HOUR, clickAfter: MINUTE, download: true };
    if (send.kind === 'expansion')
      return { openAfter: 30 * MINUTE, clickAfter: 2 * MINUTE, download: true };
    return undefined;
  });
  // The customer's team uses the product; Ingrid checks dashboards and connectors.
  for (let d = 146; d > 1; d -= rng.range(7, 16)) {
    const t = daysAgo(d) + rng.int(7, 10) * HOUR;
    log.add(t, 'page_viewed', 'product', {
      detail: 'In-app: /app/dashboards/pipeline',
      url: 'https://app.acme-revenue.example/app/dashboards/pipeline',
    });
    if (rng.chance(0.5)) {
      const path = rng.pick([
        '/app/settings/connectors',
        '/app/forecast',
        '/app/reports/board-pack',
      ]);
      log.add(t + rng.int(1, 9) * MINUTE, 'page_viewed', 'product', {
        detail: `In-app: ${path}`,
        url: `https://app.acme-revenue.example${path}`,
      });
    }
  }
  log.add(daysAgo(100) + 5 * HOUR, 'event_attended', 'event', {
    campaignId: CAMPAIGN.evtLondon,
    detail: 'Revenue Leaders Forum, London: joined our customer dinner',
  });
  log.add(daysAgo(32) + 4 * HOUR, 'event_attended', 'event', {
    campaignId: CAMPAIGN.evtCustomer,
    detail: 'Acme Customer Summit, Oslo: attended the Forecast Copilot roadmap session',
  });
  log.add(daysAgo(31), 'meeting_booked', 'sales', {
    detail: 'Meeting booked: Forecast Copilot add-on scoping with Elena Petrova (AM)',
  });
  return { stage: 'customer', stageChangedAt: daysAgo(150), originalSource: 'Referral' };
}

export function showcaseTouches(log: TouchLog, rng: Random, lead: ShowcaseLead): StoryResult {
  switch (lead.story) {
    case 'hot-pricing-surge':
      return hotPricingSurge(log, rng);
    case 'webinar-nurture':
      return webinarNurture(log, rng);
    case 'new-mql-overdue':
      return newMqlOverdue(log, rng);
    case 'cold-unsubscribed':
      return coldUnsubscribed(log, rng);
    case 'customer-expansion':
      return customerExpansion(log, rng);
  }
}
