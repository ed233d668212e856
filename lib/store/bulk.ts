/**
 * Write helpers. Writes go through the raw (unwrapped) IDBObjectStore so that issuing thousands
 * of them costs no promise each, and a failing or aborted request leaves no unhandled promise
 * rejection behind. A failing request aborts its transaction (nobody calls preventDefault on its
 * error), so `tx.done` rejects and nothing of the transaction is kept.
 */
import { unwrap, type IDBPTransaction, type StoreKey, type StoreValue } from 'idb';
import type { TandemDB, TandemStoreName } from './schema';

type WriteTx = IDBPTransaction<TandemDB, ArrayLike<TandemStoreName>, 'readwrite'>;

export interface StoreWriter<S extends TandemStoreName> {
  /** Fails the transaction if the key exists. */
  add(value: StoreValue<TandemDB, S>, key?: StoreKey<TandemDB, S>): void;
  put(value: StoreValue<TandemDB, S>, key?: StoreKey<TandemDB, S>): void;
  delete(key: StoreKey<TandemDB, S>): void;
  clear(): void;
}

export function writer<S extends TandemStoreName>(tx: WriteTx, name: S): StoreWriter<S> {
  const raw = unwrap(tx.objectStore(name));
  return {
    add: (value, key) => void (key === undefined ? raw.add(value) : raw.add(value, key)),
    put: (value, key) => void (key === undefined ? raw.put(value) : raw.put(value, key)),
    delete: (key) => void raw.delete(key),
    clear: () => void raw.clear(),
  };
}

/**
 * Runs `work` on a readwrite transaction and resolves once the transaction has committed.
 * If `work` throws (synchronously, like a DataError for an invalid key, or after awaiting a
 * read), the transaction is aborted, so writes already queued are dropped too.
 */
export async function inWriteTx<T>(tx: WriteTx, work: () => T | Promise<T>): Promise<T> {
  const done = tx.done;
  // Observed below; without this an abort while `work` awaits a read would be "unhandled".
  done.catch(() => undefined);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by a failed request.
    }
    const txError = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    // Prefer the root cause (e.g. a ConstraintError that aborted the transaction) over the
    // AbortError a pending read then reports.
    if (isDomError(error, 'AbortError') && txError && !isDomError(txError, 'AbortError')) {
      throw txError;
    }
    throw error;
  }
  await done;
  return result;
}

function isDomError(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === name;
}
