/**
 * Where a lead sits in the agreed hand-off, and whether the MQL follow-up SLA is being missed.
 */
import type { Lead, Lifecycle, SlaStatus } from '../model';

const HOUR_MS = 3_600_000;

export interface SlaInput {
  lead: Lead;
  lifecycle: Lifecycle;
  now: number;
  /** When a rep last accepted or rejected this lead, if ever. */
  verdictAt?: number;
}

/**
 * The lead's stage with its agreed label, and for MQLs when first follow-up is due. An MQL is
 * overdue once the SLA has passed without a verdict given since it became an MQL (a verdict from
 * an earlier MQL cycle does not count). A late verdict clears the overdue flag: the lead has been
 * acted on.
 */
export function slaStatus(input: SlaInput): SlaStatus {
  const { lead, lifecycle, now, verdictAt } = input;
  const stage = lead.stage;
  const stageLabel = lifecycle.stages.find((s) => s.stage === stage)?.label ?? stage;
  const since = lead.stageChangedAt;
  const status: SlaStatus = { stage, stageLabel, overdue: false };
  if (since !== undefined) status.since = since;
  if (stage === 'mql' && since !== undefined) {
    const dueAt = since + Math.round(lifecycle.mqlSlaHours * HOUR_MS);
    const actedOn = verdictAt !== undefined && verdictAt >= since;
    status.dueAt = dueAt;
    status.overdue = now > dueAt && !actedOn;
  }
  return status;
}
