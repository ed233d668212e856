/**
 * The deterministic demo workspace: a fictional vendor's marketing definitions, content, leads
 * and a year of touches, generated in the extension on first install. Same seed and `now` give
 * the same bundle; another `now` shifts every time and changes nothing else.
 *
 * Pure: no browser or Node APIs, no Math.random, no clock reads except the `now` default.
 */
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Lead,
  type Touch,
  type WorkspaceBundle,
} from '../model';
import { buildAssets, buildCampaigns } from './content';
import { demoLifecycle, demoPersonas, demoScoringModel } from './definitions';
import { generateLeadPlans, type LeadPlan } from './leads';
import { Random } from './random';
import { SHOWCASE_LEADS, type ShowcaseLead } from './showcase';
import { showcaseTouches } from './stories';
import { DATA_AGE, WINDOW } from './time';
import { generatedLeadTouches } from './touches';
import { TouchLog, type DraftTouch } from './touchlog';

export const DEMO_SEED = 20261123;
export const DEMO_WORKSPACE_ID = 'demo';
/** Generated leads besides the showcase ones. */
export const DEMO_GENERATED_LEADS = 375;

export interface DemoOptions {
  seed?: number;
  /** Epoch ms the demo is relative to (default: the current time). */
  now?: number;
}

export { SHOWCASE_LEADS, UNKNOWN_SALESFORCE_LEAD } from './showcase';

function showcaseLead(s: ShowcaseLead): Omit<Lead, 'stage' | 'updatedAt'> {
  return {
    key: s.key,
    email: s.email,
    firstName: s.firstName,
    lastName: s.lastName,
    company: s.company,
    title: s.title,
    phone: s.phone,
    industry: s.industry,
    companySize: s.companySize,
    country: s.country,
    region: s.region,
    crmRefs: s.crmRefs.map((r) => ({ ...r })),
  };
}

function generatedLead(p: LeadPlan): Omit<Lead, 'stage' | 'updatedAt'> {
  const lead: Omit<Lead, 'stage' | 'updatedAt'> = {
    key: p.key,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    company: p.company,
    title: p.title,
    industry: p.industry,
    companySize: p.companySize,
    country: p.country,
    region: p.region,
    crmRefs: p.crmRefs,
  };
  if (p.phone) lead.phone = p.phone;
  return lead;
}

export function generateDemoWorkspace(opts: DemoOptions = {}): WorkspaceBundle {
  const seed = opts.seed ?? DEMO_SEED;
  const now = Math.round(opts.now ?? Date.now());
  const root = new Random(seed);
  const cutoff = -DATA_AGE;
  const from = -WINDOW;

  const leads: Lead[] = [];
  const logs: TouchLog[] = [];
  const finish = (
    base: Omit<Lead, 'stage' | 'updatedAt'>,
    log: TouchLog,
    stage: Lead['stage'],
    stageChangedAt: number,
    originalSource: string,
  ) => {
    const last = Math.max(log.lastT ?? stageChangedAt, stageChangedAt);
    leads.push({
      ...base,
      stage,
      stageChangedAt: now + stageChangedAt,
      originalSource,
      sourceSystem: 'demo',
      sourceId: base.key,
      updatedAt: now + Math.min(last, cutoff),
    });
    logs.push(log);
  };

  const takenEmails = new Set<string>();
  const takenDomains = new Set<string>();
  const takenSalesforceIds = new Set<string>();
  for (const s of SHOWCASE_LEADS) {
    takenEmails.add(s.email.toLowerCase());
    takenDomains.add(s.email.split('@')[1] ?? '');
    for (const r of s.crmRefs) if (r.crm === 'salesforce') takenSalesforceIds.add(r.recordId);
    const log = new TouchLog(s.key, cutoff, from);
    const story = showcaseTouches(log, root.fork(`story:${s.key}`), s);
    finish(showcaseLead(s), log, story.stage, story.stageChangedAt, story.originalSource);
  }
  // Reserved for the "no history" fixture page: never generate it.
  takenSalesforceIds.add('00Q5g00000ZzZzZEAV');

  const plans = generateLeadPlans(root.fork('leads'), {
    count: DEMO_GENERATED_LEADS,
    firstIndex: SHOWCASE_LEADS.length + 1,
    takenEmails,
    takenDomains,
    takenSalesforceIds,
  });
  for (const plan of plans) {
    const log = new TouchLog(plan.key, cutoff, from);
    generatedLeadTouches(log, root.fork(`touches:${plan.key}`), plan);
    const last = plan.history[plan.history.length - 1];
    finish(
      generatedLead(plan),
      log,
      last?.stage ?? 'lead',
      last?.t ?? plan.join,
      plan.acquisition.source,
    );
  }

  // One time-ordered list; ids follow that order, so they read chronologically too.
  const all: { d: DraftTouch; lead: number; seq: number; key: string }[] = [];
  logs.forEach((log, lead) =>
    log.items.forEach((d, seq) => all.push({ d, lead, seq, key: log.leadKey })),
  );
  all.sort((a, b) => a.d.t - b.d.t || a.lead - b.lead || a.seq - b.seq);
  const touches: Touch[] = all.map(({ d, key }, i) => {
    const sourceId = `t${String(i + 1).padStart(6, '0')}`;
    const touch: Touch = {
      id: `demo:${sourceId}`,
      leadKey: key,
      at: now + d.t,
      type: d.type,
      channel: d.channel,
      source: 'demo',
      sourceId,
      botSuspect: d.bot,
    };
    if (d.campaignId) touch.campaignId = d.campaignId;
    if (d.assetId) touch.assetId = d.assetId;
    if (d.detail) touch.detail = d.detail;
    if (d.url) touch.url = d.url;
    return touch;
  });

  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    workspace: {
      id: DEMO_WORKSPACE_ID,
      name: 'Demo workspace (Acme Revenue Cloud)',
      updatedAt: now - DATA_AGE,
    },
    personas: demoPersonas(),
    campaigns: buildCampaigns(now),
    assets: buildAssets(now),
    scoringModel: demoScoringModel(),
    lifecycle: demoLifecycle(),
    leads,
    touches,
    events: [],
  };
}
