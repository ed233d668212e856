import type { ImportKind } from '../types';
import { assetsCsv, campaignsCsv, personasCsv } from './definitions';
import { hubspot } from './hubspot';
import { marketo } from './marketo';
import { salesforce } from './salesforce';
import type { CsvPreset } from './types';

export { genericPreset, mappingProblems, suggestMapping, touchType } from './generic';
export { MARKETO_ACTIVITY_TYPES } from './marketo';
export type { CsvPreset, Row, RowResult } from './types';

/** Presets recognized by their header, most specific first. */
export const PRESETS: readonly CsvPreset[] = [
  marketo,
  hubspot,
  salesforce,
  personasCsv,
  assetsCsv,
  campaignsCsv,
];

export function presetFor(kind: ImportKind): CsvPreset | undefined {
  return PRESETS.find((p) => p.kind === kind);
}

/** The preset whose export this header looks like, if any. */
export function detectPreset(header: readonly string[]): CsvPreset | undefined {
  const set = new Set(header.map((h) => h.trim().toLowerCase()));
  return PRESETS.find((p) => p.matches(set));
}
