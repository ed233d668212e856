import { describe, expect, it } from 'vitest';
import {
  countStores,
  deleteEverything,
  getTouchesForLead,
  isSeeded,
  openTandemDb,
  purgeTouchesBefore,
  putTouches,
} from '../../lib/store';
import type { Touch } from '../../lib/model';

const touch = (id: string, at: number): Touch => ({
  id,
  leadKey: 'ada',
  at,
  type: 'email_opened',
  channel: 'email',
  source: 'demo',
  botSuspect: false,
});

describe('privacy operations', () => {
  it('purges only touches before the cutoff, then deletes everything without reseeding', async () => {
    const db = await openTandemDb();
    await putTouches(db, [touch('old', 1_000), touch('edge', 5_000), touch('new', 9_000)]);
    expect(await purgeTouchesBefore(db, 5_000)).toBe(1);
    expect((await getTouchesForLead(db, 'ada')).map((t) => t.id)).toEqual(['edge', 'new']);
    expect((await countStores(db)).touches).toBe(2);
    await deleteEverything(db);
    const counts = await countStores(db);
    expect(Object.entries(counts).filter(([name, n]) => n > 0 && name !== 'meta')).toEqual([]);
    expect(await isSeeded(db)).toBe(true);
  });
});
