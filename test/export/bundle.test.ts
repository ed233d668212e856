import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundle } from '../../lib/export/bundle';
import { WorkspaceBundle } from '../../lib/model';
import {
  TOUCH_PACK_CAP,
  dumpAll,
  openTandemDb,
  putTouches,
  replaceWorkspace,
  type TandemDb,
} from '../../lib/store';
import { T0, baseTouches, makeBundle, makeTouch } from '../store/fixtures';

let db: TandemDb;
beforeEach(async () => {
  db = await openTandemDb();
});
afterEach(() => db.close());

const byId = <T extends { id: string }>(list: T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('exportBundle', () => {
  it('flattens the packs: every touch once, each lead oldest first', async () => {
    await replaceWorkspace(db, makeBundle());
    // A lead spread over several packs.
    const many = Array.from({ length: TOUCH_PACK_CAP + 30 }, (_, i) =>
      makeTouch(`m${String(i).padStart(4, '0')}`, 'jose', T0 + (TOUCH_PACK_CAP + 30 - i) * 1000),
    );
    await putTouches(db, many);
    const bundle = await exportBundle(db, T0);
    expect(WorkspaceBundle.safeParse(bundle).success).toBe(true);
    expect(byId(bundle.touches)).toEqual(byId([...baseTouches(), ...many]));
    const jose = bundle.touches.filter((t) => t.leadKey === 'jose').map((t) => t.at);
    expect(jose).toEqual([...jose].sort((a, b) => a - b));
  });

  it('a bundle exported and imported again gives back the same packs', async () => {
    await replaceWorkspace(db, makeBundle());
    const before = await dumpAll(db);
    await replaceWorkspace(db, await exportBundle(db, T0));
    const after = await dumpAll(db);
    expect(after.touchPacks).toEqual(before.touchPacks);
    expect(after.meta!.find((m) => m.key === 'touchCount')?.value).toBe(baseTouches().length);
  });
});
