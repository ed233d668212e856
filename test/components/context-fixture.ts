import { screen, waitFor } from '@testing-library/react';
import { t } from '../../lib/i18n';
import type { DetectedRecord, LeadContext, MatchedLeadContext } from '../../lib/model';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export { NOW };

export const detected: DetectedRecord = {
  ref: { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: '00Q5g00000ABCDeEAP' },
  url: 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
  adapterId: 'salesforce-lightning',
  fields: {
    name: {
      value: 'Dana Whitfield',
      provenance: { source: 'dom', detail: 'lightning-formatted-name' },
    },
    email: {
      value: 'dana.whitfield@northwind-analytics.com',
      provenance: { source: 'dom', detail: 'email' },
    },
  },
};

/** A hand-built context (not from the engines) so component tests stand on their own. */
export function matchedContext(overrides: Partial<MatchedLeadContext> = {}): MatchedLeadContext {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  return {
    status: 'matched',
    detected,
    match: { leadKey: 'L-0001', rule: 'crm_id', confidence: 1 },
    lead: {
      key: 'L-0001',
      firstName: 'Dana',
      lastName: 'Whitfield',
      email: 'dana.whitfield@northwind-analytics.com',
      company: 'Northwind Analytics',
      title: 'Sr. Dir., Demand Gen',
      crmRefs: [detected.ref],
      stage: 'mql',
      stageChangedAt: NOW - 51 * 3_600_000,
      updatedAt: NOW - 3_600_000,
    },
    persona: {
      normalized: { seniority: 'director', department: 'marketing' },
      top: {
        personaId: 'demand-gen-leader',
        personaName: 'Demand Gen Leader',
        percent: 85,
        criteria: [
          {
            criterionId: 'seniority',
            label: 'Director or above',
            weight: 3,
            matched: true,
            explanation: 'title "Sr. Dir., Demand Gen" -> seniority director',
          },
          {
            criterionId: 'size',
            label: '200 to 5000 employees',
            weight: 1,
            matched: false,
            explanation: 'unknown',
          },
        ],
      },
      runnerUp: { personaId: 'mops', personaName: 'Marketing Ops', percent: 40, criteria: [] },
    },
    personas: [
      {
        id: 'demand-gen-leader',
        name: 'Demand Gen Leader',
        description: '',
        criteria: [
          {
            id: 'seniority',
            label: 'Director or above',
            weight: 3,
            condition: { field: 'seniority', anyOf: ['director'] },
          },
        ],
        pains: [`Pipeline targets ${hostile}`],
        goals: [],
        objections: ['We already have a BI tool'],
        valueProposition: 'See which campaigns create pipeline.',
        talkingPoints: ['Ask about attribution'],
      },
    ],
    score: {
      fit: 40,
      fitCap: 100,
      fitCapped: false,
      engagement: 32.5,
      engagementCap: 100,
      engagementCapped: false,
      negative: -10,
      total: 62.5,
      fitPercent: 40,
      grade: 'C',
      contributions: [
        {
          ruleId: 'fit-director',
          label: 'Director or above',
          category: 'fit',
          rawPoints: 40,
          points: 40,
          decayFactor: 1,
          capped: false,
        },
        {
          ruleId: 'eng-pricing',
          label: 'Pricing page view',
          category: 'engagement',
          rawPoints: 15,
          points: 7.5,
          touchId: 't1',
          at: NOW - 30 * 86_400_000,
          ageDays: 30,
          decayFactor: 0.5,
          capped: false,
        },
        {
          ruleId: 'eng-webinar',
          label: 'Webinar attended',
          category: 'engagement',
          rawPoints: 25,
          points: 25,
          decayFactor: 1,
          capped: true,
        },
        {
          ruleId: 'neg-bounce',
          label: 'Email bounced',
          category: 'negative',
          rawPoints: -10,
          points: -10,
          decayFactor: 1,
          capped: false,
        },
      ],
      thresholds: { mql: 60, sql: 90 },
      toMql: 0,
      toSql: 27.5,
      stageSuggestion: 'mql',
      history: [
        { at: NOW - 86_400_000, total: 50 },
        { at: NOW, total: 62.5 },
      ],
      boosters: [{ ruleId: 'eng-meeting', label: 'Meeting booked', gain: 30 }],
    },
    timeline: {
      days: [
        {
          day: '2026-11-23',
          campaignIds: ['c1'],
          touches: [
            {
              id: 't2',
              leadKey: 'L-0001',
              at: NOW - 3_600_000,
              type: 'page_viewed',
              channel: 'web',
              detail: `/pricing ${hostile}`,
              source: 'demo',
              botSuspect: false,
            },
            {
              id: 't3',
              leadKey: 'L-0001',
              at: NOW - 7_200_000,
              type: 'email_clicked',
              channel: 'email',
              campaignId: 'c1',
              source: 'demo',
              botSuspect: true,
            },
          ],
        },
      ],
      total: 2,
      botSuspect: 1,
      surges: [{ kind: 'pricing', start: NOW - 3_600_000, end: NOW - 3_600_000, touchIds: ['t2'] }],
    },
    recommendations: [
      {
        assetId: 'a1',
        score: 3,
        reasons: [
          { kind: 'persona_fit', value: 'Demand Gen Leader' },
          { kind: 'stage_fit', value: 'consideration' },
        ],
      },
      { assetId: 'a2', score: 2, reasons: [{ kind: 'recent', value: 12 }] },
    ],
    assets: [
      {
        id: 'a1',
        title: `Pipeline benchmarks ${hostile}`,
        type: 'report',
        url: 'https://www.acme-revenue.example/r/1',
        summary: '',
        personaIds: [],
        stages: [],
        publishedAt: NOW,
        tags: [],
      },
      // A hostile URL in data: it must never become a link.
      {
        id: 'a2',
        title: 'ROI calculator',
        type: 'roi_calculator',
        url: 'javascript:alert(1)' as string,
        summary: '',
        personaIds: [],
        stages: [],
        publishedAt: NOW,
        tags: [],
      },
    ],
    campaigns: [
      {
        id: 'c1',
        name: 'Q4 nurture',
        type: 'nurture',
        channel: 'email',
        startAt: NOW - 90 * 86_400_000,
        personaIds: [],
      },
    ],
    funnelStage: 'consideration',
    sla: {
      stage: 'mql',
      stageLabel: 'MQL',
      since: NOW - 51 * 3_600_000,
      dueAt: NOW - 3 * 3_600_000,
      overdue: true,
    },
    stages: [],
    rejectionReasons: [{ id: 'not_ready', label: 'Not ready' }],
    dataUpdatedAt: NOW - 3 * 3_600_000,
    computedAt: NOW,
    ...overrides,
  };
}

export const noHistory: LeadContext = { status: 'no-history', detected, computedAt: NOW };

/**
 * The sidebar commits a record's first screen at once and the sections below it (persona,
 * touches, content) after the browser has produced the next frame: waits until they are in.
 */
export async function sectionsBelow(): Promise<void> {
  await waitFor(() => {
    if (!screen.queryByTestId('record')) throw new Error('no record rendered');
    if (screen.queryByText(t('sidebarLoadingMore'))) throw new Error('sections below not yet in');
  });
}
