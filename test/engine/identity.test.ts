import { describe, expect, it } from 'vitest';
import { normalizeCompany, normalizePersonName, resolveIdentity } from '../../lib/engine';
import type { DetectedRecord } from '../../lib/model';
import { NOW, lead } from './fixtures';

function detected(fields: { name?: string; email?: string; company?: string }): DetectedRecord {
  const f: DetectedRecord['fields'] = {};
  for (const [k, v] of Object.entries(fields) as [keyof typeof fields, string][]) {
    f[k] = { value: v, provenance: { source: 'dom', detail: `[data-field=${k}]` } };
  }
  return {
    ref: { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: '00Q000000000001AAA' },
    url: 'https://acme.lightning.force.com/lightning/r/Lead/00Q000000000001AAA/view',
    adapterId: 'salesforce-lightning',
    fields: f,
  };
}

const ann = lead({
  key: 'ann',
  firstName: 'Anne-Marie',
  lastName: 'Müller',
  email: 'Anne@Acme.com',
  company: 'Acme, Inc.',
  updatedAt: NOW - 1000,
});

describe('resolveIdentity', () => {
  it('prefers the lead linked to the CRM record over everything else', () => {
    const other = lead({ key: 'other', email: 'anne@acme.com' });
    const m = resolveIdentity(detected({ email: 'anne@acme.com' }), {
      byRecord: ann,
      byEmail: [other],
    });
    expect(m).toEqual({ leadKey: 'ann', rule: 'crm_id', confidence: 1 });
  });

  it('matches email case-insensitively and trimmed', () => {
    const m = resolveIdentity(detected({ email: '  ANNE@acme.COM ' }), { byEmail: [ann] });
    expect(m).toEqual({ leadKey: 'ann', rule: 'email', confidence: 0.95 });
  });

  it('picks the most recently updated lead when several share an email', () => {
    const older = lead({ key: 'ann-old', email: 'anne@acme.com', updatedAt: NOW - 5000 });
    const m = resolveIdentity(detected({ email: 'anne@acme.com' }), { byEmail: [older, ann] });
    expect(m).toEqual({ leadKey: 'ann', rule: 'email', confidence: 0.9 });
  });

  it('re-checks candidates: a lead with another email is not an email match', () => {
    const bob = lead({ key: 'bob', email: 'bob@acme.com' });
    expect(resolveIdentity(detected({ email: 'anne@acme.com' }), { byEmail: [bob] })).toBeNull();
  });

  it('tries email before name and company', () => {
    const twin = lead({
      key: 'twin',
      firstName: 'Anne-Marie',
      lastName: 'Müller',
      company: 'Acme',
    });
    const m = resolveIdentity(
      detected({ email: 'anne@acme.com', name: 'Anne-Marie Müller', company: 'Acme' }),
      { byEmail: [ann], byName: [twin] },
    );
    expect(m?.rule).toBe('email');
    expect(m?.leadKey).toBe('ann');
  });

  it('matches name and company ignoring case, accents, spacing and legal suffixes', () => {
    const m = resolveIdentity(detected({ name: '  anne-marie   MULLER ', company: 'ACME Inc' }), {
      byEmail: [],
      byName: [ann],
    });
    expect(m).toEqual({ leadKey: 'ann', rule: 'name_company', confidence: 0.75 });
  });

  it('lowers confidence when several leads share name and company', () => {
    const newer = lead({
      key: 'ann-2',
      firstName: 'Anne-Marie',
      lastName: 'Muller',
      company: 'ACME Corp.',
      updatedAt: NOW,
    });
    const m = resolveIdentity(detected({ name: 'Anne-Marie Müller', company: 'Acme' }), {
      byName: [ann, newer],
    });
    expect(m).toEqual({ leadKey: 'ann-2', rule: 'name_company', confidence: 0.5 });
  });

  it('needs both name and company to agree', () => {
    expect(
      resolveIdentity(detected({ name: 'Anne-Marie Müller', company: 'Globex' }), {
        byName: [ann],
      }),
    ).toBeNull();
    expect(resolveIdentity(detected({ name: 'Anne-Marie Müller' }), { byName: [ann] })).toBeNull();
    expect(
      resolveIdentity(detected({ name: 'Anne Müller', company: 'Acme' }), { byName: [ann] }),
    ).toBeNull();
  });

  it('returns null when nothing matches', () => {
    expect(resolveIdentity(detected({}), {})).toBeNull();
  });
});

describe('normalizeCompany', () => {
  it.each([
    ['Acme, Inc.', 'acme'],
    ['ACME Corp', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme Ltd.', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Acme Co', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme plc', 'acme'],
    ['The Acme Company', 'acme'],
    ['  Société   Générale ', 'societe generale'],
    ['Procter & Gamble', 'procter and gamble'],
    ['Company', 'company'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeCompany(input)).toBe(expected);
  });
});

describe('normalizePersonName', () => {
  it.each([
    ['  José  García ', 'jose garcia'],
    ['ANNE-MARIE Müller', 'anne marie muller'],
    ["Siobhán O'Brien", 'siobhan obrien'],
    ['', ''],
  ])('%s -> %s', (input, expected) => {
    expect(normalizePersonName(input)).toBe(expected);
  });
});
