import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Touch } from '../../lib/model';
import {
  TOUCH_PACK_CAP,
  cacheLeadData,
  countAll,
  dumpAll,
  getTouchesForLead,
  openTandemDb,
  purgeTouchesBefore,
  putTouches,
  replaceDefinitions,
  replaceWorkspace,
  type TandemDb,
  type TouchPack,
} from '../../lib/store';
import { compareTouches, layoutPacks, mergeLeadTouches, packTouches } from '../../lib/store/packs';
import { DAY, T0, makeBundle, makeLead, makeTouch } from './fixtures';

let db: TandemDb;
beforeEach(async () => {
  db = await openTandemDb();
});
afterEach(() => db.close());

const ids = (touches: { id: string }[]) => touches.map((t) => t.id);
const packsOf = async (leadKey: string): Promise<TouchPack[]> =>
  (await dumpAll(db)).touchPacks!.filter((r) => r.key[0] === leadKey).map((r) => r.value);

/** `n` touches of one lead, one a minute from `start`, ids sorting in time order. */
function series(leadKey: string, n: number, start = T0, prefix = 'x'): Touch[] {
  return Array.from({ length: n }, (_, i) =>
    makeTouch(`${prefix}${String(i).padStart(5, '0')}`, leadKey, start + i * 60_000),
  );
}

/** Every rule of the layout: sorted across packs, 1..cap per pack, minAt, one lead per pack. */
function expectWellFormed(packs: TouchPack[]): void {
  const all = packs.flatMap((p) => packTouches(p));
  expect([...all].sort(compareTouches)).toEqual(all);
  expect(new Set(ids(all)).size).toBe(all.length);
  for (const p of packs) {
    expect(packTouches(p).length).toBeGreaterThan(0);
    expect(packTouches(p).length).toBeLessThanOrEqual(TOUCH_PACK_CAP);
    expect(p.minAt).toBe(packTouches(p)[0]!.at);
    expect(packTouches(p).every((t) => t.leadKey === p.leadKey)).toBe(true);
  }
}

describe('pack layout', () => {
  it('cuts a lead with more than the cap into full packs and a rest', async () => {
    const touches = series('ada', 2 * TOUCH_PACK_CAP + 37).reverse();
    await putTouches(db, touches);
    const packs = await packsOf('ada');
    expect(packs.map((p) => [p.seq, packTouches(p).length])).toEqual([
      [0, TOUCH_PACK_CAP],
      [1, TOUCH_PACK_CAP],
      [2, 37],
    ]);
    expectWellFormed(packs);
    expect(await getTouchesForLead(db, 'ada')).toEqual([...touches].reverse());
    expect((await countAll(db)).touches).toBe(touches.length);
  });

  it('orders touches at the same time by id, as the old index did', () => {
    const [pack] = layoutPacks(
      'ada',
      [makeTouch('b', 'ada', T0), makeTouch('a', 'ada', T0), makeTouch('c', 'ada', T0 - 1)].sort(
        compareTouches,
      ),
    );
    expect(ids(packTouches(pack!))).toEqual(['c', 'a', 'b']);
  });
});

describe('merging into packs', () => {
  it('dedupes by id: writing the same touches again changes nothing', async () => {
    const touches = series('ada', TOUCH_PACK_CAP + 10);
    await putTouches(db, touches);
    const once = await dumpAll(db);
    await putTouches(db, touches);
    await putTouches(db, touches.slice(3, 40));
    expect(await dumpAll(db)).toEqual(once);
    expect((await countAll(db)).touches).toBe(touches.length);
  });

  it('keep mode leaves stored touches alone and counts repeats as existing', () => {
    const stored = layoutPacks('ada', series('ada', 5));
    const changed = makeTouch('x00002', 'ada', T0 + DAY, { type: 'chat', channel: 'chat' });
    const fresh = makeTouch('new', 'ada', T0 + 2 * DAY);
    const merge = mergeLeadTouches('ada', stored, [changed, fresh, fresh], 'keep');
    expect(merge).toMatchObject({ added: 1, existing: 2, deletes: [] });
    expect(ids(packTouches(merge.puts[0]!))).toEqual([
      'x00000',
      'x00001',
      'x00002',
      'x00003',
      'x00004',
      'new',
    ]);
    expect(packTouches(merge.puts[0]!)[2]).toEqual(packTouches(stored[0]!)[2]);
    expect(packTouches(merge.puts[0]!)[2]!.type).not.toBe('chat');
    // Nothing new: nothing to write at all.
    expect(mergeLeadTouches('ada', stored, [changed], 'keep')).toEqual({
      puts: [],
      deletes: [],
      added: 0,
      existing: 1,
    });
  });

  it('replace mode takes the new copy and moves it to its new time', async () => {
    await putTouches(db, series('ada', 3));
    await putTouches(db, [
      makeTouch('x00000', 'ada', T0 + DAY, { type: 'chat', channel: 'chat' }),
      makeTouch('x00003', 'ada', T0 + 30_000),
    ]);
    const touches = await getTouchesForLead(db, 'ada');
    expect(ids(touches)).toEqual(['x00003', 'x00001', 'x00002', 'x00000']);
    expect(touches[3]).toMatchObject({ type: 'chat', at: T0 + DAY });
    expect((await countAll(db)).touches).toBe(4);
  });

  it('appending newer touches rewrites only the last pack', () => {
    const stored = layoutPacks('ada', series('ada', 2 * TOUCH_PACK_CAP + 5));
    const later = series('ada', 10, T0 + 10 * DAY, 'y');
    const merge = mergeLeadTouches('ada', stored, later, 'keep');
    expect(merge.puts.map((p) => [p.seq, packTouches(p).length])).toEqual([[2, 15]]);
    expect(merge.added).toBe(10);
  });

  it('an earlier touch shifts every later pack; a shorter lead deletes its extra packs', () => {
    const stored = layoutPacks('ada', series('ada', 2 * TOUCH_PACK_CAP));
    const earlier = mergeLeadTouches('ada', stored, [makeTouch('first', 'ada', T0 - 1)], 'keep');
    expect(earlier.puts.map((p) => p.seq)).toEqual([0, 1, 2]);
    expectWellFormed(earlier.puts);
    // Packs left with gaps by a purge are laid out again from seq 0.
    const gapped = [{ ...stored[1]!, seq: 4 }];
    const merge = mergeLeadTouches('ada', gapped, [makeTouch('z', 'ada', T0 + 9 * DAY)], 'keep');
    expect(merge.puts.map((p) => [p.seq, packTouches(p).length])).toEqual([
      [0, TOUCH_PACK_CAP],
      [1, 1],
    ]);
    expect(merge.deletes).toEqual([['ada', 4]]);
  });
});

describe('writers keep the touch count', () => {
  it('replace, put, cache from the hub, purge and a new hub workspace', async () => {
    await replaceWorkspace(db, makeBundle());
    expect((await countAll(db)).touches).toBe(7);
    await putTouches(db, series('soren', 3, T0 + DAY));
    expect((await countAll(db)).touches).toBe(10);
    // The hub's copy of s1 replaces the local one; two new touches join it.
    await cacheLeadData(db, makeLead('soren'), [
      makeTouch('s1', 'soren', T0, { detail: 'from the hub' }),
      ...series('soren', 2, T0 + 2 * DAY, 'h'),
    ]);
    expect((await countAll(db)).touches).toBe(12);
    expect((await getTouchesForLead(db, 'soren'))[0]).toMatchObject({ detail: 'from the hub' });
    expectWellFormed(await packsOf('soren'));

    // Purge before T0 + 2 days: ada's t1 (day 1) goes, soren's s1 (day 0) and x00000.. (day 1).
    const before = T0 + 2 * DAY;
    const all = (await dumpAll(db)).touchPacks!.flatMap((r) => packTouches(r.value));
    const expected = all.filter((t) => t.at < before).length;
    expect(await purgeTouchesBefore(db, before)).toBe(expected);
    expect((await countAll(db)).touches).toBe(12 - expected);
    const left = (await dumpAll(db)).touchPacks!.flatMap((r) => packTouches(r.value));
    expect(left.every((t) => t.at >= before)).toBe(true);
    expect(left).toHaveLength(12 - expected);
    for (const key of ['ada', 'jose', 'soren']) expectWellFormed(await packsOf(key));

    const bundle = makeBundle();
    await replaceDefinitions(db, {
      workspace: { id: 'another-team', name: 'Other', updatedAt: T0 },
      personas: bundle.personas,
      campaigns: bundle.campaigns,
      assets: bundle.assets,
      scoringModel: bundle.scoringModel,
      lifecycle: bundle.lifecycle,
    });
    expect((await countAll(db)).touches).toBe(0);
    expect(await db.count('touchPacks')).toBe(0);
  });

  it('a purge that empties packs deletes them and leaves later packs readable', async () => {
    await putTouches(db, series('ada', TOUCH_PACK_CAP + 20));
    const cutoff = T0 + (TOUCH_PACK_CAP + 5) * 60_000;
    expect(await purgeTouchesBefore(db, cutoff)).toBe(TOUCH_PACK_CAP + 5);
    expect((await packsOf('ada')).map((p) => [p.seq, packTouches(p).length])).toEqual([[1, 15]]);
    // The next write lays the lead out again from seq 0.
    await putTouches(db, [makeTouch('late', 'ada', T0 + 9 * DAY)]);
    expect((await packsOf('ada')).map((p) => [p.seq, packTouches(p).length])).toEqual([[0, 16]]);
    expect(ids(await getTouchesForLead(db, 'ada')).at(-1)).toBe('late');
    expect((await countAll(db)).touches).toBe(16);
  });
});
