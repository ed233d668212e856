/**
 * Touch packs: how a lead's touches are laid out in `touchPacks`, and how new touches are merged
 * into a lead's packs. Pure functions, plus the read-merge-write step the store's writers share.
 * See `TouchPack` in ./schema for the layout's rules.
 */
import type { IDBPTransaction } from 'idb';
import type { Touch } from '../model';
import { writer } from './bulk';
import { decodeTouches, encodeTouches } from './touch-codec';
import {
  TOUCH_PACK_CAP,
  type TandemDB,
  type TandemStoreName,
  type TouchPack,
  type TouchPackKey,
} from './schema';

/** The order of a lead's touches: by time, then by id (IndexedDB's string order). */
export function compareTouches(a: Touch, b: Touch): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every pack of one lead, as a key range (seqs are numbers, so ±Infinity bound them). */
export function leadPackRange(leadKey: string): IDBKeyRange {
  return IDBKeyRange.bound([leadKey, -Infinity], [leadKey, Infinity]);
}

/** A pack's touches (decoded: new objects on every call). */
export function packTouches(pack: TouchPack): Touch[] {
  return decodeTouches(pack.data);
}

/** The touches of packs read in key order: one lead's, oldest first. */
export function flattenPacks(packs: readonly TouchPack[]): Touch[] {
  if (packs.length === 1) return packTouches(packs[0]!);
  const out: Touch[] = [];
  for (const pack of packs) for (const touch of packTouches(pack)) out.push(touch);
  return out;
}

/** A pack of `touches` (1 to `TOUCH_PACK_CAP`, sorted) as lead `leadKey`'s `seq`-th. */
export function makePack(leadKey: string, seq: number, touches: readonly Touch[]): TouchPack {
  // The encoder hands back a view of a buffer it reuses: the pack keeps a copy of its own.
  const data = encodeTouches(touches).slice();
  return { leadKey, seq, minAt: touches[0]!.at, count: touches.length, data };
}

/** Cuts a lead's sorted touches into packs of `cap`, seqs from 0. */
export function layoutPacks(leadKey: string, sorted: readonly Touch[], cap = TOUCH_PACK_CAP) {
  const packs: TouchPack[] = [];
  for (let start = 0, seq = 0; start < sorted.length; start += cap, seq++) {
    packs.push(makePack(leadKey, seq, sorted.slice(start, start + cap)));
  }
  return packs;
}

/** Groups touches by lead, keeping their order within each lead. */
export function groupByLead(touches: Iterable<Touch>): Map<string, Touch[]> {
  const byLead = new Map<string, Touch[]>();
  for (const touch of touches) {
    const list = byLead.get(touch.leadKey);
    if (list) list.push(touch);
    else byLead.set(touch.leadKey, [touch]);
  }
  return byLead;
}

/**
 * What a touch whose id the lead already has does:
 * - `keep`: the stored one stays (imports: importing the same file again changes nothing, and
 *   a touch repeated within the input keeps its first copy);
 * - `replace`: the new one replaces it (writers of current data: the hub, `putTouches`; a touch
 *   repeated within the input keeps its last copy).
 */
export type MergeMode = 'keep' | 'replace';

export interface LeadMerge {
  /** Packs to write: only those whose touches changed. */
  puts: TouchPack[];
  /** Packs to delete (the lead now needs fewer). */
  deletes: TouchPackKey[];
  /** Touches new to the lead. */
  added: number;
  /** Incoming touches whose id the lead already had (or that repeat within the input). */
  existing: number;
}

/**
 * Merges `incoming` (all of lead `leadKey`) into the lead's `stored` packs (read in key order),
 * deduplicating by touch id, and lays the result out again. Packs that would be written with
 * the bytes they hold are left alone, so appending newer touches rewrites only the last pack,
 * and merging nothing new writes nothing.
 */
export function mergeLeadTouches(
  leadKey: string,
  stored: readonly TouchPack[],
  incoming: readonly Touch[],
  mode: MergeMode,
  cap = TOUCH_PACK_CAP,
): LeadMerge {
  const list = flattenPacks(stored);
  const position = new Map<string, number>();
  for (let i = 0; i < list.length; i++) position.set(list[i]!.id, i);
  let added = 0;
  let existing = 0;
  let replaced = false;
  let sorted = true;
  for (const touch of incoming) {
    const at = position.get(touch.id);
    if (at === undefined) {
      position.set(touch.id, list.length);
      const last = list[list.length - 1];
      if (last && compareTouches(last, touch) > 0) sorted = false;
      list.push(touch);
      added++;
    } else {
      existing++;
      if (mode === 'replace' && list[at] !== touch) {
        list[at] = touch;
        replaced = true;
        sorted = false;
      }
    }
  }
  if (added === 0 && !replaced) return { puts: [], deletes: [], added, existing };
  if (!sorted) list.sort(compareTouches);
  const packs = layoutPacks(leadKey, list, cap);
  const bySeq = new Map(stored.map((p) => [p.seq, p]));
  const puts = packs.filter((p) => !samePack(bySeq.get(p.seq), p));
  const deletes = stored
    .filter((p) => p.seq >= packs.length)
    .map((p): TouchPackKey => [leadKey, p.seq]);
  return { puts, deletes, added, existing };
}

/** Whether a stored pack already holds exactly what `b` would write. */
function samePack(a: TouchPack | undefined, b: TouchPack): boolean {
  if (!a || a.count !== b.count || a.minAt !== b.minAt || a.data.length !== b.data.length) {
    return false;
  }
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

type PackTx = IDBPTransaction<TandemDB, TandemStoreName[], 'readwrite'>;

/**
 * Merges touches into their leads' packs inside `tx` (which must cover `touchPacks` and
 * `meta`), keeping `meta.touchCount`; returns how many were new. All the leads' packs are read
 * at once, then every write is queued without waiting.
 */
export async function mergeTouchesInTx(
  tx: PackTx,
  touches: Iterable<Touch>,
  mode: MergeMode,
): Promise<{ added: number; existing: number }> {
  const byLead = groupByLead(touches);
  if (byLead.size === 0) return { added: 0, existing: 0 };
  const store = tx.objectStore('touchPacks');
  const leads = [...byLead.keys()];
  const [count, ...stored] = await Promise.all([
    tx.objectStore('meta').get('touchCount') as Promise<number | undefined>,
    ...leads.map((key) => store.getAll(leadPackRange(key))),
  ]);
  const packs = writer(tx, 'touchPacks');
  let added = 0;
  let existing = 0;
  leads.forEach((leadKey, i) => {
    const merge = mergeLeadTouches(leadKey, stored[i]!, byLead.get(leadKey)!, mode);
    for (const key of merge.deletes) packs.delete(key);
    for (const pack of merge.puts) packs.put(pack);
    added += merge.added;
    existing += merge.existing;
  });
  if (added > 0) writer(tx, 'meta').put((count ?? 0) + added, 'touchCount');
  return { added, existing };
}
