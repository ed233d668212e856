import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lead, Touch } from '../../lib/model';
import {
  blobStaging,
  LEADS_PER_WRITE,
  memoryStaging,
  STAGE_RECORD_TOUCHES,
  StoreSink,
  type StagingArea,
} from '../../lib/import/sink';
import { getLead, getTouchesForLead, putTouches } from '../../lib/store';
import { packTouches } from '../../lib/store/packs';
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
 * The browser's Blob, at the boundary: one that copies its parts' bytes when made (as the real
 * one does) and slices, read back by the synchronous reader the import worker has
 * (FileReaderSync), which tests do not.
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
  slice(start: number, end: number): HeldBlob {
    const part = new HeldBlob([this.bytes.subarray(start, end)]);
    HeldBlob.made--;
    return part;
  }
}

/** Puts `HeldBlob` in place of Blob around each test of the block; returns its reader. */
function useHeldBlobs(): (blob: Blob) => ArrayBuffer {
  const realBlob = globalThis.Blob;
  beforeEach(() => {
    HeldBlob.made = 0;
    globalThis.Blob = HeldBlob as unknown as typeof Blob;
  });
  afterEach(() => {
    globalThis.Blob = realBlob;
  });
  return (blob) => (blob as unknown as HeldBlob).bytes.slice().buffer;
}

describe('blob staging', () => {
  const read = useHeldBlobs();

  it('gives a bucket its records back whole and in order, across the Blobs they were gathered in', () => {
    const area = blobStaging(read, { batchBytes: 64, keepBytes: 0 });
    const records = Array.from({ length: 20 }, (_, i) =>
      Uint8Array.from({ length: 5 + i * 3 }, (_, k) => (i * 31 + k) % 256),
    );
    // One buffer handed over and written over between calls, as the codec does.
    const scratch = new Uint8Array(128);
    records.forEach((r, i) => {
      scratch.set(r);
      area.append(i % 2, scratch.subarray(0, r.length));
      scratch.fill(255);
    });
    area.append(2, new Uint8Array(0));
    // Gathered: fewer Blobs than records; the largest records (past the batch) alone.
    expect(HeldBlob.made).toBeGreaterThan(2);
    expect(HeldBlob.made).toBeLessThan(records.length);
    expect(area.take(1)).toEqual(records.filter((_, i) => i % 2 === 1));
    expect(area.take(0)).toEqual(records.filter((_, i) => i % 2 === 0));
    expect(area.take(2)).toEqual([new Uint8Array(0)]);
    expect(area.take(0)).toEqual([]);
    expect(area.take(7)).toEqual([]);
  });

  it('writes one Blob per full batch, whatever the buckets', () => {
    const area = blobStaging(read, { batchBytes: 100, keepBytes: 0 });
    for (let b = 0; b < 4; b++) area.append(b, new Uint8Array(20).fill(b));
    expect(HeldBlob.made).toBe(0);
    area.append(4, new Uint8Array(20).fill(4));
    expect(HeldBlob.made).toBe(1);
    for (let b = 0; b < 5; b++) expect(area.take(b)).toEqual([new Uint8Array(20).fill(b)]);
    // The last batch written once (at the first take), and one Blob read per bucket.
    expect(HeldBlob.made).toBe(2 + 5);
  });
});

describe('staging in memory first', () => {
  const read = useHeldBlobs();

  it("keeps batches in memory up to its budget, then uses Blobs, a bucket's records still in order", () => {
    const area = blobStaging(read, { batchBytes: 50, keepBytes: 100 });
    const records = Array.from({ length: 12 }, (_, i) => new Uint8Array(20).fill(i));
    const scratch = new Uint8Array(20);
    records.forEach((r, i) => {
      scratch.set(r);
      area.append(i % 3, scratch);
      scratch.fill(255);
    });
    // Two records per batch of 50 bytes: two batches kept (100 bytes), the next three in Blobs
    // (the last is written at the first take).
    expect(HeldBlob.made).toBe(3);
    for (let b = 0; b < 3; b++) {
      expect(area.take(b)).toEqual(records.filter((_, i) => i % 3 === b));
    }
  });

  it('never needs a Blob while the records fit', () => {
    const area = blobStaging(read, { batchBytes: 64, keepBytes: 1 << 20 });
    for (let i = 0; i < 40; i++) area.append(i % 4, new Uint8Array(30).fill(i));
    for (let b = 0; b < 4; b++) {
      expect(area.take(b).map((r) => r[0])).toEqual([...Array(10).keys()].map((k) => k * 4 + b));
    }
    expect(HeldBlob.made).toBe(0);
  });
});

describe('memory staging keeps its own copy', () => {
  it('of a record whose buffer is written over', () => {
    const area = memoryStaging();
    const scratch = bytes(1, 2, 3);
    area.append(0, scratch);
    scratch.fill(0);
    expect(area.take(0)).toEqual([bytes(1, 2, 3)]);
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
    expect(packs.every((p) => p.count <= 500 && packTouches(p).length === p.count)).toBe(true);
  });
});

describe('leads named by a batch', () => {
  const lead = (n: number, title: string): Lead => ({
    key: `marketo-${n}`,
    firstName: `Person ${n}`,
    title,
    crmRefs: [],
    stage: 'lead',
    sourceSystem: 'marketo',
    sourceId: String(n),
    updatedAt: NOW,
  });
  const record = {
    id: 'i-2',
    at: NOW,
    kind: 'marketo' as const,
    fileName: 'f.csv',
    rows: 0,
    rejected: 0,
    status: 'ok' as const,
  };
  const empty = { touches: [], campaigns: [], personas: [], assets: [] };

  it('are handed to the store a share per batch, every one written by the commit, a later version last', async () => {
    const db = await seededDb();
    const { sink } = await StoreSink.open(db, NOW);
    const many = LEADS_PER_WRITE * 2 + 7;
    await sink.write({ ...empty, leads: Array.from({ length: many }, (_, i) => lead(i, 'v1')) });
    expect(sink.leadsWaiting).toBe(many - LEADS_PER_WRITE);
    // A later batch changes a lead still waiting and one already written.
    await sink.write({ ...empty, leads: [lead(many - 1, 'v2'), lead(0, 'v2')] });
    expect(sink.leadsWaiting).toBe(many + 2 - 2 * LEADS_PER_WRITE);
    await sink.commit(record, many);
    expect(sink.leadsWaiting).toBe(0);
    for (const n of [0, 1, LEADS_PER_WRITE, many - 2, many - 1]) {
      expect((await getLead(db, `marketo-${n}`))?.title).toBe(
        n === 0 || n === many - 1 ? 'v2' : 'v1',
      );
    }
  });

  it('leave nothing behind when the import is cancelled before they are all written', async () => {
    const db = await seededDb();
    const { sink } = await StoreSink.open(db, NOW);
    await sink.write({ ...empty, leads: Array.from({ length: 600 }, (_, i) => lead(i, 'v1')) });
    sink.abort();
    expect(await getLead(db, 'marketo-0')).toBeUndefined();
    expect(await getLead(db, 'marketo-599')).toBeUndefined();
  });
});
