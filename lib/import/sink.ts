/**
 * Where an import writes: one readwrite transaction over every store it touches, open from the
 * first row to the commit. Nothing is visible to anyone until it commits, and an abort (cancel,
 * a store error, a closed worker, a crash) drops all of it: the store stays exactly as it was,
 * without a staging copy of a million rows to write twice.
 *
 * The transaction stays open because the import always has a request in flight: it waits for
 * the previous batch's last request before it parses the next chunk (read synchronously), so the
 * store is never idle and never more than two batches behind.
 */
import { unwrap } from 'idb';
import type { Asset, Campaign, Lead, Persona, Touch } from '../model';
import { toStoredLead } from '../store/normalize';
import type { ImportRecord, TandemDb, WorkspaceInfo } from '../store/schema';

export const IMPORT_STORES = [
  'touches',
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

export class StoreSink {
  private touchesIssued = 0;
  private duplicates = 0;
  private definitions = 0;
  private failed: unknown = null;
  private aborted = false;
  private readonly done: Promise<void>;

  private constructor(
    private readonly tx: IDBTransaction,
    private readonly now: number,
  ) {
    // A touch already stored (same source id) is kept as it is: its `add` fails, and preventing
    // the default keeps that one failure from aborting the import.
    tx.addEventListener('error', (event) => {
      const request = event.target as IDBRequest | null;
      const source = request?.source as IDBObjectStore | undefined;
      if (request?.error?.name === 'ConstraintError' && source?.name === 'touches') {
        event.preventDefault();
        event.stopPropagation();
        this.duplicates++;
      } else if (this.failed === null) {
        this.failed = request?.error ?? new Error('store request failed');
      }
    });
    this.done = new Promise<void>((resolve, reject) => {
      tx.addEventListener('complete', () => resolve());
      tx.addEventListener('abort', () =>
        reject(this.failed ?? tx.error ?? new DOMException('aborted', 'AbortError')),
      );
    });
    this.done.catch(() => undefined);
  }

  /** Opens the import's transaction and reads what rows are resolved against. */
  static async open(db: TandemDb, now: number): Promise<{ sink: StoreSink; snapshot: Snapshot }> {
    const tx = db.transaction([...IMPORT_STORES], 'readwrite');
    // idb's own completion promise: the sink reports aborts itself.
    tx.done.catch(() => undefined);
    const sink = new StoreSink(unwrap(tx), now);
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
    const touches = this.store('touches');
    for (const touch of batch.touches) touches.add(touch);
    this.touchesIssued += batch.touches.length;
    const leads = this.store('leads');
    for (const lead of batch.leads) leads.put(toStoredLead(lead));
    for (const c of batch.campaigns) this.store('campaigns').put(c);
    for (const p of batch.personas) this.store('personas').put(p);
    for (const a of batch.assets) this.store('assets').put(a);
    this.definitions += batch.campaigns.length + batch.personas.length + batch.assets.length;
    const done = this.barrier();
    // An abort (cancel) rejects barriers nobody waits for any more: not an unhandled error.
    done.catch(() => undefined);
    return done;
  }

  private barrier(): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = this.store('meta').count();
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? this.failed);
    });
  }

  get touchesAdded(): number {
    return this.touchesIssued - this.duplicates;
  }
  get touchesExisting(): number {
    return this.duplicates;
  }

  /**
   * Writes the workspace bookkeeping and the history entry, then waits for the commit. Marks the
   * store seeded so the demo workspace is never loaded over imported data.
   */
  async commit(record: ImportRecord, changedLeads: number): Promise<void> {
    const meta = this.store('meta');
    const read = <T>(key: string) =>
      new Promise<T | undefined>((resolve, reject) => {
        const request = meta.get(key);
        request.onsuccess = () => resolve(request.result as T | undefined);
        request.onerror = () => reject(request.error);
      });
    const [workspace, revision] = await Promise.all([
      read<WorkspaceInfo>('workspace'),
      read<number>('definitionsRevision'),
    ]);
    const changed = this.touchesAdded > 0 || changedLeads > 0 || this.definitions > 0;
    if (!workspace) {
      meta.put({ id: 'imported', name: 'Imported data', updatedAt: this.now }, 'workspace');
    } else if (changed) {
      meta.put({ ...workspace, updatedAt: Math.max(workspace.updatedAt, this.now) }, 'workspace');
    }
    meta.put(true, 'seeded');
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
