/**
 * Streaming CSV: text goes in as it is decoded, records come out synchronously, with rows split
 * across chunks (quoted newlines included) joined by papaparse. Nothing but the current chunk
 * and the partial last line is held, so memory does not grow with the file.
 */
import Papa from 'papaparse';
import { FileRefused } from './types';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Longest record tolerated: a "row" longer than this means the file is not CSV (or is broken). */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;

/** The delimiter of a CSV, from its header line: the candidate seen most often outside quotes. */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  let max = 0;
  for (const [d, n] of counts) {
    if (n > max) {
      best = d;
      max = n;
    }
  }
  return best;
}

type Listener = (arg?: unknown) => void;

/**
 * The minimal readable-stream face papaparse streams from: we push decoded text into it and
 * papaparse parses each push before `push` returns.
 */
class PushSource {
  readonly readable = true;
  private readonly listeners = new Map<string, Listener>();
  read(): void {}
  pause(): void {}
  resume(): void {}
  on(event: string, fn: Listener): void {
    this.listeners.set(event, fn);
  }
  removeListener(event: string): void {
    this.listeners.delete(event);
  }
  emit(event: string, arg?: unknown): void {
    this.listeners.get(event)?.(arg);
  }
}

export interface CsvChunk {
  /** Records in file order; the first record of the file is the header. */
  records: string[][];
  /** 1-based number of `records[0]` (the header is record 1). */
  firstRecord: number;
  /** Records papaparse found malformed, by record number (e.g. an unterminated quote). */
  errors: { record: number; message: string }[];
}

export class CsvStream {
  private readonly source = new PushSource();
  private out: CsvChunk | null = null;
  private nextRecord = 1;
  private pendingChars = 0;

  constructor(delimiter: string) {
    Papa.parse(this.source as unknown as File, {
      delimiter,
      header: false,
      skipEmptyLines: 'greedy',
      chunk: (results: Papa.ParseResult<string[]>) => {
        const first = this.nextRecord;
        this.nextRecord += results.data.length;
        const errors = results.errors.map((e) => ({
          record: first + (e.row ?? 0),
          message: e.message,
        }));
        const out = this.out ?? { records: [], firstRecord: first, errors: [] };
        out.records.push(...results.data);
        out.errors.push(...errors);
        this.out = out;
      },
      // Records arrive through `chunk`; the end is known from `end()`.
      complete: () => undefined,
    });
  }

  /** Parses `text` (the next piece of the file) and returns the records it completed. */
  push(text: string): CsvChunk {
    this.out = null;
    this.source.emit('data', text);
    const out = this.take();
    this.pendingChars = out.records.length ? 0 : this.pendingChars + text.length;
    if (this.pendingChars > MAX_PENDING_CHARS) throw new FileRefused('importErrRowTooLong');
    return out;
  }

  /** Ends the input: returns the last records (a final line without a newline included). */
  end(): CsvChunk {
    this.out = null;
    this.source.emit('end');
    return this.take();
  }

  private take(): CsvChunk {
    const out = this.out ?? { records: [], firstRecord: this.nextRecord, errors: [] };
    this.out = null;
    return out;
  }
}

/** A header's identity for saved mappings: its cells, trimmed and lower-cased, in order. */
export function headerSignature(header: readonly string[]): string {
  return header.map((h) => h.trim().toLowerCase()).join('\u001f');
}
