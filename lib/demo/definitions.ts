/**
 * The shared definitions of the demo workspace: personas, the scoring model and the lifecycle,
 * written the way the marketing and sales teams of the fictional vendor (Tandem Demo Co., selling
 * Acme Revenue Cloud, a revenue analytics platform) agreed them.
 *
 * Builders return fresh objects on every call so two generated bundles never share state.
 */
import type { Lifecycle, Persona, ScoringModel } from '../model';

export const PERSONA = {
  demandGen: 'p-demand-gen-leader',
  technical: 'p-technical-evaluator',
  revenueExec: 'p-revenue-executive',
  mops: 'p-marketing-ops',
  finance: 'p-finance-approver',
  revops: 'p-revops-leader',
} as const;
export type PersonaId = (typeof PERSONA)[keyof typeof PERSONA];

/** Industries the vendor sells best into (fit rules and persona criteria use the same names). */
export const CORE_INDUSTRIES = [
  'Software',
  'SaaS',
  'Fintech',
  'Financial Services',
  'Telecommunications',
  'Media',
  'E-commerce',
];
export const ADJACENT_INDUSTRIES = [
  'Insurance',
  'Healthcare',
  'Biotechnology',
  'Manufacturing',
  'Logistics',
  'Retail',
  'Professional Services',
];

/** Fictional competitors; leads from these domains are researching us, not buying. */
export const COMPETITOR_DOMAINS = ['pipelinepilot.io', 'signalstack-hq.com', 'forecastforge.ai'];

export function demoPersonas(): Persona[] {
  return [
    {
      id: PERSONA.demandGen,
      name: 'Demand Gen Leader',
      description:
        'Directors and VPs who own pipeline targets for marketing: demand generation, growth, field ' +
        'and digital marketing. They sign off on the marketing tech budget and are measured on ' +
        'marketing-sourced pipeline, not on leads.',
      criteria: [
        {
          id: 'dg-title',
          label: 'Title mentions demand gen, growth or marketing leadership',
          condition: {
            field: 'title',
            anyOf: [
              'demand gen',
              'demand generation',
              'growth',
              'marketing',
              'mktg',
              'CMO',
              'field marketing',
              'digital marketing',
              'acquisition',
            ],
          },
          weight: 30,
        },
        {
          id: 'dg-seniority',
          label: 'Director level or above',
          condition: { field: 'seniority', anyOf: ['director', 'vp', 'executive'] },
          weight: 20,
        },
        {
          id: 'dg-department',
          label: 'Works in marketing',
          condition: { field: 'department', anyOf: ['marketing'] },
          weight: 25,
        },
        {
          id: 'dg-size',
          label: 'Mid-market or enterprise (200 to 10,000 employees)',
          condition: { field: 'companySize', min: 200, max: 10000 },
          weight: 10,
        },
        {
          id: 'dg-industry',
          label: 'Software, fintech, financial services, telco, media or e-commerce',
          condition: { field: 'industry', anyOf: CORE_INDUSTRIES },
          weight: 10,
        },
        {
          id: 'dg-email',
          label: 'Business email address',
          condition: { field: 'emailDomain', anyOf: ['business'] },
          weight: 5,
        },
      ],
      pains: [
        'Sales says marketing leads are junk, and nobody can show which campaigns created pipeline',
        'Attribution lives in three spreadsheets that disagree with the CRM',
        'Board asks for pipeline coverage by channel and the answer takes a week',
        'MQL targets are hit while pipeline targets are missed',
      ],
      goals: [
        'Prove marketing-sourced and marketing-influenced pipeline in numbers sales accepts',
        'Move budget to the channels that create opportunities, not form fills',
        'Agree one MQL definition and SLA with sales leadership',
      ],
      objections: [
        'We already have attribution in our marketing automation platform',
        'My team has no analyst to run another tool',
        'We just renewed our BI licences',
      ],
      valueProposition:
        'Acme Revenue Cloud joins campaign, CRM and product data into one pipeline model, so demand ' +
        'gen leaders can show which programs create revenue, in a report sales and finance already trust.',
      talkingPoints: [
        'Ask how they report marketing-sourced pipeline to the board today, and how long it takes',
        'Share the Quillon Software case study: 2.1x sourced pipeline with shared attribution',
        'Offer the Q3 pipeline benchmarks to compare their MQL-to-SQL conversion',
        'Out of the box: multi-touch attribution that reads Salesforce and HubSpot as they are',
      ],
    },
    {
      id: PERSONA.technical,
      name: 'Technical Evaluator',
      description:
        'Engineering, IT and data leaders who review security, integrations and the data model ' +
        'before anything touches the CRM or the warehouse. They rarely start the deal but can stop it.',
      criteria: [
        {
          id: 'te-title',
          label: 'Title mentions engineering, IT, data or architecture',
          condition: {
            field: 'title',
            anyOf: [
              'engineering',
              'engineer',
              'CTO',
              'chief technology',
              'CIO',
              'information technology',
              'director of IT',
              'head of IT',
              'IT manager',
              'architect',
              'data',
              'developer',
              'infrastructure',
              'security',
            ],
          },
          weight: 30,
        },
        {
          id: 'te-department',
          label: 'Works in engineering, IT or data',
          condition: { field: 'department', anyOf: ['engineering', 'it', 'data'] },
          weight: 30,
        },
        {
          id: 'te-seniority',
          label: 'Senior individual contributor or above',
          condition: {
            field: 'seniority',
            anyOf: ['executive', 'vp', 'director', 'manager', 'senior'],
          },
          weight: 15,
        },
        {
          id: 'te-size',
          label: '500 employees or more',
          condition: { field: 'companySize', min: 500 },
          weight: 10,
        },
        {
          id: 'te-industry',
          label: 'Regulated or data-heavy industry',
          condition: {
            field: 'industry',
            anyOf: [
              'Software',
              'Financial Services',
              'Fintech',
              'Insurance',
              'Biotechnology',
              'Healthcare',
              'Telecommunications',
            ],
          },
          weight: 10,
        },
        {
          id: 'te-email',
          label: 'Business email address',
          condition: { field: 'emailDomain', anyOf: ['business'] },
          weight: 5,
        },
      ],
      pains: [
        'Every new go-to-market tool wants admin rights to Salesforce',
        'Revenue numbers are rebuilt in five places from the same raw tables',
        'Security reviews stall because vendors cannot answer data residency questions',
      ],
      goals: [
        'One governed revenue data model instead of shadow pipelines',
        'Read-only, least-privilege integrations with an audit trail',
        'No new data copies outside the region',
      ],
      objections: [
        'We can build this in our warehouse with dbt',
        'Your connector needs too many Salesforce permissions',
        'We need SOC 2 Type II and an EU data region before we talk',
      ],
      valueProposition:
        'Acme connects read-only to the CRM and warehouse, keeps data in the customer region, and ' +
        'ships a documented revenue data model, so engineering reviews one integration instead of five.',
      talkingPoints: [
        'Lead with the Security & Architecture overview: SOC 2 Type II, SSO/SCIM, EU and US regions',
        'Offer a 30-minute session with our solutions architect on the data model',
        'Native Snowflake and BigQuery sharing: no extra copies of CRM data',
        'Share the pre-filled security questionnaire before they ask',
      ],
    },
    {
      id: PERSONA.revenueExec,
      name: 'Revenue Executive',
      description:
        'CROs, VPs of Sales and heads of revenue who own the number and the forecast call. They buy ' +
        'when forecast misses get expensive or a board asks for better visibility.',
      criteria: [
        {
          id: 're-title',
          label: 'Title mentions sales, revenue or commercial leadership',
          condition: {
            field: 'title',
            anyOf: [
              'CRO',
              'chief revenue',
              'VP sales',
              'VP, sales',
              'head of sales',
              'sales director',
              'SVP',
              'revenue',
              'commercial',
            ],
          },
          weight: 30,
        },
        {
          id: 're-seniority',
          label: 'Director, VP or C-level',
          condition: { field: 'seniority', anyOf: ['executive', 'vp', 'director'] },
          weight: 25,
        },
        {
          id: 're-department',
          label: 'Works in sales',
          condition: { field: 'department', anyOf: ['sales'] },
          weight: 25,
        },
        {
          id: 're-size',
          label: '200 employees or more',
          condition: { field: 'companySize', min: 200 },
          weight: 10,
        },
        {
          id: 're-region',
          label: 'North America or EMEA',
          condition: { field: 'region', anyOf: ['na', 'emea'] },
          weight: 5,
        },
        {
          id: 're-email',
          label: 'Business email address',
          condition: { field: 'emailDomain', anyOf: ['business'] },
          weight: 5,
        },
      ],
      pains: [
        'Forecast calls are opinion contests; the number moves 20% in the last two weeks',
        'No single view of pipeline health by segment, rep and source',
        'Board decks are built by hand every quarter',
      ],
      goals: [
        'Call the quarter within 5% by week six',
        'Spot slipping deals and coverage gaps early',
        'Hold marketing and sales to the same pipeline numbers',
      ],
      objections: [
        'Our CRM dashboards are good enough',
        'Reps will not adopt another tool',
        'We tried a revenue intelligence tool and it became shelfware',
      ],
      valueProposition:
        'Acme gives revenue leaders a forecast built from real pipeline signals and one set of ' +
        'numbers for sales, marketing and finance, without asking reps to leave the CRM.',
      talkingPoints: [
        'Ask what their forecast accuracy was last quarter and how they measure it',
        'Larkspur Health cut forecast variance by 38% in two quarters',
        'Forecast Copilot explains each deal-level change in plain English',
        'Nothing new for reps: Acme reads the CRM they already update',
      ],
    },
    {
      id: PERSONA.mops,
      name: 'Marketing Ops Specialist',
      description:
        'Managers and hands-on specialists who run the marketing automation platform, lead scoring ' +
        'and routing. They feel the data problems first and often bring us in.',
      criteria: [
        {
          id: 'mo-title',
          label: 'Title mentions marketing operations or marketing automation',
          condition: {
            field: 'title',
            anyOf: [
              'marketing operations',
              'marketing ops',
              'MOps',
              'marketing automation',
              'martech',
              'marketing technologist',
              'Marketo',
              'HubSpot',
              'campaign operations',
              'marketing coordinator',
            ],
          },
          weight: 35,
        },
        {
          id: 'mo-seniority',
          label: 'Manager or individual contributor',
          condition: { field: 'seniority', anyOf: ['manager', 'senior', 'individual', 'entry'] },
          weight: 20,
        },
        {
          id: 'mo-department',
          label: 'Works in marketing or operations',
          condition: { field: 'department', anyOf: ['marketing', 'operations'] },
          weight: 20,
        },
        {
          id: 'mo-size',
          label: '50 employees or more',
          condition: { field: 'companySize', min: 50 },
          weight: 10,
        },
        {
          id: 'mo-industry',
          label: 'Software, fintech, financial services, telco, media or e-commerce',
          condition: { field: 'industry', anyOf: CORE_INDUSTRIES },
          weight: 5,
        },
        {
          id: 'mo-email',
          label: 'Business email address',
          condition: { field: 'emailDomain', anyOf: ['business'] },
          weight: 10,
        },
      ],
      pains: [
        'Lead scoring was set up three years ago and nobody trusts it',
        'Spends Mondays reconciling campaign numbers between the MAP and Salesforce',
        'Routing breaks whenever sales changes territories',
      ],
      goals: [
        'A scoring model sales can read and marketing can tune',
        'Clean campaign attribution without manual UTM clean-up',
        'Fewer custom fields and fewer sync errors',
      ],
      objections: [
        'Another tool means another sync to babysit',
        'We are mid-migration from Marketo to HubSpot',
        'I need my manager to prioritise this',
      ],
      valueProposition:
        'Acme reads Marketo, HubSpot and Salesforce as they are and explains every score and ' +
        'attribution number, so marketing ops stops being the human sync between systems.',
      talkingPoints: [
        'Offer the Marketing Ops Stack Audit Workbook as a first step',
        'Show the explainable score: every point, its source touch and its age',
        'Setup is a read-only connector; no new fields in the MAP',
        'Ask who their champion is for a business case to their VP',
      ],
    },
    {
      id: PERSONA.finance,
      name: 'Finance Approver',
      description:
        'CFOs, finance directors, FP&A and procurement. They approve the spend and want the revenue ' +
        'numbers finance reports to match what sales and marketing say.',
      criteria: [
        {
          id: 'fi-title',
          label: 'Title mentions finance, FP&A, controller or procurement',
          condition: {
            field: 'title',
            anyOf: [
              'CFO',
              'chief financial',
              'finance',
              'FP&A',
              'controller',
              'procurement',
              'treasurer',
            ],
          },
          weight: 35,
        },
        {
          id: 'fi-department',
          label: 'Works in finance',
          condition: { field: 'department', anyOf: ['finance'] },
          weight: 30,
        },
        {
          id: 'fi-seniority',
          label: 'Director, VP or C-level',
          condition: { field: 'seniority', anyOf: ['executive', 'vp', 'director'] },
          weight: 20,
        },
        {
          id: 'fi-size',
          label: '200 employees or more',
          condition: { field: 'companySize', min: 200 },
          weight: 10,
        },
        {
          id: 'fi-email',
          label: 'Business email address',
          condition: { field: 'emailDomain', anyOf: ['business'] },
          weight: 5,
        },
      ],
      pains: [
        'Bookings, pipeline and revenue are three different numbers in three meetings',
        'Every new tool is another annual contract with unclear payback',
        'Forecast misses hit cash planning',
      ],
      goals: [
        'A forecast finance can plan cash on',
        'Payback under 12 months on any new GTM software',
        'Fewer overlapping tools in the stack',
      ],
      objections: [
        'This is not in this year’s budget',
        'Show me the ROI with our numbers, not a benchmark',
        'We need a 12-month term, not three years',
      ],
      valueProposition:
        'Acme replaces manual revenue reporting and overlapping BI seats, and typically pays back in ' +
        'under nine months through forecast accuracy and retired tools.',
      talkingPoints: [
        'Bring the ROI calculator pre-filled with their seat counts and tools',
        'Banco Austral passed its audit with governed revenue metrics',
        'Annual terms and implementation services are available this quarter',
        'Offer a business case kit their champion can present',
      ],
    },
    {
      id: PERSONA.revops,
      name: 'RevOps Leader',
      description:
        'Heads and managers of revenue or sales operations who own the CRM, territories and the ' +
        'funnel definitions. Often the day-to-day owner of Acme after purchase.',
      criteria: [
        {
          id: 'ro-title',
          label: 'Title mentions revenue, sales or GTM operations',
          condition: {
            field: 'title',
            anyOf: [
              'revenue operations',
              'RevOps',
              'rev ops',
              'sales operations',
              'sales ops',
              'GTM operations',
              'go-to-market operations',
            ],
          },
          weight: 35,
        },
        {
          id: 'ro-department',
          label: 'Works in operations or sales',
          condition: { field: 'department', anyOf: ['operations', 'sales'] },
          weight: 20,
        },
        {
          id: 'ro-seniority',
          label: 'Senior individual contributor to VP',
          condition: { field: 'seniority', anyOf: ['vp', 'director', 'manager', 'senior'] },
          weight: 20,
        },
        {
          id: 'ro-size',
          label: 'Mid-market or enterprise (200 to 10,000 employees)',
          condition: { field: 'companySize', min: 200, max: 10000 },
          weight: 10,
        },
        {
          id: 'ro-region',
          label: 'North America, EMEA or APAC',
          condition: { field: 'region', anyOf: ['na', 'emea', 'apac'] },
          weight: 5,
        },
        {
          id: 'ro-email',
          label: 'Business email address',
          condition: { field: 'emailDomain', anyOf: ['business'] },
          weight: 10,
        },
      ],
      pains: [
        'Owns the funnel definitions but cannot get marketing and sales to use the same ones',
        'Pipeline reports break whenever a field or stage changes',
        'Half the week goes to ad-hoc report requests',
      ],
      goals: [
        'One funnel model from first touch to renewal',
        'Self-serve pipeline reporting for leaders',
        'Clean hand-off rules with an SLA that is actually measured',
      ],
      objections: [
        'We are rebuilding our CRM this year',
        'I would rather build it in Salesforce reports',
      ],
      valueProposition:
        'Acme gives RevOps a governed funnel model across marketing and sales, with SLA tracking and ' +
        'self-serve dashboards, so the team stops building reports by hand.',
      talkingPoints: [
        'Show MQL SLA tracking by rep and by team',
        'The 30-60-90 day implementation plan fits around a CRM rebuild',
        'Ask which funnel definitions changed in the last year and what broke',
      ],
    },
  ];
}

export function demoScoringModel(): ScoringModel {
  return {
    id: 'acme-lead-score-v3',
    name: 'Acme lead score v3 (agreed with Sales)',
    fit: {
      cap: 100,
      rules: [
        {
          id: 'fit-seniority-vp-plus',
          label: 'VP or C-level',
          condition: { field: 'seniority', anyOf: ['executive', 'vp'] },
          points: 24,
        },
        {
          id: 'fit-seniority-director',
          label: 'Director or head of a function',
          condition: { field: 'seniority', anyOf: ['director'] },
          points: 15,
        },
        {
          id: 'fit-seniority-manager',
          label: 'Manager or senior individual contributor',
          condition: { field: 'seniority', anyOf: ['manager', 'senior'] },
          points: 6,
        },
        {
          id: 'fit-dept-marketing',
          label: 'Marketing (our primary buyer)',
          condition: { field: 'department', anyOf: ['marketing'] },
          points: 13,
        },
        {
          id: 'fit-dept-revenue',
          label: 'Sales or revenue operations',
          condition: { field: 'department', anyOf: ['sales', 'operations'] },
          points: 10,
        },
        {
          id: 'fit-dept-technical',
          label: 'Engineering, IT or data (evaluator)',
          condition: { field: 'department', anyOf: ['engineering', 'it', 'data'] },
          points: 8,
        },
        {
          id: 'fit-dept-finance',
          label: 'Finance (approver)',
          condition: { field: 'department', anyOf: ['finance'] },
          points: 8,
        },
        {
          id: 'fit-size-enterprise',
          label: 'Enterprise: 1,000 to 10,000 employees (our ICP)',
          condition: { field: 'companySize', min: 1000, max: 10000 },
          points: 24,
        },
        {
          id: 'fit-size-large',
          label: 'Large enterprise: over 10,000 employees',
          condition: { field: 'companySize', min: 10001 },
          points: 18,
        },
        {
          id: 'fit-size-midmarket',
          label: 'Mid-market: 200 to 999 employees',
          condition: { field: 'companySize', min: 200, max: 999 },
          points: 8,
        },
        {
          id: 'fit-size-smb',
          label: 'Small business: 50 to 199 employees',
          condition: { field: 'companySize', min: 50, max: 199 },
          points: 3,
        },
        {
          id: 'fit-industry-core',
          label: 'Core industry (software, fintech, financial services, telco, media, e-commerce)',
          condition: { field: 'industry', anyOf: CORE_INDUSTRIES },
          points: 8,
        },
        {
          id: 'fit-industry-adjacent',
          label: 'Adjacent industry (insurance, health, biotech, manufacturing, logistics, retail)',
          condition: { field: 'industry', anyOf: ADJACENT_INDUSTRIES },
          points: 4,
        },
        {
          id: 'fit-region-core',
          label: 'North America or EMEA (covered by field sales)',
          condition: { field: 'region', anyOf: ['na', 'emea'] },
          points: 6,
        },
        {
          id: 'fit-region-apac',
          label: 'APAC (covered by inside sales)',
          condition: { field: 'region', anyOf: ['apac'] },
          points: 3,
        },
        {
          id: 'fit-business-email',
          label: 'Business email address',
          condition: { field: 'emailDomain', anyOf: ['business'] },
          points: 6,
        },
      ],
    },
    engagement: {
      cap: 100,
      halfLifeDays: 30,
      rules: [
        {
          id: 'eng-email-open',
          label: 'Opened a marketing email',
          touchTypes: ['email_opened'],
          points: 1,
          cap: 4,
          decays: true,
        },
        {
          id: 'eng-email-click',
          label: 'Clicked a link in a marketing email',
          touchTypes: ['email_clicked'],
          points: 2,
          cap: 6,
          decays: true,
        },
        {
          id: 'eng-form',
          label: 'Submitted a form',
          touchTypes: ['form_submitted'],
          points: 4,
          cap: 12,
          decays: true,
        },
        {
          id: 'eng-download',
          label: 'Downloaded content',
          touchTypes: ['content_downloaded'],
          points: 3,
          cap: 9,
          decays: true,
        },
        {
          id: 'eng-decision-content',
          label: 'Downloaded decision-stage content (case study, comparison, ROI, pricing)',
          touchTypes: ['content_downloaded'],
          assetTypes: ['case_study', 'comparison', 'roi_calculator', 'pricing'],
          points: 3,
          cap: 6,
          decays: true,
        },
        {
          id: 'eng-pricing-page',
          label: 'Viewed the pricing page',
          touchTypes: ['page_viewed'],
          urlContains: ['/pricing'],
          points: 3,
          cap: 9,
          decays: true,
        },
        {
          id: 'eng-web-visit',
          label: 'Visited the website',
          touchTypes: ['page_viewed'],
          points: 0.5,
          cap: 3,
          decays: true,
        },
        {
          id: 'eng-ad-click',
          label: 'Clicked an ad',
          touchTypes: ['ad_clicked'],
          points: 1,
          cap: 3,
          decays: true,
        },
        {
          id: 'eng-webinar-registered',
          label: 'Registered for a webinar',
          touchTypes: ['webinar_registered'],
          points: 3,
          cap: 6,
          decays: true,
        },
        {
          id: 'eng-webinar-attended',
          label: 'Attended a webinar',
          touchTypes: ['webinar_attended'],
          points: 8,
          cap: 16,
          decays: true,
        },
        {
          id: 'eng-event-attended',
          label: 'Visited our booth or attended an event',
          touchTypes: ['event_attended'],
          points: 8,
          cap: 16,
          decays: true,
        },
        {
          id: 'eng-chat',
          label: 'Chatted with us on the website',
          touchTypes: ['chat'],
          points: 4,
          cap: 8,
          decays: true,
        },
        {
          id: 'eng-meeting',
          label: 'Booked a meeting',
          touchTypes: ['meeting_booked'],
          points: 15,
          cap: 15,
          decays: true,
        },
        {
          id: 'eng-trial',
          label: 'Started a free trial',
          touchTypes: ['trial_signup'],
          points: 20,
          cap: 20,
          decays: true,
        },
      ],
    },
    negative: [
      {
        id: 'neg-unsubscribed',
        label: 'Unsubscribed from marketing email',
        when: { kind: 'touch', touchTypes: ['email_unsubscribed'] },
        points: -25,
      },
      {
        id: 'neg-bounced',
        label: 'Email bounced',
        when: { kind: 'touch', touchTypes: ['email_bounced'] },
        points: -10,
      },
      {
        id: 'neg-personal-email',
        label: 'Personal email address (Gmail, Outlook, ...)',
        when: { kind: 'fit', condition: { field: 'emailDomain', anyOf: ['personal'] } },
        points: -10,
      },
      {
        id: 'neg-student-email',
        label: 'Student email address',
        when: { kind: 'fit', condition: { field: 'emailDomain', anyOf: ['student'] } },
        points: -30,
      },
      {
        id: 'neg-competitor',
        label: 'Works for a competitor',
        when: { kind: 'fit', condition: { field: 'emailDomain', anyOf: ['competitor'] } },
        points: -100,
      },
    ],
    competitorDomains: [...COMPETITOR_DOMAINS],
    thresholds: { mql: 60, sql: 90 },
    gradeBands: [
      { grade: 'A', minFit: 80 },
      { grade: 'B', minFit: 60 },
      { grade: 'C', minFit: 40 },
      { grade: 'D', minFit: 20 },
      { grade: 'F', minFit: 0 },
    ],
  };
}

export function demoLifecycle(): Lifecycle {
  return {
    mqlSlaHours: 48,
    stages: [
      {
        stage: 'subscriber',
        label: 'Subscriber',
        criteria:
          'Opted in to the newsletter or a content list. No buying signal yet; marketing nurtures, ' +
          'sales does not call.',
      },
      {
        stage: 'lead',
        label: 'Lead',
        criteria:
          'We have a business email, company and title, and they engaged at least once beyond the ' +
          'newsletter (form, download, webinar, event). Marketing nurtures until the score reaches the MQL line.',
      },
      {
        stage: 'mql',
        label: 'Marketing Qualified Lead (MQL)',
        criteria:
          'Score of 60 or more with fit grade C or better, or a hand-raise (demo request, contact ' +
          'sales, pricing chat). Routed to the account owner or the SDR queue; first contact within 48 hours.',
      },
      {
        stage: 'sal',
        label: 'Sales Accepted Lead (SAL)',
        criteria:
          'A rep reviewed the MQL within the SLA and accepted it: right persona, real company, worth a ' +
          'conversation. Rejected MQLs go back to marketing with a reason.',
      },
      {
        stage: 'sql',
        label: 'Sales Qualified Lead (SQL)',
        criteria:
          'Discovery call held. Confirmed pain our product solves, a buying role on the call, and a ' +
          'timeframe within 6 months. Score of 90 or more usually precedes this.',
      },
      {
        stage: 'opportunity',
        label: 'Opportunity',
        criteria:
          'An opportunity is open in Salesforce with an amount, a close date, and a next step booked ' +
          'with the economic buyer or their delegate.',
      },
      {
        stage: 'customer',
        label: 'Customer',
        criteria: 'Closed-won: a signed order form. Marketing moves them to customer programs.',
      },
      {
        stage: 'disqualified',
        label: 'Disqualified',
        criteria:
          'Rejected with a reason (bad fit, competitor, student or personal sign-up, bad data, ' +
          'duplicate). Kept for reporting; excluded from nurture except the newsletter when opted in.',
      },
    ],
    rejectionReasons: [
      { id: 'not_ready', label: 'Not ready to buy yet (timing)' },
      { id: 'bad_fit', label: 'Bad fit: company or role outside our target market' },
      { id: 'wrong_persona', label: 'Wrong person: not a buyer or influencer' },
      { id: 'no_budget', label: 'No budget this year' },
      { id: 'duplicate', label: 'Duplicate of an existing lead or contact' },
      { id: 'bad_data', label: 'Bad contact data (email or phone wrong)' },
      { id: 'competitor', label: 'Competitor or partner researching us' },
      { id: 'student_or_personal', label: 'Student or personal sign-up' },
    ],
  };
}
