/**
 * Reason chips a rep can add to content feedback. Events store the stable code; the UI shows the
 * message `chip_<code>` (a test checks every code has one).
 */
export const REASON_CHIPS = [
  'wrong_persona',
  'wrong_stage',
  'wrong_industry',
  'old_facts',
  'needs_pricing',
  'needs_security',
  'needs_case_study',
  'too_long',
  'lead_engaged',
] as const;
export type ReasonChip = (typeof REASON_CHIPS)[number];
