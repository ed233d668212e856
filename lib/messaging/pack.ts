/**
 * A lossless, more compact shape for large answers on the wire. The browser's extension
 * messaging costs time in proportion to the bytes it carries (serialized in the worker, copied
 * through the browser process, parsed in the receiver), and the lead context is mostly arrays of
 * records with the same keys: touches, score contributions, history points. `pack` turns each
 * such array into columns, so every key is written once per array instead of once per record,
 * and a column holding one value throughout (a touch's lead key, its source) is written once.
 * `unpack` rebuilds the same records; JSON sees the same data either way.
 *
 * Only arrays of plain records without `null` values become tables: a record's absent key and a
 * `null` both travel as `null` in a column, so records with `null`s stay as they are. Keys
 * starting with U+0000 mark a table; the model has no such keys. Types only on the receiving
 * side: no zod, so the content script stays small.
 */

import type { MessageName } from './protocol';

/** Messages whose results travel packed (both transports; the sender unpacks by name). */
export const PACKED: ReadonlySet<string> = new Set<MessageName>(['getLeadContext']);

/**
 * Arrays of definitions (records with a string `id`) in a message's answer that the port sends
 * again as references once it has carried them unchanged (./shared-strings.ts, `RecordEncoder`):
 * a lead's context lists the assets, campaigns and personas it refers to, mostly the same from
 * one record to the next.
 */
export const SHARED_RECORDS: Partial<Record<MessageName, readonly string[]>> = {
  getLeadContext: ['assets', 'campaigns', 'personas'],
};

/** The key that marks a packed table (the row count is its value). */
const TABLE = '\u0000rows';

/**
 * A column of strings that repeat (touch types, campaign ids, rule labels): each distinct string
 * once, and per row its index (-1: the row has no such key).
 */
interface Dictionary {
  d: string[];
  i: number[];
}

/**
 * A column whose cells are arrays of records (the touches of each timeline day): all of them as
 * one table, and per row how many records are its own (-1: the row has no such key).
 */
interface Segments {
  s: number[];
  t: Table;
}

/**
 * A column of integers that grow by the same step in every row (a day-by-day history's times):
 * the first value and the step.
 */
interface Progression {
  p: [first: number, step: number];
}

/**
 * A column of integers written as differences (times a few minutes or days apart): the first
 * value, then each row's difference from the row before.
 */
interface Deltas {
  z: number[];
}

type Column = unknown[] | Dictionary | Segments | Progression | Deltas;

interface Table {
  [TABLE]: number;
  /** Keys, in the order first seen. */
  k: string[];
  /**
   * One column per key: an array with one value per row (`null`: the row has no such key), an
   * array of length 1 holding the value of every row, a `Dictionary`, `Segments`, a
   * `Progression` or `Deltas`.
   */
  c: Column[];
}

/** Sets a key, also one named `__proto__` (data from JSON may hold one; `o[k] =` would not set it). */
export function put(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else o[k] = v;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isRow(v: unknown): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  for (const k in v) if (v[k] === null) return false;
  return true;
}

function isTable(v: Record<string, unknown>): v is Record<string, unknown> & Table {
  return typeof v[TABLE] === 'number' && Array.isArray(v.k) && Array.isArray(v.c);
}

function packTable(rows: Record<string, unknown>[]): Table {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const k in row) {
      if (row[k] !== undefined && !seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const columns = keys.map((k): Column => {
    const first = rows[0]![k];
    if (first === undefined || typeof first !== 'object') {
      // A column with the same primitive (or absence) in every row is written once.
      if (rows.every((r) => r[k] === first)) return [first === undefined ? null : first];
    }
    return (
      integers(rows, k) ??
      dictionary(rows, k) ??
      segments(rows, k) ??
      rows.map((r) => (r[k] === undefined ? null : pack(r[k])))
    );
  });
  return { [TABLE]: rows.length, k: keys, c: columns };
}

/** Digits JSON writes for an integer. */
const digits = (n: number) => String(n).length;

/**
 * The column as a `Progression` when every row holds an integer and they grow by one step, or
 * as `Deltas` when writing differences saves at least a fifth of the digits. Only integers
 * whose differences are exact (safe integers), so the rebuilt values are the same numbers.
 */
function integers(rows: Record<string, unknown>[], key: string): Progression | Deltas | undefined {
  if (rows.length < 4) return undefined;
  const values: number[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]![key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || Object.is(v, -0)) return undefined;
    values[i] = v;
  }
  const step = values[1]! - values[0]!;
  let constant = Number.isSafeInteger(step);
  let plain = digits(values[0]!);
  let packed = digits(values[0]!);
  const z: number[] = [values[0]!];
  for (let i = 1; i < values.length; i++) {
    const d = values[i]! - values[i - 1]!;
    if (!Number.isSafeInteger(d)) return undefined;
    if (d !== step) constant = false;
    plain += digits(values[i]!);
    packed += digits(d);
    z.push(d);
  }
  // The rebuilt values are `first + i * step`: kept only if each is exactly the same number.
  if (constant && values.every((v, i) => values[0]! + i * step === v)) {
    return { p: [values[0]!, step] };
  }
  return packed <= plain * 0.8 ? { z } : undefined;
}

/** The column as a `Dictionary` when it holds only strings and at most half are distinct. */
function dictionary(rows: Record<string, unknown>[], key: string): Dictionary | undefined {
  if (rows.length < 4) return undefined;
  const d: string[] = [];
  const index = new Map<string, number>();
  const i: number[] = [];
  for (const row of rows) {
    const v = row[key];
    if (v === undefined) {
      i.push(-1);
      continue;
    }
    if (typeof v !== 'string') return undefined;
    let at = index.get(v);
    if (at === undefined) {
      at = d.length;
      if (at >= rows.length / 2) return undefined;
      index.set(v, at);
      d.push(v);
    }
    i.push(at);
  }
  return { d, i };
}

/** The column as `Segments` when every cell is an array of records (two or more in all). */
function segments(rows: Record<string, unknown>[], key: string): Segments | undefined {
  const s: number[] = [];
  const all: Record<string, unknown>[] = [];
  for (const row of rows) {
    const v = row[key];
    if (v === undefined) {
      s.push(-1);
      continue;
    }
    if (!Array.isArray(v) || !v.every(isRow)) return undefined;
    s.push(v.length);
    for (const r of v) all.push(r);
  }
  return all.length >= 2 ? { s, t: packTable(all) } : undefined;
}

/** The compact shape of a JSON-compatible value (see the file comment). */
export function pack(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= 2 && value.every(isRow)) return packTable(value);
    return value.map(pack);
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const k in value) if (value[k] !== undefined) put(out, k, pack(value[k]));
    return out;
  }
  return value;
}

/** The value `pack` was given, rebuilt from its compact shape. */
export function unpack(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unpack);
  if (!isRecord(value)) return value;
  if (!isTable(value)) {
    const out: Record<string, unknown> = {};
    for (const k in value) put(out, k, unpack(value[k]));
    return out;
  }
  return unpackTable(value);
}

function unpackTable(table: Table): Record<string, unknown>[] {
  const n = table[TABLE];
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) rows.push({});
  table.k.forEach((key, j) => {
    const column = table.c[j]!;
    if (Array.isArray(column)) {
      for (let i = 0; i < n; i++) {
        const cell = column.length === 1 ? column[0] : column[i];
        if (cell !== null && cell !== undefined) put(rows[i]!, key, unpack(cell));
      }
    } else if ('p' in column) {
      const [first, step] = column.p;
      for (let i = 0; i < n; i++) put(rows[i]!, key, first + i * step);
    } else if ('z' in column) {
      let at = 0;
      for (let i = 0; i < n; i++) {
        at += column.z[i]!;
        put(rows[i]!, key, at);
      }
    } else if ('d' in column) {
      for (let i = 0; i < n; i++) {
        const at = column.i[i]!;
        if (at >= 0) put(rows[i]!, key, column.d[at]);
      }
    } else {
      const all = unpackTable(column.t);
      let next = 0;
      for (let i = 0; i < n; i++) {
        const count = column.s[i]!;
        if (count < 0) continue;
        put(rows[i]!, key, all.slice(next, next + count));
        next += count;
      }
    }
  });
  return rows;
}
