import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeEmail, recordKey, type Lead } from '../../lib/model';
import {
  DB_VERSION,
  MIGRATIONS,
  addEvent,
  dumpAll,
  findLeadByRecord,
  findLeadsByEmail,
  findLeadsByName,
  getLead,
  listEvents,
  openTandemDb,
  pendingEvents,
  searchLeads,
  type StoredEvent,
  type StoredLead,
  type TandemDB,
  type TandemDb,
} from '../../lib/store';
import { runMigrations, upgradeFailure, type UpgradeTx } from '../../lib/store/migrations';
import { ADA_SF, T0, baseLeads, baseTouches, feedback, usage } from './fixtures';

const open: TandemDb[] = [];
async function openAt(version?: number): Promise<TandemDb> {
  const db = await openTandemDb('tandem', version);
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const V1_STORES = [
  'assets',
  'campaigns',
  'definitions',
  'events',
  'imports',
  'leads',
  'meta',
  'personas',
  'touches',
];

/** A lead as the v1 code wrote it: derived `recordKeys` and `emailNorm`, no `nameNorm`. */
function v1Lead(lead: Lead): Record<string, unknown> {
  return {
    ...lead,
    recordKeys: lead.crmRefs.map(recordKey),
    ...(lead.email ? { emailNorm: normalizeEmail(lead.email) } : {}),
  };
}

describe('schema versions', () => {
  it('has one migration step per version', () => {
    expect(DB_VERSION).toBe(2);
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
  });

  it('version 1 alone builds the v1 schema', async () => {
    const db = await openAt(1);
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames].sort()).toEqual(V1_STORES);
    const tx = db.transaction(['leads', 'events', 'touches']);
    expect([...tx.objectStore('leads').indexNames].sort()).toEqual(['by-email', 'by-record']);
    expect([...tx.objectStore('events').indexNames].sort()).toEqual([
      'by-kind',
      'by-lead',
      'by-time',
    ]);
    expect([...tx.objectStore('touches').indexNames].sort()).toEqual([
      'by-campaign',
      'by-lead-time',
      'by-time',
    ]);
    expect(tx.objectStore('leads').index('by-record').multiEntry).toBe(true);
    expect(tx.objectStore('touches').index('by-lead-time').keyPath).toEqual(['leadKey', 'at']);
  });

  it('a new database goes straight to the current version', async () => {
    const db = await openAt();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...V1_STORES, 'quarantine'].sort());
    const tx = db.transaction(['leads', 'events']);
    expect([...tx.objectStore('leads').indexNames]).toContain('by-name');
    expect([...tx.objectStore('events').indexNames]).toContain('by-delivery');
  });

  it('refuses versions it has no schema for', async () => {
    await expect(openTandemDb('x', DB_VERSION + 1)).rejects.toThrow(RangeError);
    await expect(openTandemDb('x', 0)).rejects.toThrow(RangeError);
  });

  it('a failing step aborts the whole upgrade and reports why', async () => {
    let tx: UpgradeTx | undefined;
    // Ask for a version with no step: v1 and v2 run, then step 3 is missing.
    const opening = openDB<TandemDB>('broken', DB_VERSION + 1, {
      upgrade(db, oldVersion, _newVersion, upgradeTx) {
        tx = upgradeTx;
        runMigrations(db, upgradeTx, oldVersion, DB_VERSION + 1);
      },
    });
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });
    expect(upgradeFailure(tx!)).toBeInstanceOf(RangeError);
    // Nothing of the aborted upgrade was kept: the database was never created.
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('broken');
  });
});

describe('upgrade from v1 to the current version', () => {
  const leads = baseLeads();
  const events = [
    feedback(1, 'a1', 'useful', { leadKey: 'ada' }),
    usage(2, 'a2', { leadKey: 'jose' }),
    feedback(3, 'a2', 'outdated'),
  ];
  const invalidLead = {
    key: 'broken',
    email: 'not an email',
    updatedAt: T0,
    crmRefs: [],
    stage: 'lead',
    recordKeys: [],
  };
  const invalidEvent = { id: 'not-a-uuid', kind: 'content_feedback', at: T0, assetId: 'a1' };

  async function buildV1(): Promise<Awaited<ReturnType<typeof dumpAll>>> {
    const v1 = await openTandemDb('tandem', 1);
    const tx = v1.transaction(['leads', 'events', 'touches', 'meta'], 'readwrite');
    // Written in the v1 shape, which the v2 types no longer describe.
    for (const lead of [...leads.map(v1Lead), invalidLead]) {
      void tx.objectStore('leads').put(lead as unknown as StoredLead);
    }
    for (const event of [...events, invalidEvent]) {
      void tx.objectStore('events').put(event as unknown as StoredEvent);
    }
    for (const touch of baseTouches()) void tx.objectStore('touches').put(touch);
    void tx.objectStore('meta').put(true, 'seeded');
    await tx.done;
    const before = await dumpAll(v1);
    v1.close();
    return before;
  }

  it('keeps every valid lead and event, backfills the new fields, quarantines invalid ones', async () => {
    const before = await buildV1();
    expect(before.leads).toHaveLength(leads.length + 1);
    expect(before.events).toHaveLength(events.length + 1);

    const db = await openAt();
    expect(db.version).toBe(DB_VERSION);
    const after = await dumpAll(db);

    // Every valid lead is still there, unchanged, now with nameNorm.
    for (const lead of leads) expect(await getLead(db, lead.key)).toEqual(lead);
    expect(after.leads!.map((r) => r.key)).toEqual(leads.map((l) => l.key).sort());
    expect(after.leads!.find((r) => r.key === 'jose')!.value).toMatchObject({
      nameNorm: 'jose nunez',
      emailNorm: 'jose.nunez@example.org',
      recordKeys: [recordKey(leads[1]!.crmRefs[0]!)],
    });
    // A lead with no name gets no nameNorm (it stays out of the name index).
    expect(after.leads!.find((r) => r.key === 'anon')!.value).not.toHaveProperty('nameNorm');

    // The new index answers, and the old ones still do.
    expect((await findLeadsByName(db, 'Jose Núñez')).map((l) => l.key)).toEqual(['jose']);
    expect((await findLeadsByName(db, 'ada lovelace')).map((l) => l.key).sort()).toEqual([
      'ada',
      'ada2',
    ]);
    expect((await searchLeads(db, 'sør')).map((l) => l.key)).toEqual(['soren']);
    expect((await findLeadByRecord(db, recordKey(ADA_SF)))?.key).toBe('ada');
    expect((await findLeadsByEmail(db, 'ADA.LOVELACE@example.com')).map((l) => l.key)).toEqual([
      'ada',
    ]);

    // Every valid event is still there, as delivered-nowhere local events.
    expect(await listEvents(db)).toEqual(
      events.map((e) => ({ ...e, delivery: 'local', attempts: 0 })),
    );
    expect(await db.countFromIndex('events', 'by-delivery', 'local')).toBe(events.length);
    expect(await pendingEvents(db, 10)).toEqual([]);
    // The outbox works on the upgraded store.
    expect(await addEvent(db, events[0]!, 'pending')).toBe('duplicate');
    expect(await addEvent(db, usage(9, 'a1'), 'pending')).toBe('added');
    expect((await pendingEvents(db, 10)).map((e) => e.id)).toEqual([usage(9, 'a1').id]);

    // Invalid records are moved to quarantine with the reason, not dropped.
    expect(after.quarantine!.map((r) => r.key)).toEqual(['events/not-a-uuid', 'leads/broken']);
    const [badEvent, badLead] = after.quarantine!.map((r) => r.value);
    expect(badLead).toMatchObject({
      store: 'leads',
      key: 'broken',
      version: 2,
      value: invalidLead,
    });
    expect(badLead!.reason).toMatch(/email/);
    expect(badEvent).toMatchObject({
      store: 'events',
      key: 'not-a-uuid',
      version: 2,
      value: invalidEvent,
    });
    expect(badEvent!.reason.length).toBeGreaterThan(0);
    expect(await getLead(db, 'broken')).toBeUndefined();

    // Stores the upgrade does not rewrite are untouched.
    for (const store of ['touches', 'meta', 'campaigns', 'assets', 'personas'] as const) {
      expect(after[store]).toEqual(before[store]);
    }
  });

  it('runs each step once: reopening at the current version changes nothing', async () => {
    await buildV1();
    const first = await openAt();
    const upgraded = await dumpAll(first);
    first.close();
    const again = await openAt();
    expect(await dumpAll(again)).toEqual(upgraded);
  });

  it('an open v1 connection does not block the upgrade', async () => {
    await buildV1();
    const old = await openTandemDb('tandem', 1); // still open: it must give way
    const db = await openAt();
    expect(db.version).toBe(DB_VERSION);
    await expect(old.get('meta', 'seeded')).rejects.toThrow();
  });
});
