/**
 * Strings both ends of one port have already seen, sent again as short references. Answers on
 * the same port repeat most of their strings: the workspace's definitions (assets, campaigns,
 * personas, rule labels), subject lines, URLs, day keys. Extension messaging costs time in
 * proportion to the bytes it carries, so every string of `MIN_LENGTH` or more characters is
 * remembered by both ends the first time it travels and sent as a reference after that.
 *
 * The sending end (`encode`) and the receiving end (`decode`) each keep their own memory (a
 * fixed number of slots, so it never grows past `SLOTS` strings of at most `MAX_LENGTH`), and
 * both remember the same strings in the same order: every value passes through in the same
 * depth-first order (arrays by index, objects by sorted keys), and a port delivers messages in
 * the order they were posted. So a memory belongs to one port, every
 * message on that port goes through it, and it dies with the port.
 *
 * On the wire a reference is `MARK` followed by the string's number in base 36; a string that
 * itself starts with `MARK` travels with one more `MARK` in front. Everything else is unchanged.
 * Works on JSON-compatible values only (what extension messaging carries). No zod here: the
 * content script imports this.
 */
import { isRecord, put } from './pack';

/** Starts a reference on the wire (a printable character: JSON writes it as one byte). */
const MARK = '~';
/** Shorter strings travel as they are: a reference would save little or nothing. */
export const MIN_LENGTH = 6;
/** Longer strings travel as they are too: the memory stays small (slots x this, at most). */
export const MAX_LENGTH = 512;
/** How many strings a memory holds: past that, each new string takes the oldest one's slot. */
export const SLOTS = 8192;

/**
 * `value` with `f` applied to every string in it, in depth-first order: arrays by index, plain
 * objects by their keys sorted (so a transport that reorders keys changes nothing; the result
 * keeps the keys' own order, and keys are left as they are). A new value; `value` is left alone.
 */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (isRecord(value)) {
    const keys = Object.keys(value);
    const mapped = new Map<string, unknown>();
    for (const k of [...keys].sort()) mapped.set(k, mapStrings(value[k], f));
    const out: Record<string, unknown> = {};
    for (const k of keys) put(out, k, mapped.get(k));
    return out;
  }
  return value;
}

const remembered = (s: string) => s.length >= MIN_LENGTH && s.length <= MAX_LENGTH;

/**
 * The slots both ends fill in the same order: a string seen for the first time takes the next
 * slot, round and round, so a string that has not travelled for `slots` new strings is
 * forgotten by both ends at once (and travels in full again).
 */
class Slots {
  readonly strings: (string | undefined)[];
  private next = 0;
  constructor(readonly size: number) {
    this.strings = new Array<string | undefined>(size);
  }

  /** Puts `s` in the next slot; returns the slot and the string it pushed out, if any. */
  add(s: string): { slot: number; dropped: string | undefined } {
    const slot = this.next;
    const dropped = this.strings[slot];
    this.strings[slot] = s;
    this.next = (slot + 1) % this.size;
    return { slot, dropped };
  }
}

/** The sending end's memory. */
export class StringEncoder {
  private readonly known = new Map<string, number>();
  private readonly slots: Slots;
  constructor(slots = SLOTS) {
    this.slots = new Slots(slots);
  }

  /** `value` with strings seen before as references (a new value; `value` is left alone). */
  encode(value: unknown): unknown {
    return mapStrings(value, (s) => this.string(s));
  }

  private string(s: string): string {
    const slot = this.known.get(s);
    if (slot !== undefined) return MARK + slot.toString(36);
    if (remembered(s)) {
      const added = this.slots.add(s);
      if (added.dropped !== undefined) this.known.delete(added.dropped);
      this.known.set(s, added.slot);
    }
    return s.startsWith(MARK) ? MARK + s : s;
  }
}

/** The receiving end's memory. */
export class StringDecoder {
  private readonly slots: Slots;
  constructor(slots = SLOTS) {
    this.slots = new Slots(slots);
  }

  /**
   * The value the other end encoded. Throws on a reference to a slot this end has not filled
   * (a message was lost or decoded out of order: the port's memory is no longer shared).
   */
  decode(value: unknown): unknown {
    return mapStrings(value, (s) => this.string(s));
  }

  private string(s: string): string {
    if (s.startsWith(MARK) && !s.startsWith(MARK, 1)) {
      const slot = /^[0-9a-z]+$/.test(s.slice(1)) ? parseInt(s.slice(1), 36) : NaN;
      const found = this.slots.strings[slot];
      if (found === undefined) {
        throw new Error(`unknown shared string ${JSON.stringify(s.slice(0, 12))}`);
      }
      return found;
    }
    const text = s.startsWith(MARK) ? s.slice(1) : s;
    if (remembered(text)) this.slots.add(text);
    return text;
  }
}

/** Marks a definition sent again as a reference: `{ [SAME]: id }` (the model has no such key). */
const SAME = '\u0000same';
/** Definitions remembered per port at most (both ends stop at the same one). */
export const RECORDS = 4096;

/** The key a definition is remembered by: its array's name and its id. */
const recordKey = (path: string, id: string) => `${path}\u0000${id}`;

function definitionId(r: unknown): string | undefined {
  return isRecord(r) && typeof r.id === 'string' ? r.id : undefined;
}

/**
 * Definitions (records with a string `id`, in the arrays a message names, `SHARED_RECORDS` in
 * ./pack.ts) that a port's earlier answers carried: one sent again unchanged (the same JSON)
 * travels as `{ [SAME]: id }`, before packing. The
 * sending end keeps each one's JSON, the receiving end the record; both remember the same ones,
 * in the same order (the answers' order on the port), up to `RECORDS`.
 */
export class RecordEncoder {
  private readonly sent = new Map<string, string>();
  constructor(private readonly max = RECORDS) {}

  /** `value` (an object) with its `paths` arrays' known definitions as references. */
  encode(value: unknown, paths: readonly string[]): unknown {
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = { ...value };
    for (const path of paths) {
      const list = value[path];
      if (!Array.isArray(list)) continue;
      out[path] = list.map((r: unknown) => {
        const id = definitionId(r);
        if (id === undefined) return r;
        const key = recordKey(path, id);
        const json = JSON.stringify(r);
        if (this.sent.get(key) === json) return { [SAME]: id };
        if (this.sent.has(key) || this.sent.size < this.max) this.sent.set(key, json);
        return r;
      });
    }
    return out;
  }
}

/** The receiving end of `RecordEncoder`. */
export class RecordDecoder {
  private readonly kept = new Map<string, unknown>();
  constructor(private readonly max = RECORDS) {}

  /**
   * The result (`{ ok, value }`) with its value's references replaced by the definitions they
   * name. Throws on a reference to one this end does not have.
   */
  decode(result: unknown, paths: readonly string[] | undefined): unknown {
    if (!paths || !isRecord(result) || result.ok !== true || !isRecord(result.value)) return result;
    const value = result.value;
    for (const path of paths) {
      const list = value[path];
      if (!Array.isArray(list)) continue;
      value[path] = list.map((r: unknown) => {
        if (isRecord(r) && typeof r[SAME] === 'string') {
          const key = recordKey(path, r[SAME]);
          if (!this.kept.has(key)) throw new Error(`unknown shared record in ${path}`);
          // A copy each time: what a caller does with its answer cannot change a later one.
          return structuredClone(this.kept.get(key));
        }
        const id = definitionId(r);
        if (id === undefined) return r;
        const key = recordKey(path, id);
        if (this.kept.has(key) || this.kept.size < this.max) this.kept.set(key, structuredClone(r));
        return r;
      });
    }
    return result;
  }
}
