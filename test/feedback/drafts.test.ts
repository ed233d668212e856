import { describe, expect, it } from 'vitest';
import { draftProblem, REASON_CHIPS, targetOf } from '../../lib/feedback';
import en from '../../public/_locales/en/messages.json';
import { ADA_SF, eventId, T0 } from '../store/fixtures';

describe('drafts', () => {
  it('names the field and the problem of an invalid draft', () => {
    const base = { id: eventId(1), at: T0, kind: 'content_feedback', assetId: 'a1' };
    expect(draftProblem({ ...base, rating: 'useful' })).toBeUndefined();
    expect(draftProblem({ ...base, rating: 'useful', note: 'x'.repeat(1001) })).toEqual({
      field: 'note',
      message: 'notes are limited to 1000 characters',
    });
    expect(
      draftProblem({ id: eventId(2), at: T0, kind: 'lead_verdict', verdict: 'rejected' }),
    ).toEqual({ field: 'reasonId', message: 'a rejection needs a reason' });
    expect(
      draftProblem({
        id: eventId(3),
        at: T0,
        kind: 'field_insight',
        category: 'other',
        text: '  ',
      }),
    ).toEqual({ field: 'text', message: 'say what you heard' });
  });

  it('takes what the rep saw from a matched context, and only the record otherwise', () => {
    expect(targetOf(null)).toEqual({});
    const detected = { ref: ADA_SF, url: 'https://x.example/', adapterId: 'x', fields: {} };
    expect(targetOf({ status: 'no-history', detected, computedAt: T0 })).toEqual({
      record: ADA_SF,
    });
    const matched = {
      status: 'matched',
      detected,
      lead: { key: 'ada' },
      persona: { top: { personaId: 'p1', personaName: 'Ops', percent: 80 } },
      score: { total: 61, grade: 'A' },
      sla: { stage: 'mql' },
    } as never;
    expect(targetOf(matched)).toEqual({
      record: ADA_SF,
      leadKey: 'ada',
      context: {
        score: 61,
        grade: 'A',
        stage: 'mql',
        personaId: 'p1',
        personaName: 'Ops',
        personaPercent: 80,
      },
    });
  });

  it('has a message for every reason chip', () => {
    for (const code of REASON_CHIPS) expect(en).toHaveProperty(`chip_${code}`);
  });
});
