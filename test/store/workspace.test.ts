import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Touch } from '../../lib/model';
import {
  addEvent,
  addImport,
  countAll,
  dumpAll,
  getDefinitions,
  getLead,
  getTouchesForLead,
  getWorkspaceMeta,
  isSeeded,
  listEvents,
  listImports,
  openTandemDb,
  replaceWorkspace,
  type TandemDb,
} from '../../lib/store';
import { packTouches } from '../../lib/store/packs';
import { DAY, T0, baseTouches, feedback, makeBundle, makeLead, makeTouch, usage } from './fixtures';

let db: TandemDb;
beforeEach(async () => {
  db = await openTandemDb();
});
afterEach(() => db.close());

describe('replaceWorkspace', () => {
  it('starts empty and unseeded', async () => {
    expect(await isSeeded(db)).toBe(false);
    expect(await getWorkspaceMeta(db)).toBeUndefined();
    expect(await countAll(db)).toEqual({ leads: 0, touches: 0, events: 0 });
    expect(await getDefinitions(db)).toEqual({ personas: [], campaigns: [], assets: [] });
  });

  it('writes every definition and all data, and marks the store seeded', async () => {
    const bundle = makeBundle();
    await replaceWorkspace(db, bundle);

    expect(await isSeeded(db)).toBe(true);
    expect(await getWorkspaceMeta(db)).toEqual(bundle.workspace);
    expect(await countAll(db)).toEqual({ leads: 5, touches: 7, events: 1 });
    const defs = await getDefinitions(db);
    expect(defs.personas).toEqual(bundle.personas);
    expect(defs.campaigns).toEqual(bundle.campaigns);
    expect(defs.assets).toEqual(bundle.assets);
    expect(defs.scoringModel).toEqual(bundle.scoringModel);
    expect(defs.lifecycle).toEqual(bundle.lifecycle);
    // Repositories hand back the model lead, without the derived index fields.
    expect(await getLead(db, 'ada')).toEqual(bundle.leads[0]);
    // Bundle events are kept on this device, not queued for the hub.
    expect(await listEvents(db)).toEqual([{ ...bundle.events[0], delivery: 'local', attempts: 0 }]);
  });

  it('replaces the previous workspace entirely', async () => {
    await replaceWorkspace(db, makeBundle());
    const second = makeBundle({
      workspace: { id: 'ws-2', name: 'Second', updatedAt: T0 },
      leads: [makeLead('only', { firstName: 'Only', lastName: 'One' })],
      touches: [makeTouch('o1', 'only', T0)],
      assets: [],
      events: [],
    });
    await replaceWorkspace(db, second);
    expect(await getWorkspaceMeta(db)).toEqual(second.workspace);
    expect(await countAll(db)).toEqual({ leads: 1, touches: 1, events: 0 });
    expect(await getLead(db, 'ada')).toBeUndefined();
    expect((await getDefinitions(db)).assets).toEqual([]);
  });

  it('keeps events still pending delivery (unsent feedback is never lost)', async () => {
    await replaceWorkspace(db, makeBundle());
    const pending = feedback(7, 'a2', 'outdated');
    await addEvent(db, pending, 'pending');
    // The new bundle carries an event with the same id: the rep's pending one wins.
    await replaceWorkspace(
      db,
      makeBundle({ events: [feedback(7, 'a2', 'useful'), usage(8, 'a1')] }),
    );
    const events = await listEvents(db);
    expect(events.map((e) => [e.id, e.delivery])).toEqual([
      [pending.id, 'pending'],
      [usage(8, 'a1').id, 'local'],
    ]);
    expect(events[0]).toMatchObject({ rating: 'outdated' });
  });

  describe('is atomic', () => {
    it('a repeated id in the bundle fails the replace and keeps the previous data', async () => {
      await replaceWorkspace(db, makeBundle());
      const before = await dumpAll(db);
      const touches = [...baseTouches(), makeTouch('t1', 'ada', T0)]; // 't1' twice
      const bad = makeBundle({ workspace: { id: 'ws-bad', name: 'Bad', updatedAt: T0 }, touches });
      await expect(replaceWorkspace(db, bad)).rejects.toMatchObject({ name: 'ConstraintError' });
      expect(await dumpAll(db)).toEqual(before);
      expect(await getWorkspaceMeta(db)).toMatchObject({ id: 'ws-test' });
    });

    it('an invalid key (thrown while writing) fails the replace and keeps the previous data', async () => {
      await replaceWorkspace(db, makeBundle());
      const before = await dumpAll(db);
      // Touches are stored in packs keyed by lead: a lead key that is no key fails the write.
      const broken = {
        ...makeTouch('x', 'ada', T0),
        leadKey: { not: 'a key' },
      } as unknown as Touch;
      const bad = makeBundle();
      bad.touches = [...bad.touches, broken];
      await expect(replaceWorkspace(db, bad)).rejects.toMatchObject({ name: 'DataError' });
      expect(await dumpAll(db)).toEqual(before);
    });

    it('a failed first replace leaves the store unseeded', async () => {
      const bad = makeBundle();
      bad.leads = [...bad.leads, bad.leads[0]!];
      await expect(replaceWorkspace(db, bad)).rejects.toThrow();
      expect(await isSeeded(db)).toBe(false);
      expect(await countAll(db)).toEqual({ leads: 0, touches: 0, events: 0 });
    });
  });

  it('writes 20,000 touches and 300 leads in one go', async () => {
    const leads = Array.from({ length: 300 }, (_, i) =>
      makeLead(`l${i}`, { firstName: `First${i}`, lastName: 'Bulk', email: `l${i}@bulk.example` }),
    );
    const touches = Array.from({ length: 20_000 }, (_, i) =>
      makeTouch(`b${i}`, `l${i % 300}`, T0 + i * 60_000),
    );
    const started = performance.now();
    await replaceWorkspace(db, makeBundle({ leads, touches, events: [] }));
    const ms = performance.now() - started;
    expect(await countAll(db)).toEqual({ leads: 300, touches: 20_000, events: 0 });
    expect(await getTouchesForLead(db, 'l7')).toHaveLength(67);
    // fake-indexeddb is far slower than Chromium; this only catches an accidental
    // await-per-record (the Chromium figure is measured separately).
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});

describe('dumpAll', () => {
  it('lists every store, records sorted by key', async () => {
    await replaceWorkspace(db, makeBundle());
    const dump = await dumpAll(db);
    expect(Object.keys(dump).sort()).toEqual(
      [
        'assets',
        'campaigns',
        'definitions',
        'events',
        'imports',
        'leads',
        'meta',
        'personas',
        'quarantine',
        'touchPacks',
      ].sort(),
    );
    expect(dump.touchPacks!.map((r) => r.key)).toEqual([
      ['ada', 0],
      ['jose', 0],
      ['soren', 0],
    ]);
    expect(packTouches(dump.touchPacks![0]!.value).map((t) => t.id)).toEqual([
      't1',
      't2',
      't3',
      't4',
      't5',
    ]);
    expect(dump.touchPacks![0]!.value.minAt).toBe(T0 + DAY);
    expect(dump.leads!.map((r) => r.key)).toEqual(['ada', 'ada2', 'anon', 'jose', 'soren']);
    expect(dump.leads![0]!.value).toMatchObject({
      recordKeys: ['salesforce|acme|00Q5e00000AbCdEEAZ', 'hubspot|4711|101'],
      emailNorm: 'ada.lovelace@example.com',
      nameNorm: 'ada lovelace',
    });
    expect(dump.meta).toEqual([
      { key: 'definitionsRevision', value: 1 },
      { key: 'eventsRevision', value: 1 },
      { key: 'seeded', value: true },
      { key: 'touchCount', value: 7 },
      { key: 'workspace', value: makeBundle().workspace },
    ]);
  });

  it('advances the revisions caches key on with every replace and every event', async () => {
    const revisions = async () => {
      const meta = (await dumpAll(db)).meta!;
      const get = (k: string) => meta.find((m) => m.key === k)?.value;
      return [get('definitionsRevision') ?? 0, get('eventsRevision') ?? 0];
    };
    const before = (await revisions()) as number[];
    await replaceWorkspace(db, makeBundle());
    const afterReplace = (await revisions()) as number[];
    expect(afterReplace[0]).toBe(before[0]! + 1);
    await addEvent(db, feedback(99, 'a1', 'useful'), 'local');
    expect(await revisions()).toEqual([afterReplace[0], afterReplace[1]! + 1]);
  });
});

describe('import history', () => {
  it('records imports and lists them newest first', async () => {
    const first = await addImport(db, {
      at: T0,
      kind: 'marketo',
      fileName: 'leads.csv',
      rows: 10,
      rejected: 1,
      status: 'partial',
    });
    const second = await addImport(db, {
      at: T0 + DAY,
      kind: 'bundle',
      fileName: 'ws.json',
      rows: 1,
      rejected: 0,
      status: 'ok',
    });
    expect(first.id).not.toBe(second.id);
    expect(await listImports(db)).toEqual([second, first]);
    expect(await listImports(db, 1)).toEqual([second]);
    // A workspace replace does not wipe the history.
    await replaceWorkspace(db, makeBundle());
    expect(await listImports(db)).toHaveLength(2);
  });
});
