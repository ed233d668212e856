import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countAll,
  getTouchesForLead,
  openTandemDb,
  putTouches,
  replaceWorkspace,
  type TandemDb,
} from '../../lib/store';
import { DAY, T0, makeBundle, makeTouch } from './fixtures';

let db: TandemDb;
beforeEach(async () => {
  db = await openTandemDb();
  await replaceWorkspace(db, makeBundle());
});
afterEach(() => db.close());

const ids = (touches: { id: string }[]) => touches.map((t) => t.id);

describe('getTouchesForLead', () => {
  it("returns only the lead's touches, oldest first", async () => {
    expect(ids(await getTouchesForLead(db, 'ada'))).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(ids(await getTouchesForLead(db, 'jose'))).toEqual(['j1']);
    expect(await getTouchesForLead(db, 'nobody')).toEqual([]);
  });

  it('applies since and until as inclusive bounds', async () => {
    expect(ids(await getTouchesForLead(db, 'ada', { since: T0 + 2 * DAY }))).toEqual([
      't2',
      't3',
      't4',
      't5',
    ]);
    expect(ids(await getTouchesForLead(db, 'ada', { until: T0 + 2 * DAY }))).toEqual(['t1', 't2']);
    expect(
      ids(await getTouchesForLead(db, 'ada', { since: T0 + 2 * DAY, until: T0 + 4 * DAY })),
    ).toEqual(['t2', 't3', 't4']);
    expect(
      ids(await getTouchesForLead(db, 'ada', { since: T0 + 2 * DAY + 1, until: T0 + 4 * DAY - 1 })),
    ).toEqual(['t3']);
    expect(await getTouchesForLead(db, 'ada', { since: T0 + 9 * DAY })).toEqual([]);
    expect(await getTouchesForLead(db, 'ada', { since: T0 + 4 * DAY, until: T0 })).toEqual([]);
  });

  it('does not bleed into leads whose key extends this one', async () => {
    await putTouches(db, [makeTouch('x1', 'ada2', T0 + 3 * DAY), makeTouch('x2', 'ad', T0)]);
    expect(ids(await getTouchesForLead(db, 'ada'))).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(ids(await getTouchesForLead(db, 'ada2'))).toEqual(['x1']);
  });

  it('returns the stored touches unchanged', async () => {
    const [t1] = await getTouchesForLead(db, 'ada', { until: T0 + DAY });
    expect(t1).toEqual(makeBundle().touches.find((t) => t.id === 't1'));
  });
});

describe('putTouches', () => {
  it('is idempotent by id (replaces, never duplicates)', async () => {
    const extra = [makeTouch('n1', 'soren', T0 + DAY), makeTouch('n2', 'soren', T0 + 2 * DAY)];
    await putTouches(db, extra);
    await putTouches(db, extra);
    await putTouches(db, [
      makeTouch('n1', 'soren', T0 + 3 * DAY, { type: 'chat', channel: 'chat' }),
    ]);
    expect((await countAll(db)).touches).toBe(7 + 2);
    const soren = await getTouchesForLead(db, 'soren');
    expect(ids(soren)).toEqual(['s1', 'n2', 'n1']);
    expect(soren[2]).toMatchObject({ type: 'chat', at: T0 + 3 * DAY });
  });
});
