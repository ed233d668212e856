/**
 * Touches as bytes: how a touch pack stores its touches (see `TouchPack` in ./schema), and how
 * an import stages them between reading a file and merging them into packs (`StagingArea` in
 * ../import/sink). Stored, so the layout is versioned (`FORMAT`, the first byte): a change to it
 * needs a new format number, a decoder for the old one or a migration. Decoding checks the
 * bytes' structure and throws a RangeError on anything malformed; the touches' fields were
 * validated before they were encoded (and are again by an upgrade that converts them).
 *
 * A record holds its touches column by column (`TOUCH_FIELDS` order), each
 * column in the mode that suits it, chosen from its first rows:
 * - `Constant`: every touch has the same value (the source, usually), or none;
 * - `Integers`: mostly distinct whole numbers (times): a power of ten that divides them all
 *   (times to the second are whole thousands), then each as the zigzag varint of its
 *   difference from the one before, over that power;
 * - `Decimals`: mostly distinct strings that are whole numbers written in decimal (source ids
 *   such as Marketo's activity ids), as `Integers`, turned back into the same text;
 * - `Dictionary`: few distinct values (types, channels, campaigns, subject lines): the distinct
 *   values once, strings front-coded (the length shared with the string before, then the rest
 *   in UTF-8), then one varint per touch, 0 for none;
 * - `Strings`: mostly distinct strings (ids): their lengths, then their text joined and
 *   encoded in one go, which the browser does far faster than string by string;
 * - `Sequence`: anything else mostly distinct: each value tagged, a whole number as the zigzag
 *   varint of its difference from the one before.
 * An imported touch's id is its source and its source id (`marketo:10000017`): when every
 * touch's is, the record says so (a flag) and holds no id column.
 * Marketo-like touches take under 55 bytes each: under a quarter of their JSON and under 30 %
 * of V8's serialization of the objects (what IndexedDB writes for them), as the tests check.
 *
 * Format 1, the first that packs were written in, had no flags byte and neither numeric mode;
 * its records are still read.
 */
import { TOUCH_FIELDS, type Touch } from '../model';

/** The layout's version, the first byte of every record. */
const FORMAT = 2;
/** Records of format 1 (no flags byte) are still read. */
const FORMAT_1 = 1;

/** Bits of a record's flags byte (format 2). */
const enum Flag {
  /** Every touch's id is `${source}:${sourceId}`: the record holds no id column. */
  DerivedIds = 1,
}

const enum Tag {
  Absent = 0,
  String = 1,
  Uint = 2,
  Delta = 3,
  Float = 4,
  True = 5,
  False = 6,
  Utf16 = 7,
}

/** A growable byte buffer with the writes the codec needs. */
class Writer {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  private readonly encoder = new TextEncoder();

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b;
  }

  /** An unsigned integer below 2^53, 7 bits per byte, low bits first. */
  uint(n: number): void {
    this.room(8);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }

  float(n: number): void {
    this.room(8);
    new DataView(this.bytes.buffer).setFloat64(this.length, n, true);
    this.length += 8;
  }

  /** `text` as its UTF-8 byte length then the bytes, encoded in one go. */
  block(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.room(text.length * 3 + 10);
    const lengthAt = this.length;
    this.length += 5;
    // A destination no larger than the text can need: Chromium's encodeInto costs time in
    // proportion to the destination's size, not only to what it writes.
    const room = this.bytes.subarray(this.length, this.length + text.length * 3);
    const { written } = this.encoder.encodeInto(text, room);
    // The length as a fixed 5-byte varint, so it is known only after the bytes are written.
    let n = written;
    for (let i = 0; i < 4; i++, n = Math.floor(n / 0x80))
      this.bytes[lengthAt + i] = (n % 0x80) | 0x80;
    this.bytes[lengthAt + 4] = n;
    this.length += written;
  }

  /** `s` from index `from`, as its UTF-8 byte length then the bytes. */
  utf8(s: string, from: number): void {
    const chars = s.length - from;
    // ASCII (the usual case) is one byte per character: written directly.
    this.room(chars + 5);
    const start = this.length;
    let i = from;
    let at = start + 1;
    if (chars < 0x80) {
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        this.bytes[at++] = c;
      }
      if (i === s.length) {
        this.bytes[start] = chars;
        this.length = at;
        return;
      }
    }
    const encoded = this.encoder.encode(s.slice(from));
    this.uint(encoded.length);
    this.room(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }
}

class Reader {
  at = 0;
  private readonly view: DataView;
  // A value may start with U+FEFF: the decoder must keep it, not take it for a byte order mark.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  byte(): number {
    if (this.at >= this.bytes.length) throw new RangeError('record ends early');
    return this.bytes[this.at++]!;
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }

  float(): number {
    const n = this.view.getFloat64(this.at, true);
    this.at += 8;
    return n;
  }

  /** The next bytes, after their length. */
  private span(): Uint8Array {
    const length = this.uint();
    const end = this.at + length;
    if (end > this.bytes.length) throw new RangeError('record ends early');
    const bytes = this.bytes.subarray(this.at, end);
    this.at = end;
    return bytes;
  }

  /** A block written by `Writer.block`, decoded in one go. */
  block(): string {
    return this.decoder.decode(this.span());
  }

  /** A string written by `Writer.utf8`. */
  utf8(): string {
    const bytes = this.span();
    // Short ASCII (the usual case) is quicker to turn into a string directly.
    if (bytes.length < 256 && bytes.every((b) => b < 0x80)) {
      return String.fromCharCode.apply(null, bytes as unknown as number[]);
    }
    return this.decoder.decode(bytes);
  }
}

type Value = string | number | boolean;

/** How a column is written (see the module's comment). */
const enum Mode {
  Dictionary = 0,
  Sequence = 1,
  Strings = 2,
  /** Every touch has the same value, or none. */
  Constant = 3,
  Integers = 4,
  Decimals = 5,
}

/** Largest difference written zigzagged (2 |d| + 1 stays a safe integer). */
const MAX_DELTA = (Number.MAX_SAFE_INTEGER - 1) / 2;

/** Rows looked at to choose a column's mode: more than half distinct means few repeats. */
const SAMPLE = 64;
/** Dictionaries up to this size are searched in place rather than through a Map. */
const SHORT_DICTIONARY = 16;

/**
 * Whether more than half of the column's first rows hold distinct values. Compared in place,
 * not hashed: the values are mostly strings built for their row, whose hashing costs more.
 */
function mostlyDistinct(values: readonly (Value | undefined)[]): boolean {
  const rows = Math.min(values.length, SAMPLE);
  const seen: (Value | undefined)[] = [];
  for (let i = 0; i < rows; i++) {
    const value = values[i];
    if (!seen.includes(value)) {
      seen.push(value);
      if (seen.length * 2 > rows) return true;
    }
  }
  return false;
}

function sharedPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Never split a surrogate pair: the rest of `b` must stay well-formed UTF-16 for UTF-8.
  if (i > 0 && i < b.length) {
    const c = b.charCodeAt(i - 1);
    if (c >= 0xd800 && c <= 0xdbff) i--;
  }
  return i;
}

/**
 * Writes one value, tagged. A string is front-coded against `previous` (the last string
 * written in the column); a whole non-negative number is a varint, as the difference from
 * `base` (zigzag) when there is one.
 */
function writeValue(out: Writer, value: Value, previous: string, base: number | null): void {
  if (typeof value === 'string' && !value.isWellFormed()) {
    // A lone surrogate (JSON may hold one) has no UTF-8: kept as UTF-16 code units.
    out.byte(Tag.Utf16);
    out.uint(value.length);
    for (let i = 0; i < value.length; i++) out.uint(value.charCodeAt(i));
  } else if (typeof value === 'string') {
    out.byte(Tag.String);
    const shared = sharedPrefix(previous, value);
    out.uint(shared);
    out.utf8(value, shared);
  } else if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) {
      const delta = base === null ? null : value - base;
      // Zigzag doubles the difference: past 2^52 it would lose bits, so the value goes whole.
      if (delta === null || Math.abs(delta) > MAX_DELTA) {
        out.byte(Tag.Uint);
        out.uint(value);
      } else {
        out.byte(Tag.Delta);
        out.uint(delta >= 0 ? delta * 2 : -delta * 2 - 1);
      }
    } else {
      out.byte(Tag.Float);
      out.float(value);
    }
  } else {
    out.byte(value ? Tag.True : Tag.False);
  }
}

const isStringOrAbsent = (value: Value | undefined) =>
  value === undefined || typeof value === 'string';

/**
 * Mostly distinct strings (ids): their UTF-16 lengths (+1; 0 for none), then their text joined,
 * encoded in one go. False, having written nothing, when the joined text has a lone surrogate:
 * UTF-8 cannot hold it. (Values with lone halves that join into a pair are fine: the lengths
 * cut them apart again.)
 */
function writeStrings(out: Writer, values: readonly (Value | undefined)[]): boolean {
  const present: string[] = [];
  for (const value of values) if (value !== undefined) present.push(value as string);
  const text = present.join('');
  if (!text.isWellFormed()) return false;
  out.byte(Mode.Strings);
  for (const value of values) out.uint(value === undefined ? 0 : (value as string).length + 1);
  out.block(text);
  return true;
}

/**
 * Whole numbers the numeric modes hold: below 2^50, so that the zigzag of any difference
 * between two of them (plus one) stays a safe integer.
 */
const NUMERIC_LIMIT = 2 ** 50;
/** Powers of ten a numeric column may be divided by. */
const POWERS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1e9];

/** The column as whole numbers below `NUMERIC_LIMIT` (into `into`), or false if it is not. */
function asIntegers(values: readonly (Value | undefined)[], into: (number | undefined)[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (
      value !== undefined &&
      (typeof value !== 'number' ||
        !Number.isSafeInteger(value) ||
        value < 0 ||
        value >= NUMERIC_LIMIT)
    ) {
      return false;
    }
    into[i] = value;
  }
  return true;
}

/**
 * The column as the numbers its strings write in canonical decimal (no sign, no leading zero,
 * below `NUMERIC_LIMIT`), into `into`; false if any string is anything else.
 */
function asDecimals(values: readonly (Value | undefined)[], into: (number | undefined)[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) {
      into[i] = undefined;
      continue;
    }
    if (typeof value !== 'string' || value.length === 0 || value.length > 16) return false;
    if (value.length > 1 && value.charCodeAt(0) === 0x30) return false;
    let n = 0;
    for (let k = 0; k < value.length; k++) {
      const digit = value.charCodeAt(k) - 0x30;
      if (digit < 0 || digit > 9) return false;
      n = n * 10 + digit;
    }
    if (n >= NUMERIC_LIMIT) return false;
    into[i] = n;
  }
  return true;
}

/** Numbers (see `asIntegers`): the largest power of ten dividing them all, then deltas. */
function writeIntegers(out: Writer, numbers: readonly (number | undefined)[]): void {
  let power = POWERS.length - 1;
  for (const n of numbers) {
    if (n === undefined) continue;
    while (power > 0 && n % POWERS[power]! !== 0) power--;
    if (power === 0) break;
  }
  const scale = POWERS[power]!;
  out.uint(power);
  let previous = 0;
  for (const n of numbers) {
    if (n === undefined) {
      out.byte(0);
      continue;
    }
    const q = n / scale;
    const delta = q - previous;
    out.uint((delta >= 0 ? delta * 2 : -delta * 2 - 1) + 1);
    previous = q;
  }
}

/** Numbers reused by every column (encoding is synchronous). */
const numbers: (number | undefined)[] = [];

function writeColumn(out: Writer, values: readonly (Value | undefined)[]): void {
  const first = values[0];
  let constant = true;
  for (let i = 1; i < values.length && constant; i++) constant = values[i] === first;
  if (constant) {
    out.byte(Mode.Constant);
    if (first === undefined) out.byte(Tag.Absent);
    else writeValue(out, first, '', null);
    return;
  }
  const distinct = mostlyDistinct(values);
  numbers.length = values.length;
  if (distinct && asIntegers(values, numbers)) {
    out.byte(Mode.Integers);
    writeIntegers(out, numbers);
    return;
  }
  if (distinct && asDecimals(values, numbers)) {
    out.byte(Mode.Decimals);
    writeIntegers(out, numbers);
    return;
  }
  if (distinct && values.every(isStringOrAbsent) && writeStrings(out, values)) return;
  if (distinct) {
    out.byte(Mode.Sequence);
    let previous = '';
    let base: number | null = null;
    for (const value of values) {
      if (value === undefined) {
        out.byte(Tag.Absent);
        continue;
      }
      writeValue(out, value, previous, base);
      if (typeof value === 'string') previous = value;
      else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) base = value;
    }
    return;
  }
  out.byte(Mode.Dictionary);
  const slots = new Map<Value, number>();
  const dictionary: Value[] = [];
  const indices = new Array<number>(values.length);
  let last: Value | undefined;
  let lastSlot = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) {
      indices[i] = 0;
      continue;
    }
    if (value !== last) {
      // A short dictionary is searched in place: hashing a string built for this row (most
      // are) costs more than comparing it with a few values.
      let slot: number | undefined;
      if (dictionary.length <= SHORT_DICTIONARY) {
        const at = dictionary.indexOf(value);
        slot = at < 0 ? undefined : at + 1;
      } else slot = slots.get(value);
      if (slot === undefined) {
        dictionary.push(value);
        slot = dictionary.length;
        if (dictionary.length > SHORT_DICTIONARY) {
          if (slots.size === 0) dictionary.forEach((v, k) => slots.set(v, k + 1));
          else slots.set(value, slot);
        }
      }
      last = value;
      lastSlot = slot;
    }
    indices[i] = lastSlot;
  }
  out.uint(dictionary.length);
  let previous = '';
  for (const value of dictionary) {
    writeValue(out, value, previous, null);
    if (typeof value === 'string') previous = value;
  }
  for (const index of indices) out.uint(index);
}

/** Reads one tagged value (see `writeValue`); `undefined` for `Tag.Absent`. */
function readValue(input: Reader, previous: string, base: number): Value | undefined {
  const tag = input.byte() as Tag;
  switch (tag) {
    case Tag.String: {
      const shared = input.uint();
      if (shared > previous.length) throw new RangeError('record shares past a string');
      return previous.slice(0, shared) + input.utf8();
    }
    case Tag.Utf16: {
      const length = input.uint();
      const units = new Array<number>(length);
      for (let i = 0; i < length; i++) units[i] = input.uint();
      return String.fromCharCode(...units);
    }
    case Tag.Uint:
      return input.uint();
    case Tag.Delta: {
      const z = input.uint();
      return base + (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
    }
    case Tag.Float:
      return input.float();
    case Tag.True:
      return true;
    case Tag.False:
      return false;
    case Tag.Absent:
      return undefined;
    default:
      throw new RangeError(`record has an unknown value tag ${tag as number}`);
  }
}

/** The writer every record is encoded in: encoding is synchronous, so one per context does. */
let shared: Writer | null = null;

/**
 * One record: `touches` as bytes (see the module's comment). The bytes are a view into a
 * buffer the next call writes over: copy them to keep them. (Allocating a buffer per record
 * cost more, in Chromium, than all the encoding.)
 */
export function encodeTouches(touches: readonly Touch[]): Uint8Array {
  const out = (shared ??= new Writer());
  out.length = 0;
  out.byte(FORMAT);
  out.uint(touches.length);
  const derived = touches.length > 0 && touches.every(derivesId);
  out.byte(derived ? Flag.DerivedIds : 0);
  const values = new Array<Value | undefined>(touches.length);
  for (const field of TOUCH_FIELDS) {
    if (derived && field === 'id') continue;
    for (let i = 0; i < touches.length; i++) values[i] = touches[i]![field] as Value | undefined;
    writeColumn(out, values);
  }
  return out.bytes.subarray(0, out.length);
}

/** Whether the touch's id is `${source}:${sourceId}` (compared without building it). */
function derivesId(touch: Touch): boolean {
  const { id, source, sourceId } = touch;
  return (
    typeof sourceId === 'string' &&
    typeof source === 'string' &&
    id.length === source.length + 1 + sourceId.length &&
    id.charCodeAt(source.length) === 0x3a &&
    id.startsWith(source) &&
    id.endsWith(sourceId)
  );
}

/** A column written by `writeIntegers`, as numbers or (`Mode.Decimals`) as their text. */
function readIntegers(input: Reader, rows: Record<string, Value>[], field: string, text: boolean) {
  const power = input.uint();
  const scale = POWERS[power];
  if (scale === undefined) throw new RangeError('record has an unknown scale');
  let previous = 0;
  for (let i = 0; i < rows.length; i++) {
    const z = input.uint();
    if (z === 0) continue;
    const q = previous + (z % 2 === 1 ? (z - 1) / 2 : -z / 2);
    const value = q * scale;
    if (q < 0 || value >= NUMERIC_LIMIT) throw new RangeError('record has a number out of range');
    previous = q;
    rows[i]![field] = text ? String(value) : value;
  }
}

/** The touches of one record, each with its fields in the model's order. */
export function decodeTouches(bytes: Uint8Array): Touch[] {
  const input = new Reader(bytes);
  const format = input.byte();
  if (format !== FORMAT && format !== FORMAT_1) {
    throw new RangeError(`touches in an unknown format (${format})`);
  }
  const count = input.uint();
  const flags = format === FORMAT_1 ? 0 : input.byte();
  if (flags & ~Flag.DerivedIds) throw new RangeError(`record has unknown flags (${flags})`);
  const derived = (flags & Flag.DerivedIds) !== 0;
  const rows: Record<string, Value>[] = new Array(count);
  // A derived id is set last, but the row has it first (the model's order).
  for (let i = 0; i < count; i++) rows[i] = derived ? { id: '' } : {};
  const dictionary: Value[] = [];
  for (const field of TOUCH_FIELDS) {
    if (derived && field === 'id') continue;
    const mode = input.byte() as Mode;
    if (mode === Mode.Integers || mode === Mode.Decimals) {
      readIntegers(input, rows, field, mode === Mode.Decimals);
      continue;
    }
    let previous = '';
    let base = 0;
    if (mode === Mode.Constant) {
      const value = readValue(input, '', 0);
      if (value !== undefined) for (let i = 0; i < count; i++) rows[i]![field] = value;
      continue;
    }
    if (mode === Mode.Strings) {
      const lengths = new Array<number>(count);
      for (let i = 0; i < count; i++) lengths[i] = input.uint();
      const text = input.block();
      let from = 0;
      for (let i = 0; i < count; i++) {
        const length = lengths[i]!;
        if (length === 0) continue;
        const to = from + length - 1;
        if (to > text.length) throw new RangeError('record has a string past its text');
        rows[i]![field] = text.slice(from, to);
        from = to;
      }
      if (from !== text.length) throw new RangeError('record has text left over');
      continue;
    }
    if (mode === Mode.Sequence) {
      for (let i = 0; i < count; i++) {
        const value = readValue(input, previous, base);
        if (value === undefined) continue;
        if (typeof value === 'string') previous = value;
        else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
          base = value;
        rows[i]![field] = value;
      }
      continue;
    }
    if (mode !== Mode.Dictionary) throw new RangeError(`record has an unknown mode`);
    const size = input.uint();
    dictionary.length = 0;
    for (let k = 0; k < size; k++) {
      const value = readValue(input, previous, 0);
      if (value === undefined) throw new RangeError('record has an empty dictionary value');
      if (typeof value === 'string') previous = value;
      dictionary.push(value);
    }
    for (let i = 0; i < count; i++) {
      const slot = input.uint();
      if (slot === 0) continue;
      const value = dictionary[slot - 1];
      if (value === undefined) throw new RangeError('record points past its dictionary');
      rows[i]![field] = value;
    }
  }
  if (input.at !== bytes.length) throw new RangeError('record has bytes left over');
  if (derived) {
    for (const row of rows) {
      if (typeof row.source !== 'string' || typeof row.sourceId !== 'string') {
        throw new RangeError('record derives an id from a missing source id');
      }
      row.id = `${row.source}:${row.sourceId}`;
    }
  }
  return rows as unknown as Touch[];
}
