/**
 * Generated demo leads: who they are (identity, company, CRM records) and the plan their
 * marketing history follows (when they arrived, from where, how engaged, which stages).
 */
import type { LifecycleStage, RecordRef, Region } from '../model';
import { toSalesforceId18 } from '../crm/salesforce-id';
import { CAMPAIGN, EVENTS, WEBINARS, type RoleTrack } from './content';
import { COMPETITOR_DOMAINS } from './definitions';
import {
  asciiSlug,
  COMPANY_ROOTS,
  COUNTRIES,
  INDUSTRIES,
  NAMES,
  PERSONAL_DOMAINS,
  SCHOOLS,
  TITLE_GROUPS,
  type CountrySpec,
  type TitleSpec,
} from './people';
import type { Random } from './random';
import { DAY, daysAgo, HOUR } from './time';

export type EmailKind = 'business' | 'personal' | 'student' | 'competitor';

export interface StageStep {
  stage: LifecycleStage;
  t: number;
  note?: string;
}

/** Where a lead came from, and (for programs) which one. */
export interface Acquisition {
  source: string;
  campaignId?: string;
}

export interface LeadPlan {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  emailKind: EmailKind;
  company: string;
  title: string;
  track: RoleTrack;
  phone?: string;
  industry: string;
  companySize: number;
  country: string;
  region: Region;
  crmRefs: RecordRef[];
  /** When the lead first appeared (offset from now; may be before the 12-month window). */
  join: number;
  acquisition: Acquisition;
  /** Stage history, oldest first; the last step is the current stage. */
  history: StageStep[];
  /** 0 (ignores us) to 1 (reads everything). */
  engagement: number;
  /** The company's mail gateway clicks links in incoming mail (bot clicks). */
  scanner: boolean;
  willUnsubscribe: boolean;
  willBounce: boolean;
}

interface Company {
  name: string;
  domain: string;
  industry: string;
  size: number;
  country: CountrySpec;
  scanner: boolean;
  contacts: number;
}

const SIZE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[8, 49], 8],
  [[50, 199], 20],
  [[200, 999], 34],
  [[1000, 4999], 24],
  [[5000, 10000], 8],
  [[10001, 60000], 6],
];

const NAME_PREFIXES = [
  'Blue',
  'North',
  'Silver',
  'Red',
  'Green',
  'High',
  'True',
  'Clear',
  'Bright',
  'Iron',
  'Stone',
  'Cedar',
  'Maple',
  'River',
  'Summit',
  'Harbor',
  'Granite',
  'Copper',
  'Falcon',
  'Lantern',
];
const NAME_STEMS = [
  'field',
  'point',
  'bridge',
  'gate',
  'ridge',
  'wave',
  'path',
  'works',
  'line',
  'stack',
  'loop',
  'mark',
  'light',
  'forge',
  'peak',
  'well',
  'crest',
];

/** Two significant digits, like the employee counts data vendors report (320, 1,200, 5,400). */
function roundSize(n: number): number {
  if (n < 100) return n;
  const mag = Math.pow(10, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / mag) * mag;
}

function makeCompanies(rng: Random, leadCount: number, taken: Set<string>): Company[] {
  const companies: Company[] = [];
  const names = new Set<string>();
  const domains = new Set<string>(taken);
  let contacts = 0;
  let attempt = 0;
  while (contacts < leadCount) {
    attempt++;
    const [industry, , endings] = rng.weighted(INDUSTRIES.map((i) => [i, i[1]] as const));
    const root = rng.chance(0.6)
      ? rng.pick(COMPANY_ROOTS)
      : rng.pick(NAME_PREFIXES) + rng.pick(NAME_STEMS);
    const ending = rng.pick(endings);
    const name = ending ? `${root} ${ending}` : root;
    if (names.has(name)) continue;
    const country = rng.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
    const tld = rng.chance(0.45) ? '.com' : rng.pick(country.tlds);
    const base = asciiSlug(root);
    const suffix = ending && rng.chance(0.35) ? `-${asciiSlug(ending)}` : '';
    let domain = `${base}${suffix}${tld}`;
    if (domains.has(domain)) domain = `${base}${asciiSlug(ending) || 'group'}${tld}`;
    if (domains.has(domain)) {
      if (attempt > 10000) throw new Error('demo: ran out of company names');
      continue;
    }
    const band = rng.weighted(SIZE_BANDS);
    const size = roundSize(rng.int(band[0], band[1]));
    const n = rng.weighted([
      [1, 58],
      [2, 22],
      [3, 11],
      [4, 6],
      [5, 3],
    ] as const);
    names.add(name);
    domains.add(domain);
    companies.push({
      name,
      domain,
      industry,
      size,
      country,
      scanner: rng.chance(size >= 1000 ? 0.3 : 0.12),
      contacts: Math.min(n, leadCount - contacts),
    });
    contacts += n;
  }
  return companies;
}

function pickTitle(rng: Random, size: number, country: string): TitleSpec {
  for (;;) {
    const group = rng.weighted(TITLE_GROUPS.map(([w, g]) => [g, w] as const));
    const spec = rng.weighted(group.map((t) => [t, t.weight] as const));
    if (spec.size === 'small' && size > 200) continue;
    if (spec.size === 'large' && size < 1000) continue;
    if (spec.countries && !spec.countries.includes(country)) continue;
    return spec;
  }
}

function phoneFor(rng: Random, country: CountrySpec): string {
  // "#" is any digit; "%" a digit that can start an area code (2-9).
  return country.phone
    .replace(/#/g, () => String(rng.int(0, 9)))
    .replace(/%/g, () => String(rng.int(2, 9)));
}

function emailLocal(rng: Random, first: string, last: string, small: boolean): string {
  const f = asciiSlug(first);
  const l = asciiSlug(last);
  return rng.weighted([
    [`${f}.${l}`, 68],
    [`${f.charAt(0)}${l}`, 12],
    [`${f}_${l}`, 4],
    [`${f}${l.charAt(0)}`, 5],
    [small ? f : `${f}.${l}`, 6],
    [`${f}.${String.fromCharCode(97 + rng.int(0, 25))}.${l}`, 5],
  ] as const);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh 18-character Salesforce id with the given key prefix, unique within `used`. */
function salesforceId(rng: Random, prefix: '00Q' | '003', used: Set<string>): string {
  for (;;) {
    let tail = '';
    for (let i = 0; i < 6; i++) tail += BASE62.charAt(rng.int(0, 61));
    const id = toSalesforceId18(`${prefix}8d0000${tail}`);
    if (id && !used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

// ---------- stages ----------

const STAGE_WEIGHTS: readonly (readonly [LifecycleStage, number])[] = [
  ['subscriber', 29],
  ['lead', 38],
  ['mql', 9],
  ['sal', 4],
  ['sql', 4],
  ['opportunity', 4],
  ['customer', 7],
  ['disqualified', 5],
];

const PATH: LifecycleStage[] = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'];

/** Typical time spent before each transition (days). */
const GAP_DAYS: Record<string, readonly [number, number]> = {
  mql: [12, 160],
  sal: [2 / 24, 60 / 24],
  sql: [3, 20],
  opportunity: [2, 15],
  customer: [20, 90],
};

/** When the latest stage change happened (days ago), by current stage. */
function finalStageDay(rng: Random, stage: LifecycleStage): number {
  switch (stage) {
    case 'mql':
      // Fresh MQLs still within the 48 h SLA, some just past it, and a tail nobody worked.
      return rng.weighted([
        [rng.range(0.2, 2), 4],
        [rng.range(2, 7), 3],
        [rng.range(7, 90), 3],
      ] as const);
    case 'sal':
      return rng.range(1, 150);
    case 'sql':
      return rng.range(3, 200);
    case 'opportunity':
      return rng.range(3, 180);
    case 'customer':
      return rng.range(10, 330);
    default:
      return rng.range(1, 300);
  }
}

interface SourceOption {
  source: string;
  weight: number;
  /** Offsets (from, to) in which a lead can arrive this way. */
  windows: (region: Region) => (readonly [number, number])[];
}

const ANY: (readonly [number, number])[] = [[daysAgo(420), daysAgo(2)]];

const SOURCES: SourceOption[] = [
  { source: 'Organic Search', weight: 24, windows: () => ANY },
  { source: 'Direct Traffic', weight: 12, windows: () => ANY },
  { source: 'Referral', weight: 6, windows: () => ANY },
  { source: 'Paid Search', weight: 8, windows: () => [[daysAgo(240), daysAgo(2)]] },
  { source: 'Paid Social', weight: 10, windows: () => [[daysAgo(300), daysAgo(150)]] },
  { source: 'Content Syndication', weight: 8, windows: () => [[daysAgo(300), daysAgo(200)]] },
  {
    source: 'Webinar',
    weight: 14,
    windows: () => WEBINARS.map((w) => [daysAgo(w.day + 15), daysAgo(w.day) - HOUR] as const),
  },
  {
    source: 'Event',
    weight: 8,
    windows: (region) =>
      EVENTS.filter((e) => !e.customersOnly && e.regions.includes(region)).map(
        (e) => [daysAgo(e.day), daysAgo(e.day - e.days)] as const,
      ),
  },
  { source: 'Free Trial', weight: 3, windows: () => ANY },
];

function programCampaign(source: string, t: number, region: Region): string | undefined {
  switch (source) {
    case 'Paid Search':
      return CAMPAIGN.paidSearch;
    case 'Paid Social':
      return CAMPAIGN.paidLinkedin;
    case 'Content Syndication':
      return CAMPAIGN.syndication;
    case 'Free Trial':
      return CAMPAIGN.trial;
    case 'Webinar':
      return WEBINARS.find((w) => t >= daysAgo(w.day + 15) && t <= daysAgo(w.day))?.campaignId;
    case 'Event':
      return EVENTS.find(
        (e) =>
          !e.customersOnly &&
          e.regions.includes(region) &&
          t >= daysAgo(e.day) &&
          t <= daysAgo(e.day - e.days),
      )?.campaignId;
    default:
      return undefined;
  }
}

/** Picks how and when the lead arrived, no later than `latest`. */
function pickArrival(
  rng: Random,
  latest: number,
  region: Region,
  restrict?: string[],
): { join: number; acquisition: Acquisition } {
  const options: { source: string; windows: (readonly [number, number])[]; weight: number }[] = [];
  for (const s of SOURCES) {
    if (restrict && !restrict.includes(s.source)) continue;
    const windows = s
      .windows(region)
      .map(([a, b]) => [a, Math.min(b, latest)] as const)
      .filter(([a, b]) => b > a);
    if (windows.length) options.push({ source: s.source, windows, weight: s.weight });
  }
  if (!options.length) {
    const join = Math.min(latest, daysAgo(2)) - Math.round(rng.range(0, 30) * DAY);
    return { join, acquisition: { source: 'Organic Search' } };
  }
  const choice = rng.weighted(options.map((o) => [o, o.weight] as const));
  const [a, b] = rng.pick(choice.windows);
  const join = Math.round(rng.range(a, b));
  const campaignId = programCampaign(choice.source, join, region);
  const acquisition: Acquisition = { source: choice.source };
  if (campaignId) acquisition.campaignId = campaignId;
  return { join, acquisition };
}

const REJECTIONS = [
  'reason: Bad fit',
  'reason: Not ready to buy yet',
  'reason: Wrong person',
  'reason: No budget this year',
  'reason: Duplicate',
  'reason: Bad contact data',
];

function planHistory(
  rng: Random,
  stage: LifecycleStage,
  region: Region,
  emailKind: EmailKind,
): { join: number; acquisition: Acquisition; history: StageStep[] } {
  if (stage === 'subscriber' || stage === 'lead') {
    const arrival = pickArrival(rng, daysAgo(2), region);
    const history: StageStep[] = [];
    if (stage === 'lead' && rng.chance(0.35)) {
      const upgrade = arrival.join + Math.round(rng.range(7, 120) * DAY);
      if (upgrade < daysAgo(1)) {
        history.push({ stage: 'subscriber', t: arrival.join }, { stage: 'lead', t: upgrade });
        return { ...arrival, history };
      }
    }
    history.push({ stage, t: arrival.join });
    return { ...arrival, history };
  }
  if (stage === 'disqualified') {
    if (emailKind !== 'business' || rng.chance(0.5)) {
      const arrival = pickArrival(rng, daysAgo(3), region, [
        'Organic Search',
        'Direct Traffic',
        'Webinar',
        'Content Syndication',
      ]);
      const reason =
        emailKind === 'competitor'
          ? 'reason: Competitor'
          : emailKind === 'business'
            ? rng.pick(REJECTIONS)
            : 'reason: Student or personal sign-up';
      const dq = arrival.join + Math.round(rng.range(1, 20) * DAY);
      return {
        ...arrival,
        history: [
          { stage: 'lead', t: arrival.join },
          { stage: 'disqualified', t: Math.min(dq, daysAgo(1)), note: reason },
        ],
      };
    }
    // Rejected MQL: marketing passed it, sales sent it back with a reason.
    const dqDay = finalStageDay(rng, 'disqualified');
    const dq = daysAgo(dqDay);
    const mql = dq - Math.round(rng.range(2, 70) * HOUR);
    const arrival = pickArrival(rng, mql - Math.round(rng.range(...GAP_DAYS.mql!) * DAY), region);
    return {
      ...arrival,
      history: [
        { stage: 'lead', t: arrival.join },
        { stage: 'mql', t: mql },
        { stage: 'disqualified', t: dq, note: rng.pick(REJECTIONS) },
      ],
    };
  }
  // lead -> mql -> ... -> stage, anchored on when the latest change happened.
  const steps = PATH.slice(1, PATH.indexOf(stage) + 1);
  const times: number[] = [];
  let t = daysAgo(finalStageDay(rng, stage));
  for (let i = steps.length - 1; i >= 0; i--) {
    times[i] = t;
    const gap = GAP_DAYS[steps[i] as string] as readonly [number, number];
    t -= Math.round(rng.range(gap[0], gap[1]) * DAY);
  }
  const arrival = pickArrival(rng, t, region);
  const history: StageStep[] = [{ stage: 'lead', t: arrival.join }];
  steps.forEach((s, i) => history.push({ stage: s, t: times[i] as number }));
  return { ...arrival, history };
}

function engagementFor(rng: Random, stage: LifecycleStage): number {
  const u = rng.next();
  switch (stage) {
    case 'subscriber':
      return 0.05 + 0.45 * u * u;
    case 'lead':
      return 0.1 + 0.6 * Math.pow(u, 1.4);
    case 'disqualified':
      return 0.05 + 0.5 * u;
    default:
      return 0.45 + 0.5 * u;
  }
}

export interface GenerateLeadsOptions {
  count: number;
  firstIndex: number;
  takenEmails: Set<string>;
  takenDomains: Set<string>;
  takenSalesforceIds: Set<string>;
}

/** The generated (non-showcase) leads, in key order. */
export function generateLeadPlans(rng: Random, opts: GenerateLeadsOptions): LeadPlan[] {
  const companies = makeCompanies(rng.fork('companies'), opts.count, opts.takenDomains);
  const slots: Company[] = [];
  for (const c of companies) for (let i = 0; i < c.contacts; i++) slots.push(c);
  const order = rng.fork('slots').shuffle(slots);
  const emails = opts.takenEmails;
  const plans: LeadPlan[] = [];
  let hubspotId = 1000;
  for (let i = 0; i < opts.count; i++) {
    const key = `L-${String(opts.firstIndex + i).padStart(4, '0')}`;
    const r = rng.fork(`lead:${key}`);
    let company = order[i] as Company;
    const culture = r.weighted(company.country.cultures);
    const names = NAMES[culture];
    const firstName = r.pick(names.first);
    const lastName = r.pick(names.last);
    let title = pickTitle(r, company.size, company.country.name);

    // Who signs up with what address: mostly work email, some personal, a few students and
    // competitors doing research.
    const emailKind: EmailKind = r.weighted([
      ['business', 92],
      ['personal', 5.5],
      ['student', 1.5],
      ['competitor', 1],
    ] as const);
    let domain = company.domain;
    let companyName = company.name;
    let industry = company.industry;
    let size = company.size;
    if (emailKind === 'personal') {
      domain = r.pick(PERSONAL_DOMAINS);
    } else if (emailKind === 'student') {
      const school = r.pick(SCHOOLS);
      domain = school.domain;
      companyName = school.name;
      company = {
        ...company,
        scanner: false,
        country: COUNTRIES.find((c) => c.name === school.country) ?? company.country,
      };
      industry = 'Education';
      size = roundSize(r.int(2000, 30000));
      title = r.pick<TitleSpec>([
        { title: 'Student', track: 'general', weight: 1 },
        { title: 'MBA Candidate', track: 'general', weight: 1 },
        { title: 'Graduate Student, Business Analytics', track: 'general', weight: 1 },
      ]);
    } else if (emailKind === 'competitor') {
      domain = r.pick(COMPETITOR_DOMAINS);
      companyName =
        domain === 'pipelinepilot.io'
          ? 'PipelinePilot'
          : domain === 'signalstack-hq.com'
            ? 'SignalStack'
            : 'ForecastForge';
      industry = 'Software';
      size = roundSize(r.int(150, 900));
      title = r.pick<TitleSpec>([
        { title: 'Product Marketing Manager', track: 'demandGen', weight: 1 },
        { title: 'Competitive Intelligence Analyst', track: 'general', weight: 1 },
        { title: 'Sr. Product Manager', track: 'general', weight: 1 },
      ]);
      company = { ...company, scanner: false };
    }

    let local = emailLocal(r, firstName, lastName, size < 50);
    if (emailKind === 'personal' && r.chance(0.4)) local += String(r.int(1, 99));
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email.toLowerCase()); n++) email = `${local}${n}@${domain}`;
    emails.add(email.toLowerCase());

    const stage: LifecycleStage =
      emailKind === 'competitor' || emailKind === 'student'
        ? 'disqualified'
        : r.weighted(STAGE_WEIGHTS);
    const region = company.country.region;
    const { join, acquisition, history } = planHistory(r, stage, region, emailKind);

    const sfObject: 'lead' | 'contact' =
      stage === 'opportunity' || stage === 'customer' || r.chance(0.12) ? 'contact' : 'lead';
    const crmRefs: RecordRef[] = [
      {
        crm: 'salesforce',
        tenant: 'acme',
        objectType: sfObject,
        recordId: salesforceId(r, sfObject === 'lead' ? '00Q' : '003', opts.takenSalesforceIds),
      },
    ];
    if (r.chance(0.45)) {
      crmRefs.push({
        crm: 'hubspot',
        tenant: '4512345',
        objectType: 'contact',
        recordId: String(hubspotId++),
      });
    }

    const plan: LeadPlan = {
      key,
      firstName,
      lastName,
      email,
      emailKind,
      company: companyName,
      title: title.title,
      track: title.track,
      industry,
      companySize: size,
      country: company.country.name,
      region,
      crmRefs,
      join,
      acquisition,
      history,
      engagement: engagementFor(r, stage),
      scanner: emailKind === 'business' && company.scanner,
      willUnsubscribe: stage !== 'customer' && r.chance(0.025),
      willBounce: r.chance(0.012),
    };
    if (r.chance(0.7)) plan.phone = phoneFor(r, company.country);
    plans.push(plan);
  }
  return plans;
}
