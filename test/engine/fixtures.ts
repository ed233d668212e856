/** Builders for engine tests: every object goes through its zod schema, so fixtures stay valid. */
import type { z } from 'zod';
import {
  Asset,
  EngagementRule,
  FitRule,
  Lead,
  Lifecycle,
  Persona,
  PersonaCriterion,
  ScoringModel,
  Touch,
} from '../../lib/model';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** 2025-03-15T12:00:00Z: a fixed "now" so every age in the tests is computed by hand. */
export const NOW = Date.UTC(2025, 2, 15, 12, 0, 0);

type TouchIn = z.input<typeof Touch>;
type LeadIn = z.input<typeof Lead>;
type AssetIn = z.input<typeof Asset>;
type PersonaIn = z.input<typeof Persona>;
type ModelIn = z.input<typeof ScoringModel>;
type LifecycleIn = z.input<typeof Lifecycle>;

let touchSeq = 0;
export function touch(p: Partial<TouchIn> & Pick<TouchIn, 'type' | 'at'>): Touch {
  touchSeq++;
  return Touch.parse({
    id: `t${String(touchSeq).padStart(5, '0')}`,
    leadKey: 'L1',
    channel: 'web',
    source: 'demo',
    ...p,
  });
}

export function lead(p: Partial<LeadIn> = {}): Lead {
  return Lead.parse({ key: 'L1', updatedAt: NOW - DAY, ...p });
}

export function asset(p: Partial<AssetIn> & Pick<AssetIn, 'id'>): Asset {
  return Asset.parse({
    title: `Asset ${p.id}`,
    type: 'whitepaper',
    url: `https://example.com/${p.id}`,
    publishedAt: NOW - 200 * DAY,
    ...p,
  });
}

export function persona(p: Partial<PersonaIn> & Pick<PersonaIn, 'id' | 'criteria'>): Persona {
  return Persona.parse({ name: `Persona ${p.id}`, ...p });
}

export function model(p: Partial<ModelIn> = {}): ScoringModel {
  return ScoringModel.parse({
    id: 'm1',
    name: 'Test model',
    fit: { rules: [], cap: 50 },
    engagement: { rules: [], cap: 100, halfLifeDays: 30 },
    negative: [],
    competitorDomains: [],
    thresholds: { mql: 50, sql: 80 },
    gradeBands: [
      { grade: 'A', minFit: 80 },
      { grade: 'B', minFit: 60 },
      { grade: 'C', minFit: 40 },
      { grade: 'D', minFit: 0 },
    ],
    ...p,
  });
}

export function lifecycle(p: Partial<LifecycleIn> = {}): Lifecycle {
  return Lifecycle.parse({
    stages: [
      { stage: 'lead', label: 'Lead', criteria: 'Known contact' },
      { stage: 'mql', label: 'Marketing qualified', criteria: 'Score >= 50' },
    ],
    mqlSlaHours: 48,
    rejectionReasons: [{ id: 'bad_fit', label: 'Bad fit' }],
    ...p,
  });
}

/** Fisher-Yates with a seeded generator, for order-independence checks. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export type EngagementRuleIn = z.input<typeof EngagementRule>;
export type FitRuleIn = z.input<typeof FitRule>;
export type CriterionIn = z.input<typeof PersonaCriterion>;
