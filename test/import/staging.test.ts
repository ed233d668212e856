import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Touch } from '../../lib/model';
import {
  blobStaging,
  memoryStaging,
  STAGE_RECORD_TOUCHES,
  StoreSink,
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

const bytes = (...values: number[]) => new Uint8Array(values);

describe('memory staging', () => {
  it('gives a bucket its records in order, once', () => {
    const area = memoryStaging();
    area.append(3, bytes(1));
    area.append(1, bytes(9));
    area.append(3, bytes(2, 2));
    expect(area.take(3)).toEqual([bytes(1), bytes(2, 2)]);
    expect(area.take(3)).toEqual([]);
    expect(area.take(1)).toEqual([bytes(9)]);
  });
});

/**
 * The browser's Blob, at the boundary: one that keeps its parts' bytes, read back by the
 * synchronous reader the import worker has (FileReaderSync), which tests do not.
 */
class HeldBlob {
  static made = 0;
  readonly bytes: Uint8Array;
  constructor(parts: (Uint8Array | HeldBlob)[]) {
    HeldBlob.made++;
    const chunks = parts.map((p) => (p instanceof HeldBlob ? p.bytes : p));
    this.bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      this.bytes.set(chunk, at);
      at += chunk.length;
    }
  }
}

describe('blob staging', () => {
  const realBlob = globalThis.Blob;
  beforeEach(() => {
    HeldBlob.made = 0;
    globalThis.Blob = HeldBlob as unknown as typeof Blob;
  });
  afterEach(() => {
    globalThis.Blob = realBlob;
  });
  const read = (blob: Blob) => (blob as unknown as HeldBlob).bytes.slice().buffer;

  it('gives a bucket its records back whole and in order, across the Blobs they were gathered in', () => {
    const area = blobStaging(read, { blobBytes: 64, pendingBytes: 1 << 20 });
    const records = Array.from({ length: 20 }, (_, i) =>
      Uint8Array.from({ length: 5 + i * 3 }, (_, k) => (i * 31 + k) % 256),
    );
    records.forEach((r, i) => area.append(i % 2, r));
    area.append(2, new Uint8Array(0));
    const blobsWhileAppending = HeldBlob.made;
    // Gathered: fewer Blobs than records, more than one per bucket.
    expect(blobsWhileAppending).toBeGreaterThan(2);
    expect(blobsWhileAppending).toBeLessThan(records.length);
    expect(area.take(1)).toEqual(records.filter((_, i) => i % 2 === 1));
    expect(area.take(0)).toEqual(records.filter((_, i) => i % 2 === 0));
    expect(area.take(2)).toEqual([new Uint8Array(0)]);
    expect(area.take(0)).toEqual([]);
  });

  it('writes every waiting record out once the pending bytes pass their cap', () => {
    const area = blobStaging(read, { blobBytes: 1 << 20, pendingBytes: 100 });
    for (let b = 0; b < 4; b++) area.append(b, new Uint8Array(20).fill(b));
    expect(HeldBlob.made).toBe(0);
    area.append(4, new Uint8Array(20).fill(4));
    expect(HeldBlob.made).toBe(5);
    for (let b = 0; b < 5; b++) expect(area.take(b)).toEqual([new Uint8Array(20).fill(b)]);
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
    const appended: Uint8Array[] = [];
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
