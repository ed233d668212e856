/**
 * The demo content library and campaign calendar: what the fictional marketing team ran and
 * published over the last 18 months. Times are offsets from `now` (see time.ts).
 */
import type {
  Asset,
  AssetType,
  Campaign,
  CampaignType,
  Channel,
  FunnelStage,
  Region,
} from '../model';
import { PERSONA, type PersonaId } from './definitions';
import { DAY, daysAgo } from './time';

export const SITE = 'https://www.acme-revenue.example';

export const CAMPAIGN = {
  nurture: 'c-nurture-pipeline-clarity',
  newsletter: 'c-newsletter-revenue-signal',
  contentLibrary: 'c-web-content-library',
  webAttribution: 'c-webinar-attribution',
  webBenchmarks: 'c-webinar-benchmarks-q2',
  webBoard: 'c-webinar-board-reporting',
  webDgMetrics: 'c-webinar-dg-metrics',
  webForecasting: 'c-webinar-forecasting-live',
  evtSummit: 'c-event-pipeline-summit',
  evtLondon: 'c-event-revenue-forum-london',
  evtApac: 'c-event-roadshow-apac',
  evtCustomer: 'c-event-customer-summit',
  paidLinkedin: 'c-paid-linkedin-forecasting',
  paidSearch: 'c-paid-search-nonbrand',
  syndication: 'c-content-benchmarks-report',
  launch: 'c-launch-forecast-copilot',
  abmFsi: 'c-abm-fsi-tier1',
  trial: 'c-trial-program',
  expansion: 'c-customer-expansion',
} as const;

const P = PERSONA;
const ALL_PERSONAS: PersonaId[] = Object.values(PERSONA);

interface CampaignSpec {
  id: string;
  name: string;
  type: CampaignType;
  channel: Channel;
  /** Days before now the campaign started / ended (no end = always on). */
  start: number;
  end?: number;
  goal: string;
  personaIds: PersonaId[];
}

const CAMPAIGNS: CampaignSpec[] = [
  {
    id: CAMPAIGN.nurture,
    name: 'Always-on nurture: Pipeline Clarity',
    type: 'nurture',
    channel: 'email',
    start: 360,
    goal: 'Move new leads to MQL with persona tracks (weekly, then every two weeks)',
    personaIds: ALL_PERSONAS,
  },
  {
    id: CAMPAIGN.newsletter,
    name: 'The Revenue Signal (monthly newsletter)',
    type: 'newsletter',
    channel: 'email',
    start: 355,
    goal: 'Stay top of mind with subscribers; 30% open rate',
    personaIds: ALL_PERSONAS,
  },
  {
    id: CAMPAIGN.contentLibrary,
    name: 'Website content library (always on)',
    type: 'content',
    channel: 'web',
    start: 364,
    goal: 'Convert organic visitors into known leads',
    personaIds: ALL_PERSONAS,
  },
  {
    id: CAMPAIGN.webAttribution,
    name: 'Webinar: Attribution That Sales Actually Believes',
    type: 'webinar',
    channel: 'webinar',
    start: 338,
    end: 306,
    goal: '400 registrations, 40% attendance',
    personaIds: [P.demandGen, P.mops, P.revenueExec],
  },
  {
    id: CAMPAIGN.webBenchmarks,
    name: 'Webinar: Pipeline Benchmarks Live (Q2)',
    type: 'webinar',
    channel: 'webinar',
    start: 246,
    end: 214,
    goal: '350 registrations; 25 MQLs',
    personaIds: [P.demandGen, P.revenueExec, P.revops],
  },
  {
    id: CAMPAIGN.webBoard,
    name: 'Webinar: Board-Ready Revenue Reporting',
    type: 'webinar',
    channel: 'webinar',
    start: 146,
    end: 114,
    goal: 'Reach finance and revenue leaders; 20 MQLs',
    personaIds: [P.finance, P.revenueExec],
  },
  {
    id: CAMPAIGN.webDgMetrics,
    name: 'Webinar: From Leads to Pipeline, the Demand Gen Metrics That Matter',
    type: 'webinar',
    channel: 'webinar',
    start: 60,
    end: 28,
    goal: '300 registrations from demand gen and marketing ops',
    personaIds: [P.demandGen, P.mops],
  },
  {
    id: CAMPAIGN.webForecasting,
    name: 'Revenue Analytics Live: Forecasting Without Spreadsheets',
    type: 'webinar',
    channel: 'webinar',
    start: 32,
    end: 0,
    goal: 'Launch follow-up for Forecast Copilot; 500 registrations',
    personaIds: [P.revenueExec, P.technical, P.finance, P.revops],
  },
  {
    id: CAMPAIGN.evtSummit,
    name: 'Pipeline Summit, San Francisco (booth #214)',
    type: 'event',
    channel: 'event',
    start: 265,
    end: 240,
    goal: '250 badge scans, 40 meetings',
    personaIds: [P.demandGen, P.revenueExec, P.revops],
  },
  {
    id: CAMPAIGN.evtLondon,
    name: 'Revenue Leaders Forum, London (sponsor)',
    type: 'event',
    channel: 'event',
    start: 112,
    end: 95,
    goal: '120 conversations with EMEA revenue leaders',
    personaIds: [P.revenueExec, P.finance, P.demandGen],
  },
  {
    id: CAMPAIGN.evtApac,
    name: 'Data & Dollars Roadshow: Sydney and Singapore',
    type: 'event',
    channel: 'event',
    start: 85,
    end: 66,
    goal: 'Open APAC pipeline: 30 meetings',
    personaIds: [P.revenueExec, P.demandGen, P.technical],
  },
  {
    id: CAMPAIGN.evtCustomer,
    name: 'Acme Customer Summit (Chicago and Oslo)',
    type: 'event',
    channel: 'event',
    start: 50,
    end: 30,
    goal: 'Expansion pipeline from existing customers; Forecast Copilot add-on',
    personaIds: [P.technical, P.revenueExec, P.revops],
  },
  {
    id: CAMPAIGN.paidLinkedin,
    name: 'LinkedIn: Forecasting Methods ebook',
    type: 'paid',
    channel: 'social',
    start: 300,
    end: 150,
    goal: 'Cost per lead under $120 with revenue leaders at 200+ employee companies',
    personaIds: [P.revenueExec, P.finance, P.demandGen],
  },
  {
    id: CAMPAIGN.paidSearch,
    name: 'Google Ads: revenue analytics (non-brand)',
    type: 'paid',
    channel: 'paid',
    start: 240,
    goal: 'Capture in-market searches; demo requests',
    personaIds: [P.demandGen, P.revops, P.mops],
  },
  {
    id: CAMPAIGN.syndication,
    name: 'Annual Pipeline Benchmarks Report (content syndication)',
    type: 'content',
    channel: 'web',
    start: 300,
    end: 200,
    goal: '600 new leads through two syndication partners',
    personaIds: [P.demandGen, P.revenueExec, P.finance],
  },
  {
    id: CAMPAIGN.launch,
    name: 'Launch: Forecast Copilot',
    type: 'product_launch',
    channel: 'email',
    start: 46,
    end: 16,
    goal: 'Announce Forecast Copilot to the whole database; 60 demo requests',
    personaIds: [P.revenueExec, P.technical, P.revops],
  },
  {
    id: CAMPAIGN.abmFsi,
    name: 'ABM: Financial services tier 1 accounts',
    type: 'abm',
    channel: 'paid',
    start: 180,
    goal: 'Meetings with 15 of 40 named banks and insurers',
    personaIds: [P.technical, P.finance, P.revenueExec],
  },
  {
    id: CAMPAIGN.trial,
    name: 'Free trial program (14 days)',
    type: 'other',
    channel: 'product',
    start: 350,
    goal: 'Trial-to-opportunity conversion of 15%',
    personaIds: [P.mops, P.revops, P.demandGen],
  },
  {
    id: CAMPAIGN.expansion,
    name: 'Customer expansion: Forecast Copilot add-on',
    type: 'abm',
    channel: 'email',
    start: 40,
    goal: 'Add-on pipeline from 30% of customers',
    personaIds: [P.technical, P.revenueExec, P.revops],
  },
];

export interface AssetSpec {
  id: string;
  title: string;
  type: AssetType;
  slug: string;
  summary: string;
  personas: PersonaId[];
  stages: FunnelStage[];
  campaignId?: string;
  /** Days before now it was published. */
  published: number;
  /** Days from now it expires (negative: already expired). */
  expires?: number;
  tags: string[];
  /** Behind a form: downloading it means submitting a form first. */
  gated: boolean;
  /** Subject line when a nurture email or the newsletter features it. */
  subject: string;
}

export const ASSETS: AssetSpec[] = [
  // ---------- awareness ----------
  {
    id: 'a-ebook-attribution-guide',
    title: "The Demand Gen Leader's Guide to Pipeline Attribution",
    type: 'ebook',
    slug: 'demand-gen-guide-pipeline-attribution',
    summary:
      'A 28-page guide to choosing an attribution model sales will accept: first touch, W-shaped and ' +
      'data-driven compared, with the questions to agree with sales before you build anything.',
    personas: [P.demandGen, P.mops],
    stages: ['awareness'],
    campaignId: CAMPAIGN.paidLinkedin,
    published: 410,
    tags: ['attribution', 'pipeline', 'demand gen'],
    gated: true,
    subject: 'The attribution guide 3,000 marketers downloaded',
  },
  {
    id: 'a-report-pipeline-benchmarks',
    title: 'Annual B2B Pipeline Benchmarks Report',
    type: 'report',
    slug: 'b2b-pipeline-benchmarks-report',
    summary:
      'Conversion rates from MQL to closed-won across 640 B2B software and services companies, by ' +
      'segment, deal size and lead source. Includes sales cycle length and pipeline coverage norms.',
    personas: [P.demandGen, P.revenueExec, P.finance],
    stages: ['awareness', 'consideration'],
    campaignId: CAMPAIGN.syndication,
    published: 300,
    tags: ['benchmarks', 'pipeline', 'conversion rates'],
    gated: true,
    subject: 'How does your funnel compare? The annual pipeline benchmarks',
  },
  {
    id: 'a-report-q3-benchmarks',
    title: 'Q3 Pipeline Benchmarks: Win Rates and Cycle Times by Segment',
    type: 'report',
    slug: 'q3-pipeline-benchmarks',
    summary:
      'Quarterly update to the benchmarks report: win rates fell two points in mid-market while ' +
      'enterprise cycles lengthened by nine days. Charts by region and lead source.',
    personas: [P.revenueExec, P.demandGen, P.revops],
    stages: ['awareness'],
    campaignId: CAMPAIGN.newsletter,
    published: 75,
    tags: ['benchmarks', 'win rate', 'quarterly'],
    gated: true,
    subject: 'Q3 pipeline benchmarks: how do you compare?',
  },
  {
    id: 'a-wp-single-source',
    title: 'One Number: Building a Single Source of Revenue Truth',
    type: 'whitepaper',
    slug: 'single-source-of-revenue-truth',
    summary:
      'Why marketing, sales and finance report different pipeline numbers, and the five definitions ' +
      'to agree on before buying any tool. Written with two CFOs and a VP of Revenue Operations.',
    personas: [P.revenueExec, P.finance, P.technical],
    stages: ['awareness'],
    campaignId: CAMPAIGN.nurture,
    published: 520,
    tags: ['alignment', 'revenue reporting', 'definitions'],
    gated: true,
    subject: 'Three teams, three pipeline numbers: which one is right?',
  },
  {
    id: 'a-blog-mql-definitions',
    title: 'Why Sales Ignores Your MQLs (and How to Fix the Definition)',
    type: 'blog_post',
    slug: 'why-sales-ignores-your-mqls',
    summary:
      'MQLs fail when the definition was written by one team. How to co-write fit and engagement ' +
      'criteria, set an SLA, and collect rejection reasons that make the next quarter better.',
    personas: [P.demandGen, P.mops, P.revops],
    stages: ['awareness'],
    published: 210,
    tags: ['MQL', 'lead scoring', 'sales alignment'],
    gated: false,
    subject: 'Is your MQL definition costing you pipeline?',
  },
  {
    id: 'a-blog-forecast-spreadsheets',
    title: 'Five Signs Your Forecast Has Outgrown Spreadsheets',
    type: 'blog_post',
    slug: 'forecast-outgrown-spreadsheets',
    summary:
      'Version conflicts, Monday-morning copy-paste, and a number that changes after the call: the ' +
      'signs a revenue team needs a forecasting system, and what to look for in one.',
    personas: [P.revenueExec, P.finance],
    stages: ['awareness'],
    published: 165,
    tags: ['forecasting', 'spreadsheets'],
    gated: false,
    subject: 'Five signs your forecast has outgrown spreadsheets',
  },
  {
    id: 'a-blog-board-metrics',
    title: 'The 7 Revenue Metrics Your Board Actually Reads',
    type: 'blog_post',
    slug: 'revenue-metrics-your-board-reads',
    summary:
      'Pipeline coverage, net revenue retention, CAC payback and four more: what each means, how to ' +
      'compute it from CRM data, and the mistakes that make boards stop trusting the deck.',
    personas: [P.finance, P.revenueExec],
    stages: ['awareness'],
    published: 92,
    tags: ['board reporting', 'metrics', 'finance'],
    gated: false,
    subject: 'The 7 revenue metrics your board actually reads',
  },
  {
    id: 'a-blog-ai-forecasting',
    title: 'What AI Forecasting Can and Cannot Do (Yet)',
    type: 'blog_post',
    slug: 'what-ai-forecasting-can-and-cannot-do',
    summary:
      'An honest look at machine-learning forecasts: where they beat rep judgment, where they fail ' +
      '(new segments, big deals), and why explanations matter more than accuracy claims.',
    personas: [P.revenueExec, P.technical],
    stages: ['awareness'],
    campaignId: CAMPAIGN.launch,
    published: 40,
    tags: ['AI', 'forecasting', 'Forecast Copilot'],
    gated: false,
    subject: 'AI forecasting: what it can and cannot do (yet)',
  },
  {
    id: 'a-blog-summit-recap',
    title: 'Pipeline Summit Recap: 9 Takeaways for Revenue Teams',
    type: 'blog_post',
    slug: 'pipeline-summit-recap',
    summary:
      'Notes from three days in San Francisco: the end of the MQL as a target, RevOps reporting to ' +
      'the CFO, and why every panel mentioned data quality.',
    personas: [P.demandGen, P.revenueExec],
    stages: ['awareness'],
    campaignId: CAMPAIGN.evtSummit,
    published: 245,
    tags: ['events', 'trends'],
    gated: false,
    subject: 'What we heard at Pipeline Summit: 9 takeaways',
  },
  {
    id: 'a-ebook-revops-playbook',
    title: 'The RevOps Playbook: Series B to IPO',
    type: 'ebook',
    slug: 'revops-playbook-series-b-to-ipo',
    summary:
      'How revenue operations changes at each growth stage: team shape, systems, the funnel model, ' +
      'and which reports to build first. Includes an org chart template.',
    personas: [P.revops, P.revenueExec],
    stages: ['awareness', 'consideration'],
    campaignId: CAMPAIGN.contentLibrary,
    published: 380,
    tags: ['RevOps', 'playbook', 'scaling'],
    gated: true,
    subject: 'The RevOps playbook, from Series B to IPO',
  },
  {
    id: 'a-video-overview',
    title: 'Acme Revenue Cloud in 2 Minutes',
    type: 'video',
    slug: 'acme-revenue-cloud-in-2-minutes',
    summary:
      'A two-minute overview: connect CRM, marketing automation and billing; get one pipeline model, ' +
      'attribution and a forecast everyone reads the same way.',
    personas: ALL_PERSONAS,
    stages: ['awareness'],
    published: 540,
    tags: ['overview', 'video'],
    gated: false,
    subject: 'Acme Revenue Cloud in two minutes',
  },
  {
    id: 'a-wp-dirty-crm-data',
    title: 'Dirty CRM Data Costs More Than You Think',
    type: 'whitepaper',
    slug: 'dirty-crm-data-costs',
    summary:
      'Duplicate accounts, stale stages and missing close dates, quantified: what bad CRM data does ' +
      'to forecasts and routing, and a 30-day clean-up plan for operations teams.',
    personas: [P.mops, P.revops, P.technical],
    stages: ['awareness'],
    campaignId: CAMPAIGN.contentLibrary,
    published: 270,
    tags: ['data quality', 'CRM hygiene'],
    gated: true,
    subject: 'What is dirty CRM data really costing you?',
  },
  {
    id: 'a-one-pager-maturity-model',
    title: 'Revenue Analytics Maturity Model',
    type: 'one_pager',
    slug: 'revenue-analytics-maturity-model',
    summary:
      'Five stages from spreadsheet reporting to predictive revenue operations, with the signs of ' +
      'each stage and the next step to take.',
    personas: [P.demandGen, P.revenueExec, P.revops],
    stages: ['awareness'],
    campaignId: CAMPAIGN.nurture,
    published: 230,
    tags: ['maturity model', 'self-assessment'],
    gated: false,
    subject: 'Where does your team sit on the revenue analytics curve?',
  },
  {
    id: 'a-report-analyst-brief',
    title: 'Analyst Brief: Revenue Intelligence Platforms (licensed reprint)',
    type: 'report',
    slug: 'analyst-brief-revenue-intelligence',
    summary:
      'Independent analyst evaluation of nine revenue intelligence platforms. Acme is rated strong on ' +
      'data model and explainability. Licensed reprint; the licence ends soon.',
    personas: [P.revenueExec, P.technical],
    stages: ['awareness', 'consideration'],
    campaignId: CAMPAIGN.contentLibrary,
    published: 120,
    expires: 9,
    tags: ['analyst report', 'evaluation'],
    gated: true,
    subject: 'Independent analysts rate nine revenue intelligence platforms',
  },
  {
    id: 'a-ebook-abm-measurement',
    title: 'Measuring ABM Without Losing Your Mind',
    type: 'ebook',
    slug: 'measuring-abm',
    summary:
      'Account-based programs need account-level metrics: engagement, buying-group coverage and ' +
      'pipeline velocity. A practical measurement framework with dashboard examples.',
    personas: [P.demandGen],
    stages: ['awareness', 'consideration'],
    campaignId: CAMPAIGN.abmFsi,
    published: 175,
    tags: ['ABM', 'measurement'],
    gated: true,
    subject: 'Measuring ABM without losing your mind',
  },
  {
    id: 'a-ebook-forecast-methods',
    title: 'Forecasting Methods Compared: Weighted, Categorical and AI',
    type: 'ebook',
    slug: 'forecasting-methods-compared',
    summary:
      'Three ways to forecast a quarter, tested on two years of anonymised pipeline data: accuracy, ' +
      'effort and when each method breaks down.',
    personas: [P.revenueExec, P.finance],
    stages: ['awareness', 'consideration'],
    campaignId: CAMPAIGN.paidLinkedin,
    published: 305,
    tags: ['forecasting', 'methods'],
    gated: true,
    subject: 'Weighted, categorical or AI: which forecast method wins?',
  },
  // ---------- consideration ----------
  {
    id: 'a-wr-attribution',
    title: 'On-Demand: Attribution That Sales Actually Believes',
    type: 'webinar_recording',
    slug: 'attribution-sales-believes',
    summary:
      'Recording of the live session with two demand gen leaders on building attribution with sales ' +
      'in the room. 48 minutes, with the slide deck.',
    personas: [P.demandGen, P.mops, P.revenueExec],
    stages: ['consideration'],
    campaignId: CAMPAIGN.webAttribution,
    published: 319,
    tags: ['webinar', 'attribution'],
    gated: true,
    subject: 'Watch: attribution that sales actually believes',
  },
  {
    id: 'a-wr-benchmarks-q2',
    title: 'On-Demand: Pipeline Benchmarks Live (Q2)',
    type: 'webinar_recording',
    slug: 'pipeline-benchmarks-live-q2',
    summary:
      'Our research team walks through the Q2 benchmark data and answers questions on coverage ' +
      'ratios and stage conversion. 41 minutes.',
    personas: [P.demandGen, P.revenueExec, P.revops],
    stages: ['consideration'],
    campaignId: CAMPAIGN.webBenchmarks,
    published: 227,
    tags: ['webinar', 'benchmarks'],
    gated: true,
    subject: 'Missed it? Pipeline Benchmarks Live, on demand',
  },
  {
    id: 'a-wr-board-reporting',
    title: 'On-Demand: Board-Ready Revenue Reporting',
    type: 'webinar_recording',
    slug: 'board-ready-revenue-reporting',
    summary:
      'A CFO and a VP of RevOps rebuild a board revenue slide live, from CRM export to final chart. ' +
      '52 minutes.',
    personas: [P.finance, P.revenueExec],
    stages: ['consideration'],
    campaignId: CAMPAIGN.webBoard,
    published: 127,
    tags: ['webinar', 'board reporting'],
    gated: true,
    subject: 'Watch: board-ready revenue reporting in 50 minutes',
  },
  {
    id: 'a-wr-dg-metrics',
    title: 'On-Demand: From Leads to Pipeline, the Demand Gen Metrics That Matter',
    type: 'webinar_recording',
    slug: 'demand-gen-metrics-that-matter',
    summary:
      'Which demand gen metrics predict pipeline, which only predict more MQLs, and how to report ' +
      'the difference to sales leadership. 45 minutes.',
    personas: [P.demandGen, P.mops],
    stages: ['consideration'],
    campaignId: CAMPAIGN.webDgMetrics,
    published: 41,
    tags: ['webinar', 'demand gen', 'metrics'],
    gated: true,
    subject: 'On demand: the demand gen metrics that matter',
  },
  {
    id: 'a-wr-forecasting-live',
    title: 'On-Demand: Revenue Analytics Live, Forecasting Without Spreadsheets',
    type: 'webinar_recording',
    slug: 'revenue-analytics-live-forecasting',
    summary:
      'Live demo of Forecast Copilot on a real (anonymised) pipeline, with Q&A on data sources, ' +
      'security and how the forecast explains itself. 55 minutes.',
    personas: [P.revenueExec, P.technical, P.finance],
    stages: ['consideration'],
    campaignId: CAMPAIGN.webForecasting,
    published: 13,
    tags: ['webinar', 'forecasting', 'Forecast Copilot'],
    gated: true,
    subject: 'Recording: Forecasting Without Spreadsheets',
  },
  {
    id: 'a-ds-platform',
    title: 'Acme Revenue Cloud Platform Datasheet',
    type: 'datasheet',
    slug: 'platform-datasheet',
    summary:
      'Modules, connectors, data model, deployment regions and editions on two pages. The document ' +
      'most evaluators ask for first.',
    personas: [P.technical, P.mops, P.revops],
    stages: ['consideration'],
    published: 250,
    tags: ['datasheet', 'platform'],
    gated: false,
    subject: 'Everything Acme does, on two pages',
  },
  {
    id: 'a-ds-security',
    title: 'Security & Architecture Overview',
    type: 'datasheet',
    slug: 'security-architecture-overview',
    summary:
      'SOC 2 Type II, ISO 27001, SSO and SCIM, EU and US data regions, read-only CRM access and ' +
      'encryption details, with an architecture diagram for your security review.',
    personas: [P.technical],
    stages: ['consideration', 'decision'],
    published: 200,
    tags: ['security', 'architecture', 'SOC 2'],
    gated: false,
    subject: 'How Acme handles your CRM data (security overview)',
  },
  {
    id: 'a-ds-integrations',
    title: 'Integrations Guide: Salesforce, HubSpot, Marketo, Snowflake',
    type: 'datasheet',
    slug: 'integrations-guide',
    summary:
      'What each connector reads, the permissions it needs, sync frequency and field mapping, for ' +
      'the four most common stacks.',
    personas: [P.technical, P.mops, P.revops],
    stages: ['consideration'],
    published: 100,
    tags: ['integrations', 'Salesforce', 'HubSpot', 'Marketo'],
    gated: false,
    subject: 'Works with the stack you already have',
  },
  {
    id: 'a-ds-forecast-copilot',
    title: 'Forecast Copilot Datasheet',
    type: 'datasheet',
    slug: 'forecast-copilot-datasheet',
    summary:
      'How Forecast Copilot builds a deal-level forecast from CRM activity, what it needs, and how it ' +
      'explains every change in plain English.',
    personas: [P.revenueExec, P.technical],
    stages: ['consideration'],
    campaignId: CAMPAIGN.launch,
    published: 45,
    tags: ['Forecast Copilot', 'datasheet', 'AI'],
    gated: false,
    subject: 'Introducing Forecast Copilot',
  },
  {
    id: 'a-demo-product-tour',
    title: 'Interactive Product Tour: Pipeline Analytics',
    type: 'demo',
    slug: 'pipeline-analytics-tour',
    summary:
      'Click through attribution, funnel conversion and pipeline coverage on sample data, no sign-up ' +
      'needed. Takes about five minutes.',
    personas: [P.demandGen, P.revenueExec, P.mops, P.revops],
    stages: ['consideration'],
    published: 185,
    tags: ['product tour', 'demo'],
    gated: false,
    subject: 'Take the 5-minute product tour',
  },
  {
    id: 'a-demo-forecast-copilot',
    title: 'Forecast Copilot: 6-Minute Demo',
    type: 'demo',
    slug: 'forecast-copilot-demo',
    summary:
      'A recorded walkthrough of a forecast call run from Forecast Copilot: roll-up, risk flags and ' +
      'the explanation behind each change.',
    personas: [P.revenueExec, P.revops],
    stages: ['consideration'],
    campaignId: CAMPAIGN.launch,
    published: 44,
    tags: ['Forecast Copilot', 'demo'],
    gated: false,
    subject: 'See a forecast call run in 6 minutes',
  },
  {
    id: 'a-wp-data-model',
    title: 'Inside the Revenue Data Model: Objects, Joins and Freshness',
    type: 'whitepaper',
    slug: 'revenue-data-model',
    summary:
      'A technical deep dive into the objects Acme models, how records are matched across systems, ' +
      'and how freshness and lineage are tracked. For data engineers and architects.',
    personas: [P.technical],
    stages: ['consideration'],
    campaignId: CAMPAIGN.contentLibrary,
    published: 330,
    tags: ['data model', 'architecture', 'technical'],
    gated: true,
    subject: 'For your data team: inside the revenue data model',
  },
  {
    id: 'a-ebook-mops-audit',
    title: 'The Marketing Ops Stack Audit Workbook',
    type: 'ebook',
    slug: 'marketing-ops-stack-audit',
    summary:
      'A workbook to inventory your marketing stack, its syncs and its owners, score each tool, and ' +
      'build the case for consolidation.',
    personas: [P.mops],
    stages: ['consideration'],
    campaignId: CAMPAIGN.nurture,
    published: 140,
    tags: ['marketing ops', 'workbook', 'martech'],
    gated: true,
    subject: 'Audit your marketing ops stack in an afternoon',
  },
  {
    id: 'a-one-pager-demand-gen',
    title: 'Acme for Demand Gen Teams',
    type: 'one_pager',
    slug: 'acme-for-demand-gen',
    summary:
      'What demand gen teams use Acme for: sourced and influenced pipeline, channel ROI and MQL ' +
      'feedback from sales, with three customer results.',
    personas: [P.demandGen],
    stages: ['consideration'],
    published: 215,
    tags: ['solution brief', 'demand gen'],
    gated: false,
    subject: 'What Acme does for demand gen teams, on one page',
  },
  {
    id: 'a-one-pager-finance',
    title: 'Acme for Finance: From Bookings to Cash Visibility',
    type: 'one_pager',
    slug: 'acme-for-finance',
    summary:
      'How finance teams use Acme to reconcile bookings, pipeline and billing, and plan cash on a ' +
      'forecast they can audit.',
    personas: [P.finance],
    stages: ['consideration'],
    published: 170,
    tags: ['solution brief', 'finance'],
    gated: false,
    subject: 'Bookings, pipeline and cash in one view',
  },
  {
    id: 'a-one-pager-revops',
    title: 'Acme for RevOps: One Funnel, One SLA',
    type: 'one_pager',
    slug: 'acme-for-revops',
    summary:
      'The funnel model, hand-off SLAs and self-serve dashboards RevOps teams run on Acme, and the ' +
      'reports they stopped building by hand.',
    personas: [P.revops],
    stages: ['consideration'],
    published: 150,
    tags: ['solution brief', 'RevOps'],
    gated: false,
    subject: 'One funnel, one SLA: Acme for RevOps',
  },
  {
    id: 'a-video-customer-panel',
    title: 'Customer Panel: Marketing and Sales on One Number',
    type: 'video',
    slug: 'customer-panel-one-number',
    summary:
      'Recorded at Pipeline Summit: three customers on how shared pipeline numbers changed their ' +
      'weekly meeting between marketing and sales.',
    personas: [P.demandGen, P.revenueExec],
    stages: ['consideration'],
    campaignId: CAMPAIGN.evtSummit,
    published: 240,
    tags: ['customer stories', 'video', 'alignment'],
    gated: false,
    subject: 'Three customers on marketing and sales sharing one number',
  },
  {
    id: 'a-cs-larkspur',
    title: 'Larkspur Health Cut Forecast Variance by 38%',
    type: 'case_study',
    slug: 'larkspur-health',
    summary:
      'A 2,400-person healthcare provider replaced spreadsheet roll-ups with Acme and cut forecast ' +
      'variance by 38% in two quarters.',
    personas: [P.revenueExec, P.finance],
    stages: ['consideration', 'decision'],
    published: 190,
    tags: ['case study', 'healthcare', 'forecasting'],
    gated: false,
    subject: 'How Larkspur Health cut forecast variance by 38%',
  },
  {
    id: 'a-cs-quillon',
    title: 'Quillon Software Grew Sourced Pipeline 2.1x with Shared Attribution',
    type: 'case_study',
    slug: 'quillon-software',
    summary:
      'An 800-person software company agreed one attribution model with sales, moved 30% of paid ' +
      'budget and grew marketing-sourced pipeline 2.1x in a year.',
    personas: [P.demandGen, P.mops],
    stages: ['consideration', 'decision'],
    published: 95,
    tags: ['case study', 'software', 'attribution'],
    gated: false,
    subject: 'How Quillon doubled marketing-sourced pipeline',
  },
  {
    id: 'a-cs-ferrovia',
    title: 'Ferrovia Freight: One Revenue Dashboard Across 14 Countries',
    type: 'case_study',
    slug: 'ferrovia-freight',
    summary:
      'A European logistics group consolidated four CRMs into one revenue view in 90 days without ' +
      'migrating a single record.',
    personas: [P.revenueExec, P.technical, P.revops],
    stages: ['consideration', 'decision'],
    published: 62,
    tags: ['case study', 'logistics', 'multi-CRM'],
    gated: false,
    subject: 'One revenue dashboard across 14 countries',
  },
  {
    id: 'a-cs-banco-austral',
    title: 'Banco Austral Passed Its Audit with Governed Revenue Metrics',
    type: 'case_study',
    slug: 'banco-austral',
    summary:
      'A regional bank moved revenue reporting onto governed, lineage-tracked metrics and closed an ' +
      'audit finding in one quarter.',
    personas: [P.finance, P.technical],
    stages: ['decision'],
    campaignId: CAMPAIGN.abmFsi,
    published: 35,
    tags: ['case study', 'banking', 'governance'],
    gated: false,
    subject: 'How a regional bank passed its audit with governed metrics',
  },
  {
    id: 'a-cs-pinegrove-legacy',
    title: 'Pinegrove Retail: Attribution in 90 Days (legacy edition)',
    type: 'case_study',
    slug: 'pinegrove-retail-legacy',
    summary:
      'Older case study based on the previous product version; replaced by the Quillon story. Kept ' +
      'for reference only.',
    personas: [P.demandGen],
    stages: ['consideration'],
    published: 535,
    expires: -30,
    tags: ['case study', 'retail', 'legacy'],
    gated: false,
    subject: 'Pinegrove Retail: attribution in 90 days',
  },
  // ---------- decision ----------
  {
    id: 'a-cmp-spreadsheets',
    title: 'Acme vs. Spreadsheets + BI: Total Cost Compared',
    type: 'comparison',
    slug: 'acme-vs-spreadsheets-bi',
    summary:
      'Three-year cost of a spreadsheet and BI reporting stack (people, licences, errors) against ' +
      'Acme, with the assumptions spelled out.',
    personas: [P.finance, P.revenueExec],
    stages: ['decision'],
    published: 150,
    tags: ['comparison', 'TCO'],
    gated: false,
    subject: 'Spreadsheets + BI vs. Acme: the real three-year cost',
  },
  {
    id: 'a-cmp-signalstack',
    title: 'Acme Revenue Cloud vs. SignalStack',
    type: 'comparison',
    slug: 'acme-vs-signalstack',
    summary:
      'Side-by-side on data model, forecasting, attribution, admin effort and pricing model. Written ' +
      'for evaluators comparing both.',
    personas: [P.revenueExec, P.technical, P.demandGen],
    stages: ['decision'],
    published: 110,
    tags: ['comparison', 'competitor', 'SignalStack'],
    gated: false,
    subject: 'Comparing Acme and SignalStack? Start here',
  },
  {
    id: 'a-cmp-pipelinepilot',
    title: 'Acme Revenue Cloud vs. PipelinePilot',
    type: 'comparison',
    slug: 'acme-vs-pipelinepilot',
    summary:
      'Where PipelinePilot is strong (sequencing) and where Acme is (attribution, forecasting, data ' +
      'model), and what teams that switched say.',
    personas: [P.demandGen, P.mops],
    stages: ['decision'],
    published: 70,
    tags: ['comparison', 'competitor', 'PipelinePilot'],
    gated: false,
    subject: 'Evaluating PipelinePilot? Read this first',
  },
  {
    id: 'a-roi-calculator',
    title: 'Revenue Analytics ROI Calculator',
    type: 'roi_calculator',
    slug: 'roi-calculator',
    summary:
      'Enter seats, tools and hours spent on reporting; get payback period and three-year ROI with ' +
      'a PDF to share with finance.',
    personas: [P.finance, P.revenueExec, P.demandGen],
    stages: ['decision'],
    campaignId: CAMPAIGN.contentLibrary,
    published: 260,
    tags: ['ROI', 'business case', 'calculator'],
    gated: true,
    subject: 'What would better revenue analytics be worth? Run the numbers',
  },
  {
    id: 'a-pricing-v4',
    title: 'Pricing & Packaging Overview (v4)',
    type: 'pricing',
    slug: 'pricing-and-packaging-v4',
    summary: 'Editions, add-ons and list prices of the previous price book. Superseded by v5.',
    personas: [P.finance, P.revenueExec, P.demandGen],
    stages: ['decision'],
    published: 340,
    expires: -21,
    tags: ['pricing', 'packaging'],
    gated: true,
    subject: 'Acme pricing and packaging, explained',
  },
  {
    id: 'a-pricing-v5',
    title: 'Pricing & Packaging Overview (v5)',
    type: 'pricing',
    slug: 'pricing-and-packaging-v5',
    summary:
      'Growth, Business and Enterprise editions, the Forecast Copilot add-on, and what is included ' +
      'in each. Share with buyers after a discovery call.',
    personas: [P.finance, P.revenueExec, P.demandGen],
    stages: ['decision'],
    published: 20,
    tags: ['pricing', 'packaging', 'current'],
    gated: true,
    subject: 'New: Acme editions and pricing',
  },
  {
    id: 'a-ds-security-questionnaire',
    title: 'Pre-filled Security Questionnaire (CAIQ Lite)',
    type: 'datasheet',
    slug: 'security-questionnaire-caiq-lite',
    summary:
      'Our answers to the CAIQ Lite questionnaire, plus sub-processor list and pen-test summary. ' +
      'Send before the buyer’s security team asks.',
    personas: [P.technical],
    stages: ['decision'],
    published: 220,
    tags: ['security', 'questionnaire', 'procurement'],
    gated: true,
    subject: 'Your security team will ask for this',
  },
  {
    id: 'a-one-pager-implementation',
    title: '30-60-90 Day Implementation Plan',
    type: 'one_pager',
    slug: 'implementation-plan-30-60-90',
    summary:
      'What happens in the first 90 days: connectors in week one, funnel model by day 30, first ' +
      'executive dashboard by day 60, forecast by day 90.',
    personas: [P.technical, P.mops, P.revops],
    stages: ['decision'],
    published: 125,
    tags: ['implementation', 'onboarding'],
    gated: false,
    subject: 'What the first 90 days with Acme look like',
  },
  {
    id: 'a-one-pager-business-case',
    title: 'Business Case Kit: Slides and Model for Your CFO',
    type: 'one_pager',
    slug: 'business-case-kit',
    summary:
      'Five slides and a spreadsheet model your champion can present to finance: problem, cost of ' +
      'doing nothing, payback, risks and plan.',
    personas: [P.finance, P.demandGen, P.revenueExec],
    stages: ['decision'],
    published: 82,
    tags: ['business case', 'CFO'],
    gated: true,
    subject: 'Making the case to your CFO? Use our kit',
  },
  {
    id: 'a-one-pager-limited-offer',
    title: 'Limited Offer: Implementation Services Included',
    type: 'one_pager',
    slug: 'limited-offer-implementation-included',
    summary:
      'Sign before the end of the offer period and the 90-day implementation package is included. ' +
      'Terms and eligibility on one page.',
    personas: [P.finance, P.revenueExec],
    stages: ['decision'],
    campaignId: CAMPAIGN.abmFsi,
    published: 48,
    expires: 5,
    tags: ['offer', 'limited time', 'implementation'],
    gated: false,
    subject: 'For a limited time: implementation services included',
  },
  {
    id: 'a-one-pager-summer-promo',
    title: 'Summer Promo: 20% Off Annual Plans',
    type: 'one_pager',
    slug: 'summer-promo-annual-plans',
    summary: 'Expired summer promotion for new annual subscriptions. Do not send.',
    personas: [P.finance],
    stages: ['decision'],
    published: 150,
    expires: -95,
    tags: ['offer', 'expired'],
    gated: false,
    subject: 'Summer only: 20% off annual plans',
  },
  {
    id: 'a-one-pager-customer-addon',
    title: 'Forecast Copilot Add-on for Existing Customers',
    type: 'one_pager',
    slug: 'forecast-copilot-add-on',
    summary:
      'What the Forecast Copilot add-on adds to an existing Acme workspace, the rollout plan and ' +
      'customer pricing.',
    personas: [P.revenueExec, P.technical, P.revops],
    stages: ['decision'],
    campaignId: CAMPAIGN.expansion,
    published: 38,
    tags: ['Forecast Copilot', 'expansion', 'customers'],
    gated: false,
    subject: 'Forecast Copilot is ready for your workspace',
  },
];

export const ASSET_BY_ID: ReadonlyMap<string, AssetSpec> = new Map(ASSETS.map((a) => [a.id, a]));

export function assetSpec(id: string): AssetSpec {
  const spec = ASSET_BY_ID.get(id);
  if (!spec) throw new Error(`unknown demo asset ${id}`);
  return spec;
}

export function assetPath(spec: AssetSpec): string {
  switch (spec.type) {
    case 'blog_post':
      return `/blog/${spec.slug}`;
    case 'webinar_recording':
      return `/webinars/on-demand/${spec.slug}`;
    case 'case_study':
      return `/customers/${spec.slug}`;
    case 'demo':
      return `/product/tour/${spec.slug}`;
    case 'roi_calculator':
      return `/tools/${spec.slug}`;
    default:
      return `/resources/${spec.slug}`;
  }
}

export function assetUrl(spec: AssetSpec): string {
  return SITE + assetPath(spec);
}

/** Whether a lead could have seen the asset at time `t` (published and not yet expired). */
export function assetAvailable(spec: AssetSpec, t: number): boolean {
  if (t < daysAgo(spec.published)) return false;
  return spec.expires === undefined || t < -daysAgo(spec.expires);
}

export function buildCampaigns(now: number): Campaign[] {
  return CAMPAIGNS.map((c) => {
    const out: Campaign = {
      id: c.id,
      name: c.name,
      type: c.type,
      channel: c.channel,
      startAt: now + daysAgo(c.start),
      goal: c.goal,
      personaIds: [...c.personaIds],
    };
    if (c.end !== undefined) out.endAt = now + daysAgo(c.end);
    return out;
  });
}

export function buildAssets(now: number): Asset[] {
  return ASSETS.map((a) => {
    const out: Asset = {
      id: a.id,
      title: a.title,
      type: a.type,
      url: assetUrl(a),
      summary: a.summary,
      personaIds: [...a.personas],
      stages: [...a.stages],
      publishedAt: now + daysAgo(a.published),
      tags: [...a.tags],
    };
    if (a.campaignId) out.campaignId = a.campaignId;
    if (a.expires !== undefined) out.expiresAt = now + a.expires * DAY;
    return out;
  });
}

// ---------- programs that drive touches ----------

export interface WebinarSpec {
  campaignId: string;
  title: string;
  /** Days before now it ran live. */
  day: number;
  recordingId: string;
  durationMin: number;
}

export const WEBINARS: WebinarSpec[] = [
  {
    campaignId: CAMPAIGN.webAttribution,
    title: 'Attribution That Sales Actually Believes',
    day: 320,
    recordingId: 'a-wr-attribution',
    durationMin: 48,
  },
  {
    campaignId: CAMPAIGN.webBenchmarks,
    title: 'Pipeline Benchmarks Live (Q2)',
    day: 228,
    recordingId: 'a-wr-benchmarks-q2',
    durationMin: 41,
  },
  {
    campaignId: CAMPAIGN.webBoard,
    title: 'Board-Ready Revenue Reporting',
    day: 128,
    recordingId: 'a-wr-board-reporting',
    durationMin: 52,
  },
  {
    campaignId: CAMPAIGN.webDgMetrics,
    title: 'From Leads to Pipeline: the Demand Gen Metrics That Matter',
    day: 42,
    recordingId: 'a-wr-dg-metrics',
    durationMin: 45,
  },
  {
    campaignId: CAMPAIGN.webForecasting,
    title: 'Revenue Analytics Live: Forecasting Without Spreadsheets',
    day: 14,
    recordingId: 'a-wr-forecasting-live',
    durationMin: 55,
  },
];

export function webinar(campaignId: string): WebinarSpec {
  const w = WEBINARS.find((x) => x.campaignId === campaignId);
  if (!w) throw new Error(`unknown demo webinar ${campaignId}`);
  return w;
}

export interface EventSpec {
  campaignId: string;
  /** How the booth visit reads on a timeline. */
  label: string;
  /** First day, in days before now, and length in days. */
  day: number;
  days: number;
  regions: Region[];
  customersOnly: boolean;
}

export const EVENTS: EventSpec[] = [
  {
    campaignId: CAMPAIGN.evtSummit,
    label: 'Booth #214 at Pipeline Summit, San Francisco (badge scanned)',
    day: 252,
    days: 3,
    regions: ['na', 'latam'],
    customersOnly: false,
  },
  {
    campaignId: CAMPAIGN.evtLondon,
    label: 'Revenue Leaders Forum, London: visited our stand',
    day: 101,
    days: 2,
    regions: ['emea'],
    customersOnly: false,
  },
  {
    campaignId: CAMPAIGN.evtApac,
    label: 'Data & Dollars Roadshow: attended the breakfast briefing',
    day: 74,
    days: 4,
    regions: ['apac'],
    customersOnly: false,
  },
  {
    campaignId: CAMPAIGN.evtCustomer,
    label: 'Acme Customer Summit: attended the Forecast Copilot roadmap session',
    day: 33,
    days: 2,
    regions: ['na', 'emea', 'latam', 'apac'],
    customersOnly: true,
  },
];

/** Website pages visitors browse; `intent` pages signal buying interest. */
export interface PageSpec {
  path: string;
  weight: number;
  intent: number;
  assetId?: string;
  /** Only exists from this many days before now (launch pages). */
  since?: number;
}

export const PAGES: PageSpec[] = [
  { path: '/', weight: 10, intent: 0 },
  { path: '/product/pipeline-analytics', weight: 6, intent: 1 },
  { path: '/product/attribution', weight: 5, intent: 1 },
  { path: '/product/forecast-copilot', weight: 6, intent: 1, since: 46 },
  { path: '/product/integrations/salesforce', weight: 3, intent: 1 },
  { path: '/product/integrations/hubspot', weight: 2, intent: 1 },
  { path: '/customers', weight: 3, intent: 1 },
  { path: '/security', weight: 2, intent: 2 },
  { path: '/pricing', weight: 3, intent: 3 },
  { path: '/compare/signalstack', weight: 1, intent: 2 },
  {
    path: '/blog/why-sales-ignores-your-mqls',
    weight: 4,
    intent: 0,
    assetId: 'a-blog-mql-definitions',
  },
  {
    path: '/blog/forecast-outgrown-spreadsheets',
    weight: 3,
    intent: 0,
    assetId: 'a-blog-forecast-spreadsheets',
  },
  {
    path: '/blog/revenue-metrics-your-board-reads',
    weight: 3,
    intent: 0,
    assetId: 'a-blog-board-metrics',
  },
  {
    path: '/blog/what-ai-forecasting-can-and-cannot-do',
    weight: 3,
    intent: 0,
    assetId: 'a-blog-ai-forecasting',
  },
  { path: '/blog/pipeline-summit-recap', weight: 1, intent: 0, assetId: 'a-blog-summit-recap' },
  { path: '/blog', weight: 3, intent: 0 },
  { path: '/about', weight: 1, intent: 0 },
  { path: '/careers', weight: 1, intent: 0 },
  { path: '/docs/api', weight: 1, intent: 1 },
  { path: '/events', weight: 1, intent: 0 },
];

/** Nurture tracks, by the role a lead's title puts them in; each email features one asset. */
export type RoleTrack =
  'demandGen' | 'mops' | 'revops' | 'revenue' | 'technical' | 'finance' | 'general';

export const NURTURE_TRACKS: Record<RoleTrack, { name: string; assets: string[] }> = {
  demandGen: {
    name: 'Demand gen track',
    assets: [
      'a-blog-mql-definitions',
      'a-ebook-attribution-guide',
      'a-one-pager-maturity-model',
      'a-wr-attribution',
      'a-cs-quillon',
      'a-report-q3-benchmarks',
      'a-one-pager-demand-gen',
      'a-demo-product-tour',
      'a-ebook-abm-measurement',
      'a-cmp-pipelinepilot',
      'a-roi-calculator',
    ],
  },
  mops: {
    name: 'Marketing ops track',
    assets: [
      'a-wp-dirty-crm-data',
      'a-blog-mql-definitions',
      'a-ebook-mops-audit',
      'a-ds-integrations',
      'a-ds-platform',
      'a-cs-quillon',
      'a-wr-dg-metrics',
      'a-one-pager-implementation',
      'a-cmp-pipelinepilot',
    ],
  },
  revops: {
    name: 'RevOps track',
    assets: [
      'a-ebook-revops-playbook',
      'a-wp-dirty-crm-data',
      'a-one-pager-revops',
      'a-ds-integrations',
      'a-report-q3-benchmarks',
      'a-cs-ferrovia',
      'a-demo-forecast-copilot',
      'a-one-pager-implementation',
    ],
  },
  revenue: {
    name: 'Revenue leader track',
    assets: [
      'a-blog-forecast-spreadsheets',
      'a-ebook-forecast-methods',
      'a-report-pipeline-benchmarks',
      'a-cs-larkspur',
      'a-wr-board-reporting',
      'a-report-analyst-brief',
      'a-cmp-signalstack',
      'a-demo-forecast-copilot',
      'a-cs-ferrovia',
    ],
  },
  technical: {
    name: 'Technical evaluator track',
    assets: [
      'a-video-overview',
      'a-wp-data-model',
      'a-ds-platform',
      'a-ds-integrations',
      'a-ds-security',
      'a-cs-ferrovia',
      'a-ds-forecast-copilot',
      'a-ds-security-questionnaire',
      'a-one-pager-implementation',
    ],
  },
  finance: {
    name: 'Finance track',
    assets: [
      'a-wp-single-source',
      'a-blog-board-metrics',
      'a-one-pager-finance',
      'a-cmp-spreadsheets',
      'a-cs-larkspur',
      'a-roi-calculator',
      'a-cs-banco-austral',
      'a-one-pager-business-case',
    ],
  },
  general: {
    name: 'General track',
    assets: [
      'a-video-overview',
      'a-report-pipeline-benchmarks',
      'a-blog-mql-definitions',
      'a-blog-forecast-spreadsheets',
      'a-demo-product-tour',
      'a-cs-larkspur',
      'a-roi-calculator',
    ],
  },
};

/** Monthly newsletter issues: days before now, the headline, and the asset it features. */
export const NEWSLETTER_ISSUES: { day: number; topic: string; assetId: string }[] = [
  {
    day: 348,
    topic: 'Why attribution fights start in the CRM',
    assetId: 'a-ebook-attribution-guide',
  },
  {
    day: 318,
    topic: 'Attribution that sales believes: the recording',
    assetId: 'a-wr-attribution',
  },
  {
    day: 289,
    topic: 'The benchmark numbers everyone asked about',
    assetId: 'a-report-pipeline-benchmarks',
  },
  { day: 259, topic: 'What dirty CRM data really costs', assetId: 'a-wp-dirty-crm-data' },
  { day: 229, topic: 'Notes from Pipeline Summit', assetId: 'a-blog-summit-recap' },
  { day: 200, topic: 'Your MQL definition is a contract', assetId: 'a-blog-mql-definitions' },
  { day: 170, topic: 'Forecasting in a down quarter', assetId: 'a-ebook-forecast-methods' },
  { day: 141, topic: 'What finance wants from RevOps', assetId: 'a-one-pager-finance' },
  {
    day: 111,
    topic: 'Board season: seven metrics that survive scrutiny',
    assetId: 'a-wr-board-reporting',
  },
  { day: 81, topic: 'Connecting the stack without another sync', assetId: 'a-ds-integrations' },
  { day: 51, topic: 'Q3 benchmarks are in', assetId: 'a-report-q3-benchmarks' },
  { day: 22, topic: 'AI forecasting without the hype', assetId: 'a-blog-ai-forecasting' },
];

export const LAUNCH_EMAIL = {
  day: 44,
  subject: 'Introducing Forecast Copilot: a forecast that explains itself',
  assetId: 'a-ds-forecast-copilot',
};

export const EXPANSION_EMAIL = {
  day: 29,
  subject: 'Forecast Copilot is ready for your workspace',
  assetId: 'a-one-pager-customer-addon',
};
