import { describe, expect, it } from 'vitest';
import { toSalesforceId18 } from '../../lib/crm/salesforce-id';
import {
  DEMO_SEED,
  generateDemoWorkspace,
  SHOWCASE_LEADS,
  UNKNOWN_SALESFORCE_LEAD,
} from '../../lib/demo';
import { Random } from '../../lib/demo/random';
import { buildTimeline, matchPersona, scoreLead, slaStatus } from '../../lib/engine';
import {
  AssetType,
  CampaignType,
  type Channel,
  type Touch,
  type TouchType,
  WorkspaceBundle,
} from '../../lib/model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A fixed "now" (not a round number of seconds, so nothing relies on alignment). */
const NOW = Date.UTC(2025, 10, 23, 14, 37, 12, 345);

const bundle = generateDemoWorkspace({ now: NOW });
const touchesByLead = new Map<string, Touch[]>();
for (const t of bundle.touches) {
  const list = touchesByLead.get(t.leadKey) ?? [];
  list.push(t);
  touchesByLead.set(t.leadKey, list);
}
const leadByKey = new Map(bundle.leads.map((l) => [l.key, l]));
const touchesOf = (key: string): Touch[] => touchesByLead.get(key) ?? [];

const MARKETING_EMAIL: ReadonlySet<TouchType> = new Set<TouchType>([
  'email_sent',
  'email_delivered',
  'email_opened',
  'email_clicked',
]);

describe('demo workspace: shape', () => {
  it('passes the bundle schema, and parsing changes nothing (defaults are already applied)', () => {
    const parsed = WorkspaceBundle.parse(bundle);
    expect(parsed).toEqual(bundle);
  });

  it('describes the demo workspace, updated 3 hours before now', () => {
    expect(bundle.workspace.id).toBe('demo');
    expect(bundle.workspace.name).toMatch(/demo/i);
    expect(bundle.workspace.updatedAt).toBe(NOW - 3 * HOUR);
    expect(bundle.events).toEqual([]);
  });

  it('meets the minimum counts', () => {
    expect(bundle.personas.length).toBeGreaterThanOrEqual(5);
    expect(bundle.campaigns.length).toBeGreaterThanOrEqual(8);
    expect(bundle.assets.length).toBeGreaterThanOrEqual(40);
    expect(bundle.leads.length).toBeGreaterThanOrEqual(300);
    expect(bundle.touches.length).toBeGreaterThanOrEqual(20_000);
  });

  it('has the agreed personas', () => {
    const names = bundle.personas.map((p) => p.name);
    for (const name of [
      'Demand Gen Leader',
      'Technical Evaluator',
      'Revenue Executive',
      'Marketing Ops Specialist',
      'Finance Approver',
    ]) {
      expect(names).toContain(name);
    }
    const kinds = new Set(bundle.personas.flatMap((p) => p.criteria.map((c) => c.condition.field)));
    expect([...kinds].sort()).toEqual(
      [
        'companySize',
        'department',
        'emailDomain',
        'industry',
        'region',
        'seniority',
        'title',
      ].sort(),
    );
    for (const p of bundle.personas) {
      expect(p.pains.length).toBeGreaterThan(0);
      expect(p.goals.length).toBeGreaterThan(0);
      expect(p.objections.length).toBeGreaterThan(0);
      expect(p.talkingPoints.length).toBeGreaterThan(0);
      expect(p.valueProposition.length).toBeGreaterThan(20);
    }
  });

  it('runs campaigns of every type over the 12 months before now', () => {
    const types = new Set(bundle.campaigns.map((c) => c.type));
    for (const type of CampaignType.options.filter((t) => t !== 'other')) {
      expect(types).toContain(type);
    }
    for (const c of bundle.campaigns) {
      expect(c.startAt).toBeGreaterThanOrEqual(NOW - 365 * DAY);
      expect(c.startAt).toBeLessThanOrEqual(NOW);
      if (c.endAt !== undefined) {
        expect(c.endAt).toBeGreaterThanOrEqual(c.startAt);
        expect(c.endAt).toBeLessThanOrEqual(NOW);
      }
    }
  });

  it('has a content library across stages and types, some expired and some expiring soon', () => {
    const { assets } = bundle;
    for (const stage of ['awareness', 'consideration', 'decision'] as const) {
      expect(assets.filter((a) => a.stages.includes(stage)).length).toBeGreaterThanOrEqual(8);
    }
    const types = new Set(assets.map((a) => a.type));
    expect(types.size).toBeGreaterThanOrEqual(AssetType.options.length - 1);
    for (const a of assets) {
      expect(a.url).toMatch(/^https:\/\/www\.acme-revenue\.example\//);
      expect(a.summary.length).toBeGreaterThan(20);
      expect(a.publishedAt).toBeLessThanOrEqual(NOW);
      expect(a.publishedAt).toBeGreaterThanOrEqual(NOW - 548 * DAY);
    }
    const published = assets.map((a) => a.publishedAt);
    expect(Math.max(...published) - Math.min(...published)).toBeGreaterThan(365 * DAY);
    const expired = assets.filter((a) => a.expiresAt !== undefined && a.expiresAt < NOW);
    const expiring = assets.filter(
      (a) => a.expiresAt !== undefined && a.expiresAt >= NOW && a.expiresAt <= NOW + 14 * DAY,
    );
    expect(expired.length).toBeGreaterThanOrEqual(2);
    expect(expiring.length).toBeGreaterThanOrEqual(2);
    expect(new Set(assets.map((a) => a.id)).size).toBe(assets.length);
    expect(new Set(assets.map((a) => a.url)).size).toBe(assets.length);
  });

  it('has the agreed scoring model and lifecycle', () => {
    const m = bundle.scoringModel;
    expect(m.fit.cap).toBe(100);
    expect(m.engagement.cap).toBe(100);
    expect(m.engagement.halfLifeDays).toBe(30);
    expect(m.thresholds).toEqual({ mql: 60, sql: 90 });
    expect(m.gradeBands).toEqual([
      { grade: 'A', minFit: 80 },
      { grade: 'B', minFit: 60 },
      { grade: 'C', minFit: 40 },
      { grade: 'D', minFit: 20 },
      { grade: 'F', minFit: 0 },
    ]);
    expect(m.competitorDomains.length).toBeGreaterThanOrEqual(2);
    const negatives = Object.fromEntries(m.negative.map((r) => [r.id, r.points]));
    expect(negatives).toMatchObject({
      'neg-unsubscribed': -25,
      'neg-bounced': -10,
      'neg-personal-email': -10,
      'neg-student-email': -30,
      'neg-competitor': -100,
    });
    expect(m.engagement.rules.some((r) => r.urlContains?.includes('/pricing'))).toBe(true);

    const l = bundle.lifecycle;
    expect(l.mqlSlaHours).toBe(48);
    expect(l.stages.map((s) => s.stage)).toEqual([
      'subscriber',
      'lead',
      'mql',
      'sal',
      'sql',
      'opportunity',
      'customer',
      'disqualified',
    ]);
    expect(l.rejectionReasons.map((r) => r.id)).toEqual([
      'not_ready',
      'bad_fit',
      'wrong_persona',
      'no_budget',
      'duplicate',
      'bad_data',
      'competitor',
      'student_or_personal',
    ]);
  });
});

describe('demo workspace: determinism', () => {
  it('gives a deep-equal bundle for the same seed and now', () => {
    expect(generateDemoWorkspace({ seed: DEMO_SEED, now: NOW })).toEqual(bundle);
  });

  it('uses seed 20261123 by default', () => {
    expect(DEMO_SEED).toBe(20261123);
  });

  it('gives different people for a different seed', () => {
    const other = generateDemoWorkspace({ seed: 7, now: NOW });
    expect(WorkspaceBundle.safeParse(other).success).toBe(true);
    expect(other.leads.slice(5).map((l) => l.email)).not.toEqual(
      bundle.leads.slice(5).map((l) => l.email),
    );
    // ... but the same showcase leads.
    expect(other.leads.slice(0, 5).map((l) => l.key)).toEqual([
      'L-0001',
      'L-0002',
      'L-0003',
      'L-0004',
      'L-0005',
    ]);
  });

  it('shifts every time, and only the times, for a different now', () => {
    const delta = 17 * DAY + 5 * HOUR + 123;
    const later = generateDemoWorkspace({ now: NOW + delta });
    expect(later.touches.length).toBe(bundle.touches.length);
    expect(later.leads.length).toBe(bundle.leads.length);
    later.touches.forEach((t, i) => {
      const before = bundle.touches[i]!;
      expect({ ...t, at: t.at - delta }).toEqual(before);
    });
    later.leads.forEach((l, i) => {
      const before = bundle.leads[i]!;
      expect({
        ...l,
        updatedAt: l.updatedAt - delta,
        stageChangedAt: l.stageChangedAt! - delta,
      }).toEqual(before);
    });
    expect(later.workspace.updatedAt - bundle.workspace.updatedAt).toBe(delta);
    later.assets.forEach((a, i) => {
      expect(a.publishedAt - bundle.assets[i]!.publishedAt).toBe(delta);
    });
  });

  it('seeded random numbers are reproducible and in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Random(42).fork('x').next()).not.toBe(new Random(42).fork('y').next());
  });
});

describe('demo workspace: integrity', () => {
  it('every touch refers to an existing lead, campaign and asset', () => {
    const campaigns = new Set(bundle.campaigns.map((c) => c.id));
    const assets = new Set(bundle.assets.map((a) => a.id));
    for (const t of bundle.touches) {
      expect(leadByKey.has(t.leadKey)).toBe(true);
      if (t.campaignId !== undefined) expect(campaigns.has(t.campaignId)).toBe(true);
      if (t.assetId !== undefined) expect(assets.has(t.assetId)).toBe(true);
    }
    const personas = new Set(bundle.personas.map((p) => p.id));
    for (const a of bundle.assets) {
      if (a.campaignId !== undefined) expect(campaigns.has(a.campaignId)).toBe(true);
      for (const p of a.personaIds) expect(personas.has(p)).toBe(true);
    }
    for (const c of bundle.campaigns)
      for (const p of c.personaIds) expect(personas.has(p)).toBe(true);
  });

  it('gives touches unique ids in time order, from the demo source', () => {
    expect(new Set(bundle.touches.map((t) => t.id)).size).toBe(bundle.touches.length);
    for (let i = 1; i < bundle.touches.length; i++) {
      expect(bundle.touches[i]!.at).toBeGreaterThanOrEqual(bundle.touches[i - 1]!.at);
    }
    expect(bundle.touches[0]!.id).toBe('demo:t000001');
    expect(bundle.touches.every((t) => t.source === 'demo')).toBe(true);
  });

  it('keeps every touch within the 12 months before now (none in the future)', () => {
    for (const t of bundle.touches) {
      expect(t.at).toBeLessThanOrEqual(NOW);
      expect(t.at).toBeLessThanOrEqual(bundle.workspace.updatedAt);
      expect(t.at).toBeGreaterThanOrEqual(NOW - 365 * DAY);
    }
    for (const l of bundle.leads) expect(l.updatedAt).toBeLessThanOrEqual(NOW);
  });

  it('links content downloads to an asset and a campaign', () => {
    const downloads = bundle.touches.filter((t) => t.type === 'content_downloaded');
    expect(downloads.length).toBeGreaterThan(300);
    for (const t of downloads) {
      expect(t.assetId).toBeDefined();
      expect(t.campaignId).toBeDefined();
    }
    // Nobody downloads an asset before it was published.
    const published = new Map(bundle.assets.map((a) => [a.id, a.publishedAt]));
    for (const t of bundle.touches) {
      if (t.assetId !== undefined) expect(t.at).toBeGreaterThanOrEqual(published.get(t.assetId)!);
    }
  });

  it('uses a sensible channel for every touch type', () => {
    const allowed: Record<TouchType, Channel[]> = {
      email_sent: ['email'],
      email_delivered: ['email'],
      email_opened: ['email'],
      email_clicked: ['email'],
      email_bounced: ['email'],
      email_unsubscribed: ['email'],
      form_submitted: ['web'],
      page_viewed: ['web', 'product'],
      content_downloaded: ['web'],
      webinar_registered: ['webinar'],
      webinar_attended: ['webinar'],
      event_attended: ['event'],
      ad_clicked: ['paid', 'social'],
      chat: ['chat'],
      meeting_booked: ['sales'],
      trial_signup: ['product'],
      list_added: ['system'],
      score_changed: ['system'],
      stage_changed: ['system'],
    };
    for (const t of bundle.touches) expect(allowed[t.type]).toContain(t.channel);
  });

  it('covers the whole touch vocabulary a marketing platform reports', () => {
    const types = new Set(bundle.touches.map((t) => t.type));
    for (const type of [
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
      'stage_changed',
    ] as const) {
      expect(types).toContain(type);
    }
  });

  it('gives every lead valid, unique Salesforce ids per tenant', () => {
    const seen = new Map<string, Set<string>>();
    for (const lead of bundle.leads) {
      for (const ref of lead.crmRefs) {
        const ids = seen.get(`${ref.crm}|${ref.tenant}`) ?? new Set<string>();
        expect(ids.has(ref.recordId)).toBe(false);
        ids.add(ref.recordId);
        seen.set(`${ref.crm}|${ref.tenant}`, ids);
        if (ref.crm !== 'salesforce') continue;
        expect(ref.recordId).toHaveLength(18);
        expect(toSalesforceId18(ref.recordId)).toBe(ref.recordId);
        expect(ref.recordId.slice(0, 3)).toBe(ref.objectType === 'lead' ? '00Q' : '003');
      }
    }
    for (const lead of bundle.leads.slice(5)) {
      const sf = lead.crmRefs.filter((r) => r.crm === 'salesforce' && r.tenant === 'acme');
      expect(sf).toHaveLength(1);
      expect(lead.sourceSystem).toBe('demo');
      expect(lead.sourceId).toBe(lead.key);
    }
    // The "no history" fixture's id is never given to a demo lead.
    expect(seen.get('salesforce|acme')!.has(UNKNOWN_SALESFORCE_LEAD.recordId)).toBe(false);
    const hubspot = bundle.leads.flatMap((l) =>
      l.crmRefs.filter((r) => r.crm === 'hubspot').map((r) => r),
    );
    expect(hubspot.length).toBeGreaterThan(50);
    for (const r of hubspot) {
      expect(r.tenant).toBe('4512345');
      expect(r.objectType).toBe('contact');
      expect(r.recordId).toMatch(/^\d+$/);
    }
  });

  it('gives every lead a unique email address', () => {
    const emails = bundle.leads.map((l) => l.email!.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(bundle.leads.map((l) => l.key)).size).toBe(bundle.leads.length);
  });

  it('spreads generated leads over stages, sources, regions and industries', () => {
    const count = (f: (l: (typeof bundle.leads)[number]) => string | undefined) => {
      const m = new Map<string, number>();
      for (const l of bundle.leads) m.set(f(l) ?? '', (m.get(f(l) ?? '') ?? 0) + 1);
      return m;
    };
    const stages = count((l) => l.stage);
    expect((stages.get('lead') ?? 0) + (stages.get('subscriber') ?? 0)).toBeGreaterThan(
      bundle.leads.length / 2,
    );
    for (const s of ['mql', 'sal', 'sql', 'opportunity', 'customer', 'disqualified']) {
      expect(stages.get(s) ?? 0).toBeGreaterThan(0);
    }
    expect(count((l) => l.originalSource).size).toBeGreaterThanOrEqual(6);
    expect(count((l) => l.region).size).toBe(4);
    expect(count((l) => l.industry).size).toBeGreaterThanOrEqual(10);
    expect(count((l) => l.title).size).toBeGreaterThan(60);
    for (const l of bundle.leads) {
      expect(l.stageChangedAt).toBeDefined();
      expect(l.stageChangedAt!).toBeLessThanOrEqual(NOW);
    }
  });
});

describe('demo workspace: email behaviour', () => {
  it('flags 1% to 10% of email clicks as bot-suspect (clicked seconds after delivery)', () => {
    const clicks = bundle.touches.filter((t) => t.type === 'email_clicked');
    const bots = clicks.filter((t) => t.botSuspect);
    const share = bots.length / clicks.length;
    expect(share).toBeGreaterThanOrEqual(0.01);
    expect(share).toBeLessThanOrEqual(0.1);
    for (const bot of bots) {
      const delivered = touchesOf(bot.leadKey).filter(
        (t) =>
          t.type === 'email_delivered' &&
          t.campaignId === bot.campaignId &&
          t.at <= bot.at &&
          bot.at - t.at <= 10_000,
      );
      expect(delivered.length).toBeGreaterThan(0);
    }
  });

  it('sends no marketing email to a lead after it unsubscribed or bounced', () => {
    let stopped = 0;
    for (const [key, touches] of touchesByLead) {
      const stop = touches.find(
        (t) => t.type === 'email_unsubscribed' || t.type === 'email_bounced',
      );
      if (!stop) continue;
      stopped++;
      const later = touches.filter((t) => MARKETING_EMAIL.has(t.type) && t.at > stop.at);
      expect(later, key).toEqual([]);
    }
    expect(stopped).toBeGreaterThan(3);
    const unsubscribed = bundle.touches.filter((t) => t.type === 'email_unsubscribed').length;
    expect(unsubscribed / bundle.leads.length).toBeGreaterThan(0.01);
    expect(unsubscribed / bundle.leads.length).toBeLessThan(0.05);
  });

  it('opens fewer emails than it delivers and clicks fewer than it opens', () => {
    const n = (type: TouchType) => bundle.touches.filter((t) => t.type === type).length;
    expect(n('email_delivered')).toBeLessThanOrEqual(n('email_sent'));
    expect(n('email_opened')).toBeLessThan(n('email_delivered') * 0.5);
    expect(n('email_clicked')).toBeLessThan(n('email_opened') * 0.5);
    expect(n('webinar_attended')).toBeLessThan(n('webinar_registered'));
  });
});

describe('demo workspace: showcase leads', () => {
  it('come first, with their exact identities', () => {
    SHOWCASE_LEADS.forEach((s, i) => {
      const lead = bundle.leads[i]!;
      expect(lead).toMatchObject({
        key: s.key,
        firstName: s.firstName,
        lastName: s.lastName,
        email: s.email,
        company: s.company,
        title: s.title,
        phone: s.phone,
        industry: s.industry,
        companySize: s.companySize,
        country: s.country,
        region: s.region,
      });
      expect(lead.crmRefs).toEqual(s.crmRefs);
    });
  });

  it('each have 30 to 120 touches', () => {
    for (const s of SHOWCASE_LEADS) {
      const n = touchesOf(s.key).length;
      expect(n, s.key).toBeGreaterThanOrEqual(30);
      expect(n, s.key).toBeLessThanOrEqual(120);
    }
  });

  it('match the personas their stories are about', () => {
    const top = (key: string) =>
      matchPersona(leadByKey.get(key)!, bundle.personas, bundle.scoringModel.competitorDomains);
    const dana = top('L-0001');
    expect(dana.top?.personaName).toBe('Demand Gen Leader');
    expect(dana.top!.percent - dana.runnerUp!.percent).toBeGreaterThanOrEqual(30);
    expect(top('L-0002').top?.personaName).toBe('Technical Evaluator');
    expect(top('L-0003').top?.personaName).toBe('Demand Gen Leader');
    expect(top('L-0005').top?.personaName).toBe('Technical Evaluator');
  });

  it('L-0001: an MQL since ~20 h with a pricing surge, scored between MQL and SQL', () => {
    const lead = leadByKey.get('L-0001')!;
    const touches = touchesOf('L-0001');
    expect(lead.stage).toBe('mql');
    expect(NOW - lead.stageChangedAt!).toBeGreaterThanOrEqual(18 * HOUR);
    expect(NOW - lead.stageChangedAt!).toBeLessThanOrEqual(22 * HOUR);
    const pricing = touches.filter(
      (t) =>
        t.type === 'page_viewed' &&
        t.at >= NOW - 48 * HOUR &&
        (t.detail === '/pricing' || t.url === 'https://www.acme-revenue.example/pricing'),
    );
    expect(pricing.length).toBeGreaterThanOrEqual(3);
    expect(pricing.filter((t) => t.at >= NOW - 36 * HOUR)).toHaveLength(4);
    expect(touches.some((t) => t.type === 'webinar_attended')).toBe(true);
    expect(touches.filter((t) => t.type === 'content_downloaded').length).toBeGreaterThanOrEqual(3);
    expect(touches.some((t) => t.botSuspect && t.type === 'email_clicked')).toBe(true);
    expect(touches.some((t) => t.type === 'stage_changed' && t.at === lead.stageChangedAt)).toBe(
      true,
    );

    const score = scoreLead({
      lead,
      touches,
      assets: new Map(bundle.assets.map((a) => [a.id, a])),
      model: bundle.scoringModel,
      now: NOW,
    });
    expect(score.total).toBeGreaterThan(60);
    expect(score.total).toBeLessThan(90);
    expect(score.contributions.some((c) => c.ruleId === 'eng-pricing-page')).toBe(true);

    const timeline = buildTimeline(touches, { now: NOW });
    expect(timeline.surges.some((s) => s.kind === 'pricing')).toBe(true);
  });

  it('L-0002: a contact in nurture for months who attended a webinar two weeks ago', () => {
    const lead = leadByKey.get('L-0002')!;
    const touches = touchesOf('L-0002');
    expect(lead.stage).toBe('lead');
    expect(lead.crmRefs[0]!.objectType).toBe('contact');
    const nurture = touches.filter(
      (t) => t.type === 'email_sent' && t.campaignId === 'c-nurture-pipeline-clarity',
    );
    expect(nurture.length).toBeGreaterThanOrEqual(6);
    expect(nurture[nurture.length - 1]!.at - nurture[0]!.at).toBeGreaterThan(90 * DAY);
    const attended = touches.filter((t) => t.type === 'webinar_attended');
    expect(attended).toHaveLength(1);
    expect(Math.abs(NOW - attended[0]!.at - 14 * DAY)).toBeLessThan(DAY);
    const registered = touches.find(
      (t) => t.type === 'webinar_registered' && t.campaignId === attended[0]!.campaignId,
    );
    expect(registered!.at).toBeLessThan(attended[0]!.at);
  });

  it('L-0003: became an MQL exactly 51 hours ago and is 3 hours past the 48 h SLA', () => {
    const lead = leadByKey.get('L-0003')!;
    expect(lead.stage).toBe('mql');
    expect(lead.stageChangedAt).toBe(NOW - 51 * HOUR);
    const sla = slaStatus({ lead, lifecycle: bundle.lifecycle, now: NOW });
    expect(sla.overdue).toBe(true);
    expect(NOW - sla.dueAt!).toBe(3 * HOUR);
  });

  it('L-0004: a personal address that unsubscribed about two months ago', () => {
    const touches = touchesOf('L-0004');
    const unsub = touches.filter((t) => t.type === 'email_unsubscribed');
    expect(unsub).toHaveLength(1);
    const ago = NOW - unsub[0]!.at;
    expect(ago).toBeGreaterThan(50 * DAY);
    expect(ago).toBeLessThan(70 * DAY);
    expect(touches.filter((t) => t.at > unsub[0]!.at && t.channel === 'email')).toEqual([]);
  });

  it('L-0005: a customer with product and event touches', () => {
    const lead = leadByKey.get('L-0005')!;
    const touches = touchesOf('L-0005');
    expect(lead.stage).toBe('customer');
    expect(touches.filter((t) => t.channel === 'product').length).toBeGreaterThan(5);
    expect(touches.filter((t) => t.type === 'event_attended').length).toBeGreaterThanOrEqual(1);
    expect(touches.filter((t) => t.type === 'stage_changed').map((t) => t.detail)).toContain(
      'Stage changed: Opportunity → Customer',
    );
  });
});
