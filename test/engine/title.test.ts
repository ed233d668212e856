import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emailDomainKind, normalizeTitle } from '../../lib/engine';
import { Department, Seniority } from '../../lib/model';

describe('normalizeTitle', () => {
  it.each([
    ['Sr. Dir., Demand Gen', 'director', 'marketing'],
    ['VP Mktg', 'vp', 'marketing'],
    ['Head of Growth', 'director', 'marketing'],
    // CTO leads engineering (documented choice: internal IT reports to the CIO).
    ['CTO', 'executive', 'engineering'],
    ['Chief Revenue Officer', 'executive', 'sales'],
    ['Founder & CEO', 'executive', 'general_management'],
    ['Marketing Coordinator', 'individual', 'marketing'],
    ['Senior Software Engineer', 'senior', 'engineering'],
    ['IT Manager', 'manager', 'it'],
    // Documented choice: sales operations is part of sales.
    ['Director of Sales Ops', 'director', 'sales'],
    ['EVP, Finance', 'vp', 'finance'],
    ['Intern', 'entry', 'unknown'],
  ] as const)('%s -> %s / %s', (title, seniority, department) => {
    expect(normalizeTitle(title)).toEqual({ seniority, department });
  });

  it('returns unknown for empty, blank and missing titles', () => {
    for (const t of [undefined, '', '   ', ' , & . ']) {
      expect(normalizeTitle(t)).toEqual({ seniority: 'unknown', department: 'unknown' });
    }
  });

  it.each([
    ['Sr Mgr, Mktg', 'manager', 'marketing'],
    ['Snr Engineer', 'senior', 'engineering'],
    ['Dir. Eng', 'director', 'engineering'],
    ['Ops Mgr', 'manager', 'operations'],
    ['SVP Sales', 'vp', 'sales'],
    ['Evp Marketing', 'vp', 'marketing'],
    ['AVP, IT', 'vp', 'it'],
    ['CMO', 'executive', 'marketing'],
    ['CFO', 'executive', 'finance'],
    ['CIO', 'executive', 'it'],
    ['CISO', 'executive', 'it'],
    ['CRO', 'executive', 'sales'],
    ['COO', 'executive', 'operations'],
    ['Vice President of Marketing', 'vp', 'marketing'],
    ['vIcE-pReSiDeNt, MARKETING', 'vp', 'marketing'],
    ['V.P. Engineering', 'vp', 'engineering'],
    ['Senior Vice President, Customer Success', 'vp', 'customer_success'],
    ['Co-Founder & CTO', 'executive', 'engineering'],
    ['Product Marketing Manager', 'manager', 'marketing'],
    ['Marketing Operations Manager', 'manager', 'marketing'],
    ['Account Executive', 'individual', 'sales'],
    ['Executive Assistant to the CEO', 'individual', 'general_management'],
    ['R&D Director', 'director', 'engineering'],
    ['Junior Developer', 'entry', 'engineering'],
    ['Directeur Général', 'executive', 'general_management'],
    ['Chief Information Security Officer', 'executive', 'it'],
    ['Head of People', 'director', 'hr'],
    ['General Counsel', 'executive', 'legal'],
    ['MOps Analyst', 'individual', 'marketing'],
    ['Marketo Admin', 'individual', 'marketing'],
    ['Head of RevOps', 'director', 'sales'],
    ['Sr. Account Executive', 'senior', 'sales'],
    ['Data Engineering Lead', 'senior', 'data'],
    ['HR Business Partner', 'individual', 'hr'],
    ['Office Manager', 'manager', 'operations'],
  ] as const)('abbreviations and variants: %s -> %s / %s', (title, seniority, department) => {
    expect(normalizeTitle(title)).toEqual({ seniority, department });
  });

  it('does not read "vice president" as president or "account executive" as an executive', () => {
    expect(normalizeTitle('Vice President').seniority).toBe('vp');
    expect(normalizeTitle('Senior Account Executive').seniority).toBe('senior');
  });

  it('always returns values of the model enums and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (title) => {
        const n = normalizeTitle(title);
        expect(Seniority.options).toContain(n.seniority);
        expect(Department.options).toContain(n.department);
      }),
    );
  });

  it('ignores letter case', () => {
    const words = fc.constantFrom(
      'sr',
      'vp',
      'Director',
      'of',
      'Marketing',
      'IT',
      'ops',
      'cto',
      '&',
      ',',
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 6 }), (parts) => {
        const title = parts.join(' ');
        expect(normalizeTitle(title.toUpperCase())).toEqual(normalizeTitle(title.toLowerCase()));
      }),
    );
  });
});

describe('emailDomainKind', () => {
  const competitors = ['rival.io', '@Other-Vendor.com'];
  it.each([
    ['ann@acme.com', 'business'],
    ['ann@gmail.com', 'personal'],
    ['ann@GoogleMail.com', 'personal'],
    ['ann@yahoo.co.uk', 'personal'],
    ['ann@hotmail.fr', 'personal'],
    ['ann@outlook.com', 'personal'],
    ['ann@icloud.com', 'personal'],
    ['ann@aol.com', 'personal'],
    ['ann@proton.me', 'personal'],
    ['ann@gmx.de', 'personal'],
    ['ann@web.de', 'personal'],
    ['ann@mail.ru', 'personal'],
    ['ann@yandex.ru', 'personal'],
    ['ann@qq.com', 'personal'],
    ['ann@163.com', 'personal'],
    ['ann@mit.edu', 'student'],
    ['ann@cs.stanford.edu', 'student'],
    ['ann@ox.ac.uk', 'student'],
    ['ann@unimelb.edu.au', 'student'],
    ['ann@u-tokyo.ac.jp', 'student'],
    ['ann@student.uni-koeln.de', 'student'],
    ['ann@rival.io', 'competitor'],
    ['ann@eu.rival.io', 'competitor'],
    ['ann@other-vendor.com', 'competitor'],
    // A domain that merely ends with the same letters is someone else.
    ['ann@notrival.io', 'business'],
    ['  Ann@ACME.com  ', 'business'],
  ] as const)('%s is %s', (email, kind) => {
    expect(emailDomainKind(email, competitors)).toBe(kind);
  });

  it('returns undefined when there is no usable address', () => {
    expect(emailDomainKind(undefined, competitors)).toBeUndefined();
    expect(emailDomainKind('no-at-sign', competitors)).toBeUndefined();
    expect(emailDomainKind('ann@', competitors)).toBeUndefined();
    expect(emailDomainKind('ann@localhost', competitors)).toBeUndefined();
  });
});
