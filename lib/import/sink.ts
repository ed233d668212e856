/**
 * Where an import writes: one readwrite transaction over every store it touches, open from the
 * first row to the commit. Nothing is visible to anyone until it commits, and an abort (cancel,
 * a store error, a closed worker, a crash) drops all of it: the store stays exactly as it was.
 *
 * Touches are stored packed by lead (`touchPacks`), but a file lists them in its own order (by
 * time, usually): writing each lead's packs as rows arrive would rewrite them again and again.
 * So parsed touches are first staged, outside the store, in a `StagingArea` (memory, then
 * Blobs, in the import worker), encoded (../store/touch-codec) and grouped by a hash bucket of
 * their lead key; the commit then merges bucket by bucket: take the bucket's staged touches,
 * group them by lead, read those leads' packs, merge (deduplicating by touch id), write the
 * changed packs and wait for them. The merge holds about one bucket at a time. Staging outside
 * the store means each touch is written to IndexedDB once, in its pack.
 *
 * The transaction stays open because the import always has a request in flight: while parsing,
 * it waits for the previous batch's last request before it parses the next chunk (read
 * synchronously); while merging, each step waits on requests it issued. The store is never
 * idle.
 */
import { unwrap } from 'idb';
import { type Asset, type Campaign, type Lead, type Persona, type Touch } from '../model';
import { toStoredLead } from '../store/normalize';
import { groupByLead, leadPackRange, mergeLeadTouches } from '../store/packs';
import { decodeTouches, encodeTouches } from '../store/touch-codec';
import type {
  ImportRecord,
  TandemDb,
  TouchPack,
  TouchPackKey,
  WorkspaceInfo,
} from '../store/schema';

export const IMPORT_STORES = [
  'touchPacks',
  'leads',
  'campaigns',
  'personas',
  'assets',
  'meta',
  'imports',
] as const;

export interface Batch {
  touches: Touch[];
  leads: Lead[];
  campaigns: Campaign[];
  personas: Persona[];
  assets: Asset[];
}

export function emptyBatch(): Batch {
  return { touches: [], leads: [], campaigns: [], personas: [], assets: [] };
}

/** What the store held when the import started, for resolving rows against it. */
export interface Snapshot {
  leads: Lead[];
  campaignIds: string[];
}

/**
 * Touches per staged record: enough for a record's dictionaries to pay off (see
 * ../store/touch-codec), few enough that a bucket's buffer stays small.
 */
export const STAGE_RECORD_TOUCHES = 1024;
/** Most touches held in the buckets' buffers at once: past this all buffers are written out. */
const STAGE_BUFFERED_TOUCHES = 65_536;
/**
 * Input bytes per bucket: a bucket's share of a file stays about this size, whatever the file
 * (the merge holds one bucket's touches at once). Fewer buckets keep more of the staged records
 * full-sized: every bucket buffers up to a record before writing it.
 */
const BYTES_PER_BUCKET = 8 << 20;
const MIN_BUCKETS = 16;
const MAX_BUCKETS = 4096;

/** How many buckets staging uses for an input of `bytes`. */
export function bucketCount(bytes: number): number {
  return Math.min(MAX_BUCKETS, Math.max(MIN_BUCKETS, Math.ceil(bytes / BYTES_PER_BUCKET)));
}

/** FNV-1a of the lead key, to a bucket. */
export function bucketOf(leadKey: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < leadKey.length; i++) h = Math.imul(h ^ leadKey.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

/**
 * Where an import's parsed touches wait for the merge, as encoded records (../store/touch-codec) by
 * bucket. Nothing in it is visible to anyone: dropping it drops them.
 */
export interface StagingArea {
  /** Keeps a copy of `record`: its bytes are only valid during the call. */
  append(bucket: number, record: Uint8Array): void;
  /** The bucket's records in the order they were appended; the area lets go of them. */
  take(bucket: number): Uint8Array[];
}

/** Records held in memory: for small imports and where Blobs cannot be read back. */
export function memoryStaging(): StagingArea {
  const buckets = new Map<number, Uint8Array[]>();
  return {
    append(bucket, record) {
      const copy = record.slice();
      const list = buckets.get(bucket);
      if (list) list.push(copy);
      else buckets.set(bucket, [copy]);
    },
    take(bucket) {
      const list = buckets.get(bucket) ?? [];
      buckets.delete(bucket);
      return list;
    },
  };
}

export interface BlobStagingOptions {
  /** Records are gathered, whatever their bucket, into batches of about this many bytes. */
  batchBytes?: number;
  /** Batches kept in memory, in bytes, before the rest go to Blobs. */
  keepBytes?: number;
}

/**
 * Records gathered into batches: the first `keepBytes` of them kept in memory, the rest in
 * Blobs, whose bytes the browser keeps outside the JS heap (and spills to disk when they grow
 * large), read back synchronously by `readBytes` (FileReaderSync in a worker). Memory stays
 * bounded whatever the file's size, and the usual file never pays for handing its bytes to
 * the browser and reading them back. (Blobs still cost a fraction of staging in IndexedDB
 * records, whose values past 64 KiB become files read one by one and below that are slow to
 * write.)
 *
 * Each Blob costs a round of messages with the browser, and each new buffer pages of fresh
 * memory, so records are copied (each after its length) into one buffer and written out as
 * one Blob when it fills, the buffer then reused; a bucket keeps slices of those Blobs (which
 * copy nothing) and reads them back as one. A batch kept in memory keeps its buffer instead.
 */
export function blobStaging(
  readBytes: (blob: Blob) => ArrayBuffer,
  { batchBytes = 4 << 20, keepBytes = 128 << 20 }: BlobStagingOptions = {},
): StagingArea {
  const kept = new Map<number, Uint8Array[]>();
  const slices = new Map<number, Blob[]>();
  let keptBytes = 0;
  let spilled = false;
  let batch = new Uint8Array(batchBytes);
  let used = 0;
  let waiting: { bucket: number; start: number; end: number }[] = [];

  const add = <T>(map: Map<number, T[]>, bucket: number, item: T) => {
    const list = map.get(bucket);
    if (list) list.push(item);
    else map.set(bucket, [item]);
  };

  const seal = () => {
    if (!waiting.length) return;
    // Once a batch goes to a Blob every later one does: a bucket's records kept in memory
    // always come before those in Blobs.
    if (!spilled && keptBytes + batch.length <= keepBytes) {
      for (const { bucket, start, end } of waiting)
        add(kept, bucket, batch.subarray(start + 4, end));
      keptBytes += batch.length;
      batch = new Uint8Array(batchBytes);
    } else {
      spilled = true;
      // The Blob takes a copy: the buffer is free to be written over.
      const blob = new Blob([batch.subarray(0, used)], { type: 'application/octet-stream' });
      for (const { bucket, start, end } of waiting) add(slices, bucket, blob.slice(start, end));
    }
    waiting = [];
    used = 0;
  };

  return {
    append(bucket, record) {
      const size = 4 + record.length;
      if (used + size > batch.length) {
        seal();
        if (size > batch.length) batch = new Uint8Array(size);
      }
      new DataView(batch.buffer).setUint32(used, record.length, true);
      batch.set(record, used + 4);
      waiting.push({ bucket, start: used, end: used + size });
      used += size;
    },
    take(bucket) {
      seal();
      const records = kept.get(bucket) ?? [];
      kept.delete(bucket);
      const list = slices.get(bucket);
      slices.delete(bucket);
      if (!list) return records;
      const bytes = new Uint8Array(readBytes(new Blob(list)));
      list.length = 0;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let at = 0; at < bytes.length;) {
        const length = view.getUint32(at, true);
        records.push(bytes.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
      return records;
    },
  };
}

/**
 * Leads handed to the store per batch, at most; the rest wait for the next batches. A file's
 * first rows name most of its people, and the store writes a lead (with its three indexes)
 * far more slowly than the rows naming it are parsed: handed over at once, they kept the
 * reading waiting on the store (each batch waits for the one before to be written) while the
 * store sat idle for the rest of the file. Spread out, they are written while later chunks
 * are parsed.
 */
export const LEADS_PER_WRITE = 500;

/** Where the merge is: buckets merged so far out of those that hold staged touches. */
export interface MergeProgress {
  done: number;
  total: number;
}

export interface CommitOptions {
  onMerge?(progress: MergeProgress): void;
  /**
   * Asked between buckets and once more after the last one is written: true aborts the import
   * (it then rejects with `ImportCancelled`).
   */
  cancelled?(): boolean;
}

/** The import was cancelled while it merged; nothing was kept. */
export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class StoreSink {
  private touchesStaged = 0;
  private added = 0;
  private existing = 0;
  private definitions = 0;
  private failed: unknown = null;
  private aborted = false;
  private readonly done: Promise<void>;
  private readonly buffers: Touch[][];
  private buffered = 0;
  /** Buckets that have staged records, in the order they first got one. */
  private readonly usedBuckets = new Set<number>();
  /** Leads waiting to be written, from `leadHead` on. */
  private readonly leadQueue: Lead[] = [];
  private leadHead = 0;

  private constructor(
    private readonly tx: IDBTransaction,
    private readonly now: number,
    private readonly buckets: number,
    private readonly staging: StagingArea,
  ) {
    this.buffers = Array.from({ length: buckets }, () => []);
    tx.addEventListener('error', (event) => {
      const req = event.target as IDBRequest | null;
      if (this.failed === null) this.failed = req?.error ?? new Error('store request failed');
    });
    this.done = new Promise<void>((resolve, reject) => {
      tx.addEventListener('complete', () => resolve());
      tx.addEventListener('abort', () =>
        reject(this.failed ?? tx.error ?? new DOMException('aborted', 'AbortError')),
      );
    });
    this.done.catch(() => undefined);
  }

  /**
   * Opens the import's transaction and reads what rows are resolved against. `bytes` (the
   * input's size) sets how many buckets staging uses, so one bucket stays small. Touches wait
   * for the commit in `staging` (in memory unless told otherwise: give large imports a
   * `blobStaging`).
   */
  static async open(
    db: TandemDb,
    now: number,
    bytes = 0,
    staging: StagingArea = memoryStaging(),
  ): Promise<{ sink: StoreSink; snapshot: Snapshot }> {
    // Relaxed: the commit is still atomic, it only returns before the data reaches the disk.
    const tx = db.transaction([...IMPORT_STORES], 'readwrite', { durability: 'relaxed' });
    // idb's own completion promise: the sink reports aborts itself.
    tx.done.catch(() => undefined);
    const sink = new StoreSink(unwrap(tx), now, bucketCount(bytes), staging);
    const [stored, campaignIds] = await Promise.all([
      tx.objectStore('leads').getAll(),
      tx.objectStore('campaigns').getAllKeys(),
    ]);
    const leads = stored.map(
      ({ recordKeys: _r, emailNorm: _e, nameNorm: _n, ...lead }) => lead as Lead,
    );
    return { sink, snapshot: { leads, campaignIds } };
  }

  private store(name: (typeof IMPORT_STORES)[number]): IDBObjectStore {
    return this.tx.objectStore(name);
  }

  /**
   * Queues a batch's writes and resolves once the store has done them (a read queued after the
   * writes completes after them: requests in a transaction run in order).
   */
  write(batch: Batch): Promise<void> {
    for (const touch of batch.touches) this.stage(touch);
    this.touchesStaged += batch.touches.length;
    if (this.buffered > STAGE_BUFFERED_TOUCHES) this.flushBuffers();
    for (const lead of batch.leads) this.leadQueue.push(lead);
    this.writeLeads(LEADS_PER_WRITE);
    for (const c of batch.campaigns) this.store('campaigns').put(c);
    for (const p of batch.personas) this.store('personas').put(p);
    for (const a of batch.assets) this.store('assets').put(a);
    this.definitions += batch.campaigns.length + batch.personas.length + batch.assets.length;
    const done = this.barrier();
    // An abort (cancel) rejects barriers nobody waits for any more: not an unhandled error.
    done.catch(() => undefined);
    return done;
  }

  /** Writes up to `max` of the leads waiting, oldest first (a later version after an earlier). */
  private writeLeads(max: number): void {
    const leads = this.store('leads');
    const end = Math.min(this.leadQueue.length, this.leadHead + max);
    for (; this.leadHead < end; this.leadHead++) {
      leads.put(toStoredLead(this.leadQueue[this.leadHead]!));
    }
    if (this.leadHead === this.leadQueue.length) {
      this.leadQueue.length = 0;
      this.leadHead = 0;
    } else if (this.leadHead > 4096 && this.leadHead * 2 > this.leadQueue.length) {
      this.leadQueue.splice(0, this.leadHead);
      this.leadHead = 0;
    }
  }

  /** Leads read but not yet handed to the store (see `LEADS_PER_WRITE`). */
  get leadsWaiting(): number {
    return this.leadQueue.length - this.leadHead;
  }

  private stage(touch: Touch): void {
    const bucket = bucketOf(touch.leadKey, this.buckets);
    const buffer = this.buffers[bucket]!;
    buffer.push(touch);
    this.buffered++;
    if (buffer.length >= STAGE_RECORD_TOUCHES) this.flushBucket(bucket);
  }

  private flushBucket(bucket: number): void {
    const buffer = this.buffers[bucket]!;
    if (!buffer.length) return;
    // A bucket's records read back in the order they were appended: file order.
    this.staging.append(bucket, encodeTouches(buffer));
    this.usedBuckets.add(bucket);
    this.buffered -= buffer.length;
    this.buffers[bucket] = [];
  }

  private flushBuffers(): void {
    for (let b = 0; b < this.buckets; b++) this.flushBucket(b);
  }

  private barrier(): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = this.store('meta').count();
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? this.failed);
    });
  }

  /** Touches the import added (known once the commit has merged them). */
  get touchesAdded(): number {
    return this.added;
  }
  /** Touches already stored (same id for the same lead), or repeated in the file: left as they were. */
  get touchesExisting(): number {
    return this.existing;
  }
  /** Touches parsed and staged so far. */
  get touchesRead(): number {
    return this.touchesStaged;
  }

  /**
   * Merges the staged touches into the leads' packs, bucket by bucket. Leads that have packs
   * are known from one key-only read, so a lead new to the store costs no read.
   */
  private async merge(opts: CommitOptions): Promise<void> {
    this.flushBuffers();
    const buckets = [...this.usedBuckets];
    if (!buckets.length) return;
    const packs = this.store('touchPacks');
    const packKeys = (await request(packs.getAllKeys())) as TouchPackKey[];
    const withPacks = new Set(packKeys.map((k) => k[0]));
    packKeys.length = 0;
    opts.onMerge?.({ done: 0, total: buckets.length });
    // The store writes one bucket's packs while the next bucket is merged; at most two buckets'
    // touches are held at once.
    let writing: Promise<void> | null = null;
    for (let i = 0; i < buckets.length; i++) {
      if (opts.cancelled?.()) throw new ImportCancelled();
      const records = this.staging.take(buckets[i]!);
      const byLead = groupByLead(records.flatMap((record) => decodeTouches(record)));
      records.length = 0;
      const leads = [...byLead.keys()];
      const stored = await Promise.all(
        leads.map((key) =>
          withPacks.has(key)
            ? (request(packs.getAll(leadPackRange(key))) as Promise<TouchPack[]>)
            : [],
        ),
      );
      const merges = leads.map((leadKey, k) =>
        mergeLeadTouches(leadKey, stored[k]!, byLead.get(leadKey)!, 'keep'),
      );
      byLead.clear();
      if (writing) {
        // Also where a cancel (a message) gets through.
        await writing;
        opts.onMerge?.({ done: i, total: buckets.length });
        if (opts.cancelled?.()) throw new ImportCancelled();
      }
      for (const merge of merges) {
        for (const key of merge.deletes) packs.delete(key);
        for (const pack of merge.puts) packs.put(pack);
        this.added += merge.added;
        this.existing += merge.existing;
      }
      writing = this.barrier();
    }
    if (writing) await writing;
    opts.onMerge?.({ done: buckets.length, total: buckets.length });
    // A cancel that came while the last part was written still gets through: nothing is
    // committed yet.
    if (opts.cancelled?.()) throw new ImportCancelled();
  }

  /**
   * Merges the staged touches, writes the workspace bookkeeping and the history entry, then
   * waits for the commit. Marks the store seeded so the demo workspace is never loaded over
   * imported data. A failure or a cancel aborts the transaction (nothing is kept) and rejects.
   */
  async commit(
    record: ImportRecord,
    changedLeads: number,
    opts: CommitOptions = {},
  ): Promise<void> {
    try {
      this.writeLeads(Infinity);
      await this.merge(opts);
    } catch (error) {
      this.abort();
      throw error;
    }
    const meta = this.store('meta');
    const [workspace, revision, touchCount] = await Promise.all([
      request(meta.get('workspace')) as Promise<WorkspaceInfo | undefined>,
      request(meta.get('definitionsRevision')) as Promise<number | undefined>,
      request(meta.get('touchCount')) as Promise<number | undefined>,
    ]);
    const changed = this.added > 0 || changedLeads > 0 || this.definitions > 0;
    if (!workspace) {
      meta.put({ id: 'imported', name: 'Imported data', updatedAt: this.now }, 'workspace');
    } else if (changed) {
      meta.put({ ...workspace, updatedAt: Math.max(workspace.updatedAt, this.now) }, 'workspace');
    }
    meta.put(true, 'seeded');
    if (this.added > 0) meta.put((touchCount ?? 0) + this.added, 'touchCount');
    // Caches of definitions key on this revision.
    if (this.definitions > 0) meta.put((revision ?? 0) + 1, 'definitionsRevision');
    this.store('imports').add(record);
    this.tx.commit();
    await this.done;
  }

  /** Drops everything this import wrote. Safe to call more than once. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    try {
      this.tx.abort();
    } catch {
      // Already finished or aborted.
    }
  }
}
