import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeEmail, recordKey, type Lead, type Touch } from '../../lib/model';
import {
  DB_VERSION,
  MIGRATIONS,
  TOUCH_PACK_CAP,
  addEvent,
  countAll,
  countStores,
  dumpAll,
  findLeadByRecord,
  findLeadsByEmail,
  findLeadsByName,
  getLead,
  getTouchesForLead,
  listEvents,
  openTandemDb,
  pendingEvents,
  searchLeads,
  type StoredEvent,
  type StoredLead,
  type TandemDB,
  type TandemDb,
  type TouchPack,
} from '../../lib/store';
import { makePack, packTouches } from '../../lib/store/packs';
import { runMigrations, upgradeFailure, type UpgradeTx } from '../../lib/store/migrations';
import { ADA_SF, DAY, T0, baseLeads, baseTouches, feedback, makeTouch, usage } from './fixtures';

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
    expect(DB_VERSION).toBe(5);
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
    expect([...db.objectStoreNames].sort()).toEqual(
      [...V1_STORES.filter((s) => s !== 'touches'), 'quarantine', 'touchPacks'].sort(),
    );
    const tx = db.transaction(['leads', 'events', 'touchPacks']);
    expect([...tx.objectStore('leads').indexNames]).toContain('by-name');
    expect([...tx.objectStore('events').indexNames]).toContain('by-delivery');
    expect(tx.objectStore('touchPacks').keyPath).toEqual(['leadKey', 'seq']);
    expect([...tx.objectStore('touchPacks').indexNames]).toEqual(['by-min-at']);
  });

  it('refuses versions it has no schema for', async () => {
    await expect(openTandemDb('x', DB_VERSION + 1)).rejects.toThrow(RangeError);
    await expect(openTandemDb('x', 0)).rejects.toThrow(RangeError);
  });

  it('a failing step aborts the whole upgrade and reports why', async () => {
    let tx: UpgradeTx | undefined;
    // Ask for a version with no step: every step runs, then the next one is missing.
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

    // Touches moved into packs, each lead's in time order; the count is kept in meta.
    const sorted = baseTouches().sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    for (const key of ['ada', 'jose', 'soren']) {
      expect(await getTouchesForLead(db, key)).toEqual(sorted.filter((t) => t.leadKey === key));
    }
    expect(after.touches).toBeUndefined();
    expect(after.meta).toEqual(
      [...before.meta!, { key: 'touchCount', value: sorted.length }].sort((a, b) =>
        a.key < b.key ? -1 : 1,
      ),
    );
    // Stores the upgrade does not rewrite are untouched.
    for (const store of ['campaigns', 'assets', 'personas'] as const) {
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

describe('upgrade from v2: touches packed by lead (v3), then encoded (v4)', () => {
  const byTime = (a: Touch, b: Touch) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  // More than a pack's worth for one lead, written out of time order.
  const many = Array.from({ length: TOUCH_PACK_CAP + 120 }, (_, i) =>
    makeTouch(`m${String(i).padStart(4, '0')}`, 'jose', T0 + ((i * 7919) % 1000) * DAY),
  );
  // Thousands of touches at one instant: more than a read batch shares one [leadKey, at].
  const burst = Array.from({ length: 2600 }, (_, i) =>
    makeTouch(`b${String(i).padStart(4, '0')}`, 'soren', T0 + 5 * DAY),
  );
  const valid = [...baseTouches(), ...many, ...burst];
  const invalid: Record<string, unknown>[] = [
    { ...makeTouch('bad-type', 'ada', T0 + DAY), type: 'fax_sent' },
    // No `at`: not in the v1 index at all.
    { id: 'no-time', leadKey: 'ada', type: 'email_opened', channel: 'email', source: 'demo' },
    { ...makeTouch('numeric-lead', 'ada', T0), leadKey: 42 },
  ];

  async function buildV2(): Promise<void> {
    const v2 = await openTandemDb('tandem', 2);
    const tx = v2.transaction(['touches', 'meta'], 'readwrite');
    for (const touch of [...valid, ...invalid]) {
      void tx.objectStore('touches').put(touch as unknown as Touch);
    }
    void tx.objectStore('meta').put(true, 'seeded');
    await tx.done;
    v2.close();
  }

  it('keeps every valid touch exactly, in packs of at most the cap, and quarantines the rest', async () => {
    await buildV2();
    const db = await openAt();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).not.toContain('touches');

    for (const key of ['ada', 'jose', 'soren']) {
      const want = valid.filter((t) => t.leadKey === key).sort(byTime);
      expect(await getTouchesForLead(db, key)).toEqual(want);
    }
    const dump = await dumpAll(db);
    const packs = dump.touchPacks!.map((r) => r.value);
    expect(packs.every((p) => p.count >= 1 && p.count <= TOUCH_PACK_CAP)).toBe(true);
    expect(packs.every((p) => packTouches(p).length === p.count)).toBe(true);
    expect(packs.every((p) => p.minAt === packTouches(p)[0]!.at)).toBe(true);
    expect(dump.touchPacks!.map((r) => r.key)).toEqual([
      ['ada', 0],
      ['jose', 0],
      ['jose', 1],
      ['soren', 0],
      ['soren', 1],
      ['soren', 2],
      ['soren', 3],
      ['soren', 4],
      ['soren', 5],
    ]);
    expect((await countAll(db)).touches).toBe(valid.length);
    expect((await countStores(db)).touches).toBe(valid.length);

    expect(dump.quarantine!.map((r) => r.key)).toEqual([
      'touches/bad-type',
      'touches/no-time',
      'touches/numeric-lead',
    ]);
    for (const record of dump.quarantine!) {
      expect(record.value).toMatchObject({ store: 'touches', version: 3 });
      expect(record.value.reason.length).toBeGreaterThan(0);
    }
    expect(dump.quarantine!.map((r) => r.value.value)).toEqual(invalid);
    expect(dump.quarantine![0]!.value.reason).toMatch(/type/);
    expect(dump).not.toHaveProperty('importStaging');
  });

  it('an empty v2 store upgrades to no packs and a zero count', async () => {
    const v2 = await openTandemDb('tandem', 2);
    v2.close();
    const db = await openAt();
    expect(await db.count('touchPacks')).toBe(0);
    expect((await countAll(db)).touches).toBe(0);
  });
});

describe('upgrade from v3 to v4: pack touches encoded', () => {
  const byTime = (a: Touch, b: Touch) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const ada = baseTouches()
    .filter((t) => t.leadKey === 'ada')
    .sort(byTime);
  const jose = Array.from({ length: TOUCH_PACK_CAP + 30 }, (_, i) =>
    makeTouch(`j${String(i).padStart(4, '0')}`, 'jose', T0 + i * 60_000, {
      detail: i % 3 ? `Nurture ${i % 7}` : 'Ünïcödé 😀',
    }),
  );
  const objectPacks = (leadKey: string, touches: Touch[]) => {
    const out = [];
    for (let s = 0; s * TOUCH_PACK_CAP < touches.length; s++) {
      const part = touches.slice(s * TOUCH_PACK_CAP, (s + 1) * TOUCH_PACK_CAP);
      out.push({ leadKey, seq: s, minAt: part[0]!.at, touches: part });
    }
    return out;
  };
  const broken = { leadKey: 'soren', seq: 0, minAt: T0, touches: [{ id: 'no-type' }] };

  async function buildV3(): Promise<void> {
    const v3 = await openTandemDb('tandem', 3);
    const tx = v3.transaction(['touchPacks', 'meta'], 'readwrite');
    for (const pack of [...objectPacks('ada', ada), ...objectPacks('jose', jose), broken]) {
      void tx.objectStore('touchPacks').put(pack as unknown as TouchPack);
    }
    // A count that drifted: the upgrade recounts.
    void tx.objectStore('meta').put(9999, 'touchCount');
    await tx.done;
    v3.close();
  }

  it('keeps every valid touch exactly, encoded, quarantines a broken pack and recounts', async () => {
    await buildV3();
    const db = await openAt();
    expect(await getTouchesForLead(db, 'ada')).toEqual(ada);
    expect(await getTouchesForLead(db, 'jose')).toEqual(jose);
    expect(await getTouchesForLead(db, 'soren')).toEqual([]);
    const dump = await dumpAll(db);
    expect(dump.touchPacks!.map((r) => r.key)).toEqual([
      ['ada', 0],
      ['jose', 0],
      ['jose', 1],
    ]);
    for (const { value } of dump.touchPacks!) {
      expect(value.data).toBeInstanceOf(Uint8Array);
      expect(value).not.toHaveProperty('touches');
      expect(packTouches(value)).toHaveLength(value.count);
    }
    expect((await countAll(db)).touches).toBe(ada.length + jose.length);
    expect(dump.quarantine!.map((r) => r.value)).toEqual([
      expect.objectContaining({ store: 'touches', version: 4, value: broken }),
    ]);
  });
});

describe('upgrade from v4 to v5: no import staging store', () => {
  it('drops the import staging store and keeps everything else', async () => {
    const ada = baseTouches()
      .filter((t) => t.leadKey === 'ada')
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    const v4 = await openTandemDb('tandem', 4);
    expect([...v4.objectStoreNames]).toContain('importStaging');
    const tx = v4.transaction(['importStaging', 'meta', 'touchPacks'], 'readwrite');
    // What an import of an earlier version might have left behind.
    void tx.objectStore('importStaging').put([], [0, 0]);
    void tx.objectStore('meta').put(3, 'touchCount');
    void tx.objectStore('touchPacks').put(makePack('ada', 0, ada.slice(0, 3)));
    await tx.done;
    const before = await dumpAll(v4);
    v4.close();
    const db = await openAt();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).not.toContain('importStaging');
    const { importStaging, ...kept } = before;
    expect(importStaging).toHaveLength(1);
    expect(await dumpAll(db)).toEqual(kept);
    expect(await getTouchesForLead(db, 'ada')).toEqual(ada.slice(0, 3));
  });
});
