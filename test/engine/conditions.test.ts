import { describe, expect, it } from 'vitest';
import { evaluateCondition, normalizeTitle, type Subject } from '../../lib/engine';

function subject(p: Omit<Subject, 'normalized'>): Subject {
  return { ...p, normalized: normalizeTitle(p.title) };
}

describe('evaluateCondition', () => {
  const dir = subject({ title: 'Sr. Dir., Demand Gen' });

  it('explains seniority and department from the normalized title', () => {
    expect(evaluateCondition({ field: 'seniority', anyOf: ['director', 'vp'] }, dir)).toEqual({
      matched: true,
      explanation: 'title "Sr. Dir., Demand Gen" -> seniority director',
    });
    expect(evaluateCondition({ field: 'seniority', anyOf: ['vp', 'executive'] }, dir)).toEqual({
      matched: false,
      explanation: 'title "Sr. Dir., Demand Gen" -> seniority director (wanted vp, executive)',
    });
    expect(evaluateCondition({ field: 'department', anyOf: ['marketing'] }, dir).matched).toBe(
      true,
    );
    expect(
      evaluateCondition({ field: 'department', anyOf: ['sales'] }, subject({})).explanation,
    ).toBe('no title -> department unknown (wanted sales)');
  });

  it('matches title keywords on word boundaries, case-insensitively', () => {
    const director = subject({ title: 'Director of Sales' });
    // "cto" is inside "director" but is not a word of it.
    expect(evaluateCondition({ field: 'title', anyOf: ['CTO'] }, director).matched).toBe(false);
    expect(evaluateCondition({ field: 'title', anyOf: ['sales'] }, director).matched).toBe(true);
    // Longer keywords may be word prefixes: "demand gen" finds "Demand Generation".
    const dg = subject({ title: 'VP, Demand Generation' });
    expect(evaluateCondition({ field: 'title', anyOf: ['Demand Gen'] }, dg)).toEqual({
      matched: true,
      explanation: 'title "VP, Demand Generation" contains "Demand Gen"',
    });
    // Short keywords must be whole words: "IT" is not in "Italian Sales".
    const it2 = subject({ title: 'Italian Sales Lead' });
    expect(evaluateCondition({ field: 'title', anyOf: ['it'] }, it2).matched).toBe(false);
    expect(evaluateCondition({ field: 'title', anyOf: ['x'] }, subject({})).matched).toBe(false);
  });

  it('checks company size ranges inclusively and explains them', () => {
    const cond = { field: 'companySize', min: 200, max: 5000 } as const;
    expect(evaluateCondition(cond, subject({ companySize: 850 }))).toEqual({
      matched: true,
      explanation: 'company size 850 (wanted 200-5000)',
    });
    expect(evaluateCondition(cond, subject({ companySize: 200 })).matched).toBe(true);
    expect(evaluateCondition(cond, subject({ companySize: 5000 })).matched).toBe(true);
    expect(evaluateCondition(cond, subject({ companySize: 199 })).matched).toBe(false);
    expect(evaluateCondition(cond, subject({ companySize: 5001 })).matched).toBe(false);
    expect(evaluateCondition(cond, subject({}))).toEqual({
      matched: false,
      explanation: 'company size unknown (wanted 200-5000)',
    });
    expect(
      evaluateCondition({ field: 'companySize', min: 1000 }, subject({ companySize: 10 }))
        .explanation,
    ).toBe('company size 10 (wanted 1000+)');
  });

  it('treats a missing region as the unknown region', () => {
    expect(evaluateCondition({ field: 'region', anyOf: ['emea'] }, subject({})).matched).toBe(
      false,
    );
    expect(evaluateCondition({ field: 'region', anyOf: ['unknown'] }, subject({})).matched).toBe(
      true,
    );
    expect(
      evaluateCondition({ field: 'region', anyOf: ['emea', 'na'] }, subject({ region: 'na' })),
    ).toEqual({ matched: true, explanation: 'region na' });
  });

  it('matches industries by keyword', () => {
    const s = subject({ industry: 'Computer Software' });
    expect(evaluateCondition({ field: 'industry', anyOf: ['software'] }, s).matched).toBe(true);
    expect(evaluateCondition({ field: 'industry', anyOf: ['Retail'] }, s).matched).toBe(false);
  });

  it('classifies the email domain, using the competitor list', () => {
    const s = subject({ email: 'ann@eu.rival.io' });
    expect(
      evaluateCondition({ field: 'emailDomain', anyOf: ['competitor'] }, s, ['rival.io']),
    ).toEqual({ matched: true, explanation: 'email domain eu.rival.io is competitor' });
    expect(evaluateCondition({ field: 'emailDomain', anyOf: ['competitor'] }, s, []).matched).toBe(
      false,
    );
    expect(
      evaluateCondition({ field: 'emailDomain', anyOf: ['business'] }, subject({})).matched,
    ).toBe(false);
  });
});
