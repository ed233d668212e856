import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchPersona } from '../../lib/engine';
import type { Persona } from '../../lib/model';
import { persona, shuffled, type CriterionIn } from './fixtures';

const demandGen = persona({
  id: 'demand-gen',
  name: 'Demand Gen Leader',
  criteria: [
    {
      id: 'dept',
      label: 'Marketing',
      weight: 3,
      condition: { field: 'department', anyOf: ['marketing'] },
    },
    {
      id: 'sen',
      label: 'VP or above',
      weight: 2,
      condition: { field: 'seniority', anyOf: ['vp', 'executive'] },
    },
    {
      id: 'size',
      label: '200-5000 staff',
      weight: 1,
      condition: { field: 'companySize', min: 200, max: 5000 },
    },
  ],
});
const itBuyer = persona({
  id: 'it-buyer',
  name: 'IT Buyer',
  criteria: [
    { id: 'dept', label: 'IT', weight: 1, condition: { field: 'department', anyOf: ['it'] } },
    { id: 'size', label: '200+ staff', weight: 1, condition: { field: 'companySize', min: 200 } },
  ],
});

describe('matchPersona', () => {
  const lead = { title: 'Sr. Dir., Demand Gen', companySize: 850 };

  it('scores matched weight over total weight and lists every criterion', () => {
    const m = matchPersona(lead, [itBuyer, demandGen]);
    expect(m.normalized).toEqual({ seniority: 'director', department: 'marketing' });
    // Demand gen: marketing (3) + size (1) matched, VP (2) missed: 4 / 6 = 66.7% -> 67.
    expect(m.top?.personaId).toBe('demand-gen');
    expect(m.top?.percent).toBe(67);
    expect(m.top?.criteria.map((c) => [c.criterionId, c.matched])).toEqual([
      ['dept', true],
      ['sen', false],
      ['size', true],
    ]);
    expect(m.top?.criteria[1]?.explanation).toBe(
      'title "Sr. Dir., Demand Gen" -> seniority director (wanted vp, executive)',
    );
    // IT buyer: size (1) of 2: 50%.
    expect(m.runnerUp?.personaId).toBe('it-buyer');
    expect(m.runnerUp?.percent).toBe(50);
  });

  it('has no top or runner-up without personas, and no runner-up with one persona', () => {
    const none = matchPersona(lead, []);
    expect(none.top).toBeUndefined();
    expect(none.runnerUp).toBeUndefined();
    expect(none.normalized.seniority).toBe('director');
    const one = matchPersona(lead, [itBuyer]);
    expect(one.top?.personaId).toBe('it-buyer');
    expect(one.runnerUp).toBeUndefined();
  });

  it('breaks ties by persona id', () => {
    const a = persona({ ...itBuyer, id: 'b-second' });
    const b = persona({ ...itBuyer, id: 'a-first' });
    expect(matchPersona(lead, [a, b]).top?.personaId).toBe('a-first');
    expect(matchPersona(lead, [b, a]).top?.personaId).toBe('a-first');
  });

  it('uses competitor domains for email criteria', () => {
    const p = persona({
      id: 'rival',
      criteria: [
        {
          id: 'e',
          label: 'Competitor',
          weight: 1,
          condition: { field: 'emailDomain', anyOf: ['competitor'] },
        },
      ],
    });
    expect(matchPersona({ email: 'x@rival.io' }, [p], ['rival.io']).top?.percent).toBe(100);
    expect(matchPersona({ email: 'x@rival.io' }, [p]).top?.percent).toBe(0);
  });

  it('picks the same top persona whatever order personas come in', () => {
    const conditions: CriterionIn['condition'][] = [
      { field: 'department', anyOf: ['marketing'] },
      { field: 'department', anyOf: ['it'] },
      { field: 'seniority', anyOf: ['director'] },
      { field: 'seniority', anyOf: ['vp'] },
      { field: 'companySize', min: 500 },
      { field: 'region', anyOf: ['emea'] },
    ];
    const personaArb = fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...conditions.keys()), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 4, maxLength: 4 }),
      )
      .map(([idx, weights]) =>
        idx.map((i, n) => ({
          id: `c${i}`,
          label: `c${i}`,
          weight: weights[n]!,
          condition: conditions[i]!,
        })),
      );
    fc.assert(
      fc.property(
        fc.array(personaArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('VP Mktg', 'IT Manager', 'Head of Growth', ''),
        fc.integer(),
        (criteriaSets, title, seed) => {
          const personas: Persona[] = criteriaSets.map((criteria, i) =>
            persona({ id: `p${i}`, criteria }),
          );
          const l = { title, companySize: 900, region: 'emea' as const };
          const base = matchPersona(l, personas);
          const other = matchPersona(l, shuffled(personas, seed));
          expect(other.top?.personaId).toBe(base.top?.personaId);
          expect(other.runnerUp?.personaId).toBe(base.runnerUp?.personaId);
          // And the top really is a maximum.
          for (const p of personas) {
            expect(base.top!.percent).toBeGreaterThanOrEqual(matchPersona(l, [p]).top!.percent);
          }
        },
      ),
    );
  });
});
