import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordKey } from '../../lib/model';
import {
  findLeadByRecord,
  findLeadsByEmail,
  findLeadsByName,
  getLead,
  linkRecord,
  normalizeName,
  openTandemDb,
  putLeads,
  replaceWorkspace,
  searchLeads,
  type TandemDb,
} from '../../lib/store';
import { ADA_HS, ADA_SF, JOSE_SF, makeBundle, makeLead, ref } from './fixtures';

let db: TandemDb;
beforeEach(async () => {
  db = await openTandemDb();
  await replaceWorkspace(db, makeBundle());
});
afterEach(() => db.close());

const keys = (leads: { key: string }[]) => leads.map((l) => l.key);

describe('normalizeName', () => {
  it.each([
    ['José Núñez', 'jose nunez'],
    ['  ADA   Lovelace ', 'ada lovelace'],
    ['Søren Łukasz', 'soren lukasz'],
    ['Ærø Straße', 'aero strasse'],
    ['Zoë Ça', 'zoe ca'],
  ])('%s -> %s', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });
});

describe('lead lookups', () => {
  it('finds a lead by any of its CRM record keys', async () => {
    expect((await findLeadByRecord(db, recordKey(ADA_SF)))?.key).toBe('ada');
    expect((await findLeadByRecord(db, recordKey(ADA_HS)))?.key).toBe('ada');
    expect((await findLeadByRecord(db, recordKey(JOSE_SF)))?.key).toBe('jose');
    // recordKey lower-cases the tenant, so a differently cased tenant still resolves.
    expect((await findLeadByRecord(db, recordKey({ ...ADA_SF, tenant: 'ACME' })))?.key).toBe('ada');
    expect(await findLeadByRecord(db, recordKey(ref('00Q000000000000AAA')))).toBeUndefined();
  });

  it('returns the model lead without derived fields', async () => {
    const lead = await findLeadByRecord(db, recordKey(ADA_SF));
    expect(lead).toEqual(makeBundle().leads[0]);
    expect(lead).not.toHaveProperty('recordKeys');
    expect(lead).not.toHaveProperty('emailNorm');
    expect(lead).not.toHaveProperty('nameNorm');
    expect(await getLead(db, 'ada')).toEqual(lead);
    expect(await getLead(db, 'nobody')).toBeUndefined();
  });

  it('finds leads by email, ignoring case and surrounding spaces', async () => {
    expect(keys(await findLeadsByEmail(db, '  ADA.lovelace@EXAMPLE.com '))).toEqual(['ada']);
    expect(keys(await findLeadsByEmail(db, 'jose.nunez@example.org'))).toEqual(['jose']);
    expect(await findLeadsByEmail(db, 'ada.lovelace@example')).toEqual([]);
    expect(await findLeadsByEmail(db, '   ')).toEqual([]);
  });

  it('finds leads by name, ignoring case, accents and spacing', async () => {
    expect(keys(await findLeadsByName(db, 'Jose Nunez'))).toEqual(['jose']);
    expect(keys(await findLeadsByName(db, 'JOSÉ  NÚÑEZ'))).toEqual(['jose']);
    expect(keys(await findLeadsByName(db, 'soren kierkegaard'))).toEqual(['soren']);
    expect(keys(await findLeadsByName(db, 'Ada Lovelace')).sort()).toEqual(['ada', 'ada2']);
    expect(await findLeadsByName(db, 'Ada')).toEqual([]);
    expect(await findLeadsByName(db, '')).toEqual([]);
  });

  it('keeps leads without email or name out of those indexes', async () => {
    expect(await findLeadsByEmail(db, '')).toEqual([]);
    expect(keys(await searchLeads(db, 'n', 50))).not.toContain('anon');
  });
});

describe('searchLeads', () => {
  it('matches name prefixes (accent-insensitive) and email prefixes', async () => {
    expect(keys(await searchLeads(db, 'jo'))).toEqual(['jose']);
    expect(keys(await searchLeads(db, 'Jo'))).toEqual(['jose']);
    expect(keys(await searchLeads(db, 'josé n'))).toEqual(['jose']);
    expect(keys(await searchLeads(db, 'SØR'))).toEqual(['soren']);
    expect(keys(await searchLeads(db, 'jose.nu'))).toEqual(['jose']);
  });

  it('lists name matches first, then email matches, without repeats', async () => {
    // "ada" is a name prefix of ada and ada2, and an email prefix of both too.
    expect(keys(await searchLeads(db, 'ada'))).toEqual(['ada', 'ada2']);
    // Email-only match: nobody is named "ada." but an address starts with it.
    expect(keys(await searchLeads(db, 'ada.'))).toEqual(['ada']);
  });

  it('only searches emails when the query has an @', async () => {
    expect(keys(await searchLeads(db, 'ada@'))).toEqual(['ada2']);
    expect(keys(await searchLeads(db, 'soren@example.dk'))).toEqual(['soren']);
  });

  it('honours the limit and returns nothing for an empty query', async () => {
    expect(await searchLeads(db, 'ada', 1)).toHaveLength(1);
    expect(await searchLeads(db, '   ')).toEqual([]);
    expect(await searchLeads(db, 'ada', 0)).toEqual([]);
    expect(await searchLeads(db, 'zzz')).toEqual([]);
  });
});

describe('linkRecord', () => {
  it('moves a record from one lead to another', async () => {
    const moved = { ...ADA_SF, objectType: 'contact' as const };
    await linkRecord(db, 'soren', moved);

    expect((await findLeadByRecord(db, recordKey(ADA_SF)))?.key).toBe('soren');
    expect((await getLead(db, 'soren'))?.crmRefs).toEqual([moved]);
    // Ada keeps her other record and loses only this one.
    expect((await getLead(db, 'ada'))?.crmRefs).toEqual([ADA_HS]);
    expect((await findLeadByRecord(db, recordKey(ADA_HS)))?.key).toBe('ada');
  });

  it('links a new record, and linking it again changes nothing', async () => {
    const fresh = ref('00Q5e00000NeWw1EAB', { tenant: 'Acme' });
    await linkRecord(db, 'jose', fresh);
    await linkRecord(db, 'jose', fresh);
    expect((await getLead(db, 'jose'))?.crmRefs).toEqual([JOSE_SF, fresh]);
    expect((await findLeadByRecord(db, recordKey(fresh)))?.key).toBe('jose');
  });

  it('rejects an unknown lead and changes nothing', async () => {
    await expect(linkRecord(db, 'nobody', ADA_SF)).rejects.toThrow(/no lead/);
    expect((await findLeadByRecord(db, recordKey(ADA_SF)))?.key).toBe('ada');
  });

  it('rejects more CRM refs than a lead can hold, changing nothing', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ref(`r${i}`, { crm: 'pipedrive' }));
    await putLeads(db, [makeLead('full', { crmRefs: many })]);
    await expect(linkRecord(db, 'full', ADA_SF)).rejects.toThrow(RangeError);
    expect((await findLeadByRecord(db, recordKey(ADA_SF)))?.key).toBe('ada');
  });
});

describe('putLeads', () => {
  it('inserts and replaces by key, re-deriving the index fields', async () => {
    const ada = (await getLead(db, 'ada'))!;
    await putLeads(db, [
      { ...ada, email: 'ada@new.example', crmRefs: [ADA_HS] },
      makeLead('new', { firstName: 'Émile', lastName: 'Zola' }),
    ]);
    expect(await findLeadsByEmail(db, 'Ada.Lovelace@Example.com')).toEqual([]);
    expect(keys(await findLeadsByEmail(db, 'ADA@new.example'))).toEqual(['ada']);
    expect(await findLeadByRecord(db, recordKey(ADA_SF))).toBeUndefined();
    expect(keys(await findLeadsByName(db, 'emile zola'))).toEqual(['new']);
  });
});
