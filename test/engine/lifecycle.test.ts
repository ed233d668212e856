import { describe, expect, it } from 'vitest';
import { slaStatus } from '../../lib/engine';
import { HOUR, NOW, lead, lifecycle } from './fixtures';

describe('slaStatus', () => {
  const lc = lifecycle({ mqlSlaHours: 48 });
  const became = NOW - 50 * HOUR;

  it('gives an MQL a due time and flags it overdue once the SLA has passed', () => {
    // Became an MQL 50 h ago with a 48 h SLA: due 2 h ago.
    const s = slaStatus({
      lead: lead({ stage: 'mql', stageChangedAt: became }),
      lifecycle: lc,
      now: NOW,
    });
    expect(s).toEqual({
      stage: 'mql',
      stageLabel: 'Marketing qualified',
      since: became,
      dueAt: became + 48 * HOUR,
      overdue: true,
    });
  });

  it('is not overdue before or exactly at the due time', () => {
    const l = lead({ stage: 'mql', stageChangedAt: NOW - 48 * HOUR });
    expect(slaStatus({ lead: l, lifecycle: lc, now: NOW }).overdue).toBe(false);
    expect(slaStatus({ lead: l, lifecycle: lc, now: NOW + 1 }).overdue).toBe(true);
  });

  it('counts only a verdict given since the lead became an MQL', () => {
    const l = lead({ stage: 'mql', stageChangedAt: became });
    expect(slaStatus({ lead: l, lifecycle: lc, now: NOW, verdictAt: became - HOUR }).overdue).toBe(
      true,
    );
    expect(slaStatus({ lead: l, lifecycle: lc, now: NOW, verdictAt: became + HOUR }).overdue).toBe(
      false,
    );
    // A late verdict still means the lead was acted on.
    expect(slaStatus({ lead: l, lifecycle: lc, now: NOW, verdictAt: NOW - HOUR }).overdue).toBe(
      false,
    );
  });

  it('has no due time for other stages or without a stage change time, and falls back to the stage id', () => {
    const sql = slaStatus({
      lead: lead({ stage: 'sql', stageChangedAt: became }),
      lifecycle: lc,
      now: NOW,
    });
    expect(sql).toEqual({ stage: 'sql', stageLabel: 'sql', since: became, overdue: false });
    const noTime = slaStatus({ lead: lead({ stage: 'mql' }), lifecycle: lc, now: NOW });
    expect(noTime).toEqual({ stage: 'mql', stageLabel: 'Marketing qualified', overdue: false });
    expect(slaStatus({ lead: lead({ stage: 'lead' }), lifecycle: lc, now: NOW }).stageLabel).toBe(
      'Lead',
    );
  });
});
