/**
 * Write helpers. Writes go through the raw (unwrapped) IDBObjectStore so that issuing thousands
 * of them costs no promise each, and a failing or aborted request leaves no unhandled promise
 * rejection behind. A failing request aborts its transaction (nobody calls preventDefault on its
 * error), so `tx.done` rejects and nothing of the transaction is kept.
 */
import { unwrap, type IDBPTransaction, type StoreKey, type StoreValue } from 'idb';
import type { TandemDB, TandemStoreName } from './schema';

export interface StoreWriter<S extends TandemStoreName> {
  /** Fails the transaction if the key exists. */
  add(value: StoreValue<TandemDB, S>, key?: StoreKey<TandemDB, S>): void;
  put(value: StoreValue<TandemDB, S>, key?: StoreKey<TandemDB, S>): void;
  delete(key: StoreKey<TandemDB, S>): void;
  clear(): void;
}

export function writer<Names extends ArrayLike<TandemStoreName>, S extends Names[number]>(
  tx: IDBPTransaction<TandemDB, Names, 'readwrite'>,
  name: S,
): StoreWriter<S> {
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
 *
 * Rejects with the error of the request that failed (e.g. a ConstraintError) rather than the
 * bare AbortError `tx.done` reports: the request's error event reaches the transaction before
 * the abort sets `tx.error`.
 */
export async function inWriteTx<Names extends ArrayLike<TandemStoreName>, T>(
  tx: IDBPTransaction<TandemDB, Names, 'readwrite'>,
  work: () => T | Promise<T>,
): Promise<T> {
  let requestError: unknown;
  unwrap(tx).addEventListener('error', (event) => {
    // Request error events bubble to their transaction; keep the first (the cause).
    const target = event.target as Partial<IDBRequest> | null;
    if (requestError === undefined && target?.error) requestError = target.error;
  });
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
    await done.catch(() => undefined);
    // A read awaited by `work` reports AbortError when a queued write failed: report the cause.
    throw isDomError(error, 'AbortError') && requestError !== undefined ? requestError : error;
  }
  try {
    await done;
  } catch (error) {
    throw requestError ?? error;
  }
  return result;
}

function isDomError(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === name;
}
