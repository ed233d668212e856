/**
 * Tiny, valid workspace data built inline (the demo generator is not used here on purpose: these
 * tests must not move when the demo data does). Everything goes through the zod model, so the
 * fixtures are exactly what a validated import would hand the store.
 */
import {
  Lead,
  TandemEvent,
  Touch,
  WorkspaceBundle,
  type RecordRef,
  type WorkspaceBundleInput,
} from '../../lib/model';
import type { z } from 'zod';

/** 2025-01-01T00:00:00Z */
export const T0 = Date.UTC(2025, 0, 1);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const REP = { name: 'Rita Rep', email: 'rita@seller.example' };

export function ref(recordId: string, overrides: Partial<RecordRef> = {}): RecordRef {
  return { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId, ...overrides };
}

export function makeLead(key: string, fields: Partial<z.input<typeof Lead>> = {}): Lead {
  return Lead.parse({ key, updatedAt: T0, ...fields });
}

export function makeTouch(
  id: string,
  leadKey: string,
  at: number,
  fields: Partial<z.input<typeof Touch>> = {},
): Touch {
  return Touch.parse({
    id,
    leadKey,
    at,
    type: 'email_opened',
    channel: 'email',
    source: 'demo',
    ...fields,
  });
}

/** UUID v7-shaped ids (time-ordered by `n`) that zod's `z.uuid()` accepts. */
export function eventId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

export function feedback(
  n: number,
  assetId: string,
  rating: 'useful' | 'not_relevant' | 'outdated' | 'missing_info',
  fields: Record<string, unknown> = {},
): TandemEvent {
  return TandemEvent.parse({
    id: eventId(n),
    kind: 'content_feedback',
    at: T0 + n * HOUR,
    rep: REP,
    assetId,
    rating,
    ...fields,
  });
}

export function usage(
  n: number,
  assetId: string,
  fields: Record<string, unknown> = {},
): TandemEvent {
  return TandemEvent.parse({
    id: eventId(n),
    kind: 'asset_usage',
    at: T0 + n * HOUR,
    rep: REP,
    action: 'copied',
    assetId,
    ...fields,
  });
}

export const ADA_SF = ref('00Q5e00000AbCdEEAZ');
export const ADA_HS = ref('101', { crm: 'hubspot', tenant: '4711', objectType: 'contact' });
export const JOSE_SF = ref('00Q5e00000XyZ12EAB');

export function baseLeads(): Lead[] {
  return [
    makeLead('ada', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada.Lovelace@Example.com',
      company: 'Analytical Engines',
      crmRefs: [ADA_SF, ADA_HS],
    }),
    makeLead('jose', {
      firstName: 'José',
      lastName: 'Núñez',
      email: 'jose.nunez@example.org',
      crmRefs: [JOSE_SF],
    }),
    makeLead('soren', { firstName: 'Søren', lastName: 'Kierkegaard', email: 'soren@example.dk' }),
    // Same name as Ada, another person: name lookups return both.
    makeLead('ada2', { firstName: 'ADA', lastName: 'lovelace', email: 'ada@other.example' }),
    makeLead('anon', { company: 'Nameless Inc.' }),
  ];
}

export function baseTouches(): Touch[] {
  // Deliberately not in time order: the index has to order them.
  return [
    makeTouch('t3', 'ada', T0 + 3 * DAY, { type: 'page_viewed', channel: 'web', campaignId: 'c1' }),
    makeTouch('t1', 'ada', T0 + 1 * DAY, { campaignId: 'c1' }),
    makeTouch('t5', 'ada', T0 + 5 * DAY),
    makeTouch('t2', 'ada', T0 + 2 * DAY),
    makeTouch('t4', 'ada', T0 + 4 * DAY),
    makeTouch('j1', 'jose', T0 + 2 * DAY),
    makeTouch('s1', 'soren', T0),
  ];
}

export function makeBundle(overrides: Partial<WorkspaceBundleInput> = {}): WorkspaceBundle {
  return WorkspaceBundle.parse({
    format: 'tandem.workspace',
    version: 1,
    workspace: { id: 'ws-test', name: 'Test workspace', updatedAt: T0 + 10 * DAY },
    personas: [
      {
        id: 'p-ops',
        name: 'Marketing Ops',
        criteria: [
          {
            id: 'dept',
            label: 'Works in marketing',
            condition: { field: 'department', anyOf: ['marketing'] },
            weight: 1,
          },
        ],
      },
    ],
    campaigns: [
      {
        id: 'c1',
        name: 'Spring nurture',
        type: 'nurture',
        channel: 'email',
        startAt: T0,
      },
    ],
    assets: [
      {
        id: 'a1',
        title: 'ROI guide',
        type: 'whitepaper',
        url: 'https://example.com/roi',
        publishedAt: T0,
      },
      {
        id: 'a2',
        title: 'Pricing sheet',
        type: 'pricing',
        url: 'https://example.com/pricing',
        publishedAt: T0,
      },
    ],
    scoringModel: {
      id: 'sm1',
      name: 'Default',
      fit: { rules: [], cap: 50 },
      engagement: { rules: [], cap: 50, halfLifeDays: 30 },
      thresholds: { mql: 50, sql: 80 },
      gradeBands: [{ grade: 'A', minFit: 0 }],
    },
    lifecycle: {
      stages: [{ stage: 'lead', label: 'Lead', criteria: 'Known person' }],
      mqlSlaHours: 24,
      rejectionReasons: [{ id: 'bad-fit', label: 'Bad fit' }],
    },
    leads: baseLeads(),
    touches: baseTouches(),
    events: [feedback(1, 'a1', 'useful')],
    ...overrides,
  });
}
