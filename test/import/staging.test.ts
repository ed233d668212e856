import { describe, expect, it, vi } from 'vitest';
import { TOUCH_FIELDS, type Touch } from '../../lib/model';
import {
  fromColumns,
  memoryStaging,
  STAGE_RECORD_TOUCHES,
  StoreSink,
  toColumns,
  type StagingArea,
} from '../../lib/import/sink';
import { getTouchesForLead, putTouches } from '../../lib/store';
import { NOW, seededDb } from './helpers';

vi.setConfig({ testTimeout: 60_000 });

function touch(leadKey: string, n: number, extra: Partial<Touch> = {}): Touch {
  return {
    id: `marketo:${leadKey}-${n}`,
    leadKey,
    at: NOW - 86_400_000 + n * 60_000,
    type: 'email_opened',
    channel: 'email',
    source: 'marketo',
    sourceId: `${leadKey}-${n}`,
    botSuspect: false,
    ...extra,
  };
}

describe('staged records', () => {
  it('give back the same touches, fields absent where they were, through JSON', () => {
    const touches = [
      touch('L-1', 1, { campaignId: 'mkto-1', detail: 'Nurture 1', url: 'https://e.com/a' }),
      touch('L-2', 2, { assetId: 'A-1', botSuspect: true }),
      touch('L-1', 3),
    ];
    const back = fromColumns(JSON.parse(JSON.stringify(toColumns(touches))));
    expect(back).toEqual(touches);
    expect(back.map((t) => Object.keys(t))).toEqual(
      touches.map((t) => TOUCH_FIELDS.filter((f) => f in t)),
    );
    expect(Object.keys(toColumns([touch('L-1', 1)]))).not.toContain('assetId');
  });

  it('memory staging gives a bucket its records in order, once', () => {
    const area = memoryStaging();
    area.append(3, 'a');
    area.append(1, 'x');
    area.append(3, 'b');
    expect(area.take(3)).toEqual(['a', 'b']);
    expect(area.take(3)).toEqual([]);
    expect(area.take(1)).toEqual(['x']);
  });
});

describe('the commit merges staged touches into the packs', () => {
  it("with a lead's existing packs, dropping touches it has and repeats across records", async () => {
    const db = await seededDb();
    const lead = 'L-0001';
    const stored = [touch(lead, 0), touch(lead, 5)];
    await putTouches(db, stored);
    const before = await getTouchesForLead(db, lead);

    const inner = memoryStaging();
    const appended: string[] = [];
    const recording: StagingArea = {
      append: (bucket, record) => {
        appended.push(record);
        inner.append(bucket, record);
      },
      take: (bucket) => inner.take(bucket),
    };

    const { sink } = await StoreSink.open(db, NOW, 0, recording);
    // More than a record's worth for one lead (several staged records), the first batch
    // repeating a stored touch, the second repeating one of the first batch.
    const fresh = Array.from({ length: STAGE_RECORD_TOUCHES + 10 }, (_, i) => touch(lead, 10 + i));
    const empty = { leads: [], campaigns: [], personas: [], assets: [] };
    await sink.write({ ...empty, touches: [touch(lead, 5), ...fresh.slice(0, 600)] });
    await sink.write({ ...empty, touches: [...fresh.slice(599), touch(lead, 0)] });
    await sink.commit(
      {
        id: 'i-1',
        at: NOW,
        kind: 'marketo',
        fileName: 'f.csv',
        rows: 0,
        rejected: 0,
        status: 'ok',
      },
      0,
    );
    expect(appended.length).toBeGreaterThan(1);
    expect(sink.touchesAdded).toBe(fresh.length);
    expect(sink.touchesExisting).toBe(3);
    const after = await getTouchesForLead(db, lead);
    expect(after).toHaveLength(before.length + fresh.length);
    expect(after.map((t) => t.id)).toEqual(
      [...before, ...fresh].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map((t) => t.id),
    );
    expect(new Set(after.map((t) => t.id)).size).toBe(after.length);
    const packs = await db.getAll('touchPacks', IDBKeyRange.bound([lead, 0], [lead, Infinity]));
    expect(packs.every((p) => p.touches.length <= 500)).toBe(true);
    expect(await db.count('importStaging')).toBe(0);
  });
});
