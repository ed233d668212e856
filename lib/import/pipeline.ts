/**
 * The CSV import: bytes -> text -> records -> preset -> workspace records -> store, one chunk
 * at a time. Runs wherever it is given a synchronous byte source (the import worker reads the
 * file with FileReaderSync; tests pass bytes), with the store sink or without one (a check).
 */
import { uuidv7 } from 'uuidv7';
import type { TandemDb } from '../store/schema';
import { CsvStream, guessDelimiter, type CsvChunk } from './csv';
import { sniffEncoding, StreamDecoder } from './decode';
import { LeadBook } from './leads';
import { detectPreset, genericPreset, presetFor, type CsvPreset, type Row } from './presets';
import { RejectReport } from './report';
import {
  emptyBatch,
  ImportCancelled,
  StoreSink,
  type Batch,
  type MergeProgress,
  type StagingArea,
} from './sink';
import {
  emptyCounts,
  FileRefused,
  type ColumnMapping,
  type FilePreview,
  type ImportKind,
  type ImportOutcome,
  type Problem,
} from './types';
import { parseCount, parseDate, parseEmail } from './values';

/** A file read synchronously, by byte range. */
export interface ByteSource {
  readonly size: number;
  read(start: number, end: number): Uint8Array;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (start, end) => bytes.subarray(start, end) };
}

export interface Progress {
  bytes: number;
  total: number;
  rows: number;
  rejected: number;
  ms: number;
}

export interface RunOptions {
  fileName: string;
  /** A preset, or the generic CSV with `mapping`; detected from the header when absent. */
  kind?: ImportKind;
  mapping?: ColumnMapping;
  /** `check` parses and validates everything and writes nothing. */
  mode: 'import' | 'check';
  /** Write the valid rows even when some are rejected (else nothing is written). */
  validOnly: boolean;
  db?: TandemDb;
  /** Where parsed touches wait for the commit (in memory when absent). */
  staging?: StagingArea;
  now: number;
  chunkBytes?: number;
  onProgress?(p: Progress): void;
  /**
   * Once the file is read: how far saving is (the staged touches merged into the store, part
   * by part). A cancel is still honoured between parts.
   */
  onSaving?(p: MergeProgress): void;
  cancelled?(): boolean;
  /** Lets messages (a cancel) through between chunks when nothing else waits. */
  idle?(): Promise<void>;
  /** The wall clock for rates (performance.now in the worker). */
  clock?(): number;
}

const DEFAULT_CHUNK = 1 << 20;

export function problemOf(error: unknown): Problem {
  if (error instanceof FileRefused) return error.problem;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { key: 'importErrStore', subs: [message.slice(0, 500)] };
}

/** A header that is really a data row: a cell that reads as a date, a number or an email. */
function looksLikeData(header: readonly string[]): boolean {
  return header.some((h) => {
    const v = h.trim();
    return v !== '' && (parseDate(v) !== null || parseCount(v) !== null || parseEmail(v) !== null);
  });
}

function checkHeader(header: readonly string[] | undefined): asserts header is string[] {
  if (!header || header.every((h) => !h.trim())) throw new FileRefused('importErrNoHeader');
  if (looksLikeData(header)) throw new FileRefused('importErrNoHeader');
  const seen = new Set<string>();
  for (const h of header) {
    const key = h.trim().toLowerCase();
    if (key && seen.has(key)) throw new FileRefused('importErrDuplicateColumn', h.trim());
    seen.add(key);
  }
}

/**
 * The row a preset reads, one object reused for every record of a file. Presets ask for cells
 * by column name several times per row, so each name's position (case-insensitive) is looked
 * up once per file rather than lower-cased on every call.
 */
class RowView implements Row {
  n = 0;
  private cells: readonly string[] = [];
  private readonly positions = new Map<string, number>();

  constructor(private readonly columns: ReadonlyMap<string, number>) {}

  at(n: number, cells: readonly string[]): this {
    this.n = n;
    this.cells = cells;
    return this;
  }

  private position(column: string): number {
    let idx = this.positions.get(column);
    if (idx === undefined) {
      idx = this.columns.get(column.toLowerCase()) ?? -1;
      this.positions.set(column, idx);
    }
    return idx;
  }

  get(column: string): string {
    const idx = this.position(column);
    return idx < 0 ? '' : (this.cells[idx] ?? '').trim();
  }

  has(column: string): boolean {
    return this.position(column) >= 0;
  }
}

interface Opened {
  decoder: StreamDecoder;
  delimiter: string;
  encoding: string;
  offset: number;
  firstText: string;
}

function open(source: ByteSource, chunkBytes: number): Opened {
  const head = source.read(0, Math.min(source.size, chunkBytes));
  const { encoding, bom } = sniffEncoding(head);
  const decoder = new StreamDecoder(encoding);
  const firstText = decoder.decode(head, head.length >= source.size);
  const trimmed = firstText.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('['))
    throw new FileRefused('importErrJsonAsCsv');
  void bom;
  return {
    decoder,
    delimiter: guessDelimiter(firstText),
    encoding,
    offset: head.length,
    firstText,
  };
}

/** The header, the first rows and the preset they match: what the mapping step shows. */
export function previewCsv(source: ByteSource, rows = 20): FilePreview {
  const chunk = Math.min(source.size, 256 * 1024);
  const o = open(source, chunk);
  const csv = new CsvStream(o.delimiter);
  const first = csv.push(o.firstText);
  const records =
    o.offset >= source.size ? [...first.records, ...csv.end().records] : first.records;
  const header = records[0];
  checkHeader(header);
  const preset = detectPreset(header);
  return {
    format: 'csv',
    ...(preset ? { kind: preset.kind } : {}),
    header,
    rows: records.slice(1, rows + 1),
    delimiter: o.delimiter,
    encoding: o.encoding,
  };
}

function presetOf(opts: RunOptions, header: readonly string[]): CsvPreset {
  if (opts.mapping) return genericPreset(opts.mapping);
  const preset = opts.kind && opts.kind !== 'csv' ? presetFor(opts.kind) : detectPreset(header);
  if (!preset) throw new FileRefused('importErrUnknownCsv');
  return preset;
}

export async function runCsvImport(source: ByteSource, opts: RunOptions): Promise<ImportOutcome> {
  const clock = opts.clock ?? (() => Date.now());
  const t0 = clock();
  const counts = emptyCounts();
  const report = new RejectReport();
  let sink: StoreSink | null = null;
  let kind: ImportKind | undefined = opts.kind;
  const finish = (status: ImportOutcome['status'], problem?: Problem): ImportOutcome => ({
    status,
    ...(kind ? { kind } : {}),
    counts: { ...counts, rejected: report.count },
    rejects: report.listed,
    ...(problem ? { problem } : {}),
    ms: clock() - t0,
  });
  try {
    if (source.size === 0) throw new FileRefused('importErrEmpty');
    const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK;
    const o = open(source, chunkBytes);
    const csv = new CsvStream(o.delimiter);

    let leads: LeadBook;
    const campaignIds = new Set<string>();
    if (opts.mode === 'import') {
      if (!opts.db) throw new Error('an import needs the store');
      const opened = await StoreSink.open(opts.db, opts.now, source.size, opts.staging);
      sink = opened.sink;
      leads = new LeadBook(opened.snapshot.leads, opts.now);
      for (const id of opened.snapshot.campaignIds) campaignIds.add(id);
    } else {
      leads = new LeadBook([], opts.now);
    }

    let header: string[] | null = null;
    let columns = new Map<string, number>();
    let row: RowView | null = null;
    const context = { leads, now: opts.now, campaignIds };
    let preset: CsvPreset | null = null;
    let pending: Promise<void> | null = null;
    let sawRejectWithoutWriting = false;

    const handle = (chunk: CsvChunk): Batch => {
      const batch = emptyBatch();
      const errors = new Map(chunk.errors.map((e) => [e.record, e.message]));
      for (let i = 0; i < chunk.records.length; i++) {
        const n = chunk.firstRecord + i;
        const cells = chunk.records[i]!;
        if (!header) {
          checkHeader(cells);
          header = cells;
          columns = new Map(cells.map((h, idx) => [h.trim().toLowerCase(), idx]));
          row = new RowView(columns);
          preset = presetOf(opts, header);
          kind = preset.kind;
          const missing = preset.required.filter(
            (alts) => !alts.some((a) => columns.has(a.toLowerCase())),
          );
          if (missing.length)
            throw new FileRefused('importErrMissingColumns', missing.map((m) => m[0]).join(', '));
          continue;
        }
        counts.rows++;
        const error = errors.get(n);
        if (error) {
          report.add(n, '', /unterminated/i.test(error) ? 'a quoted field is never closed' : error);
          continue;
        }
        if (cells.length !== header.length) {
          report.add(n, '', `expected ${header.length} columns, found ${cells.length}`);
          continue;
        }
        const result = preset!.map(row!.at(n, cells), context);
        if ('reject' in result) {
          report.add(n, result.reject.column, result.reject.reason);
          continue;
        }
        if (result.skip) {
          counts.skipped++;
          continue;
        }
        if (result.touches) for (const t of result.touches) batch.touches.push(t);
        if (result.campaigns) for (const c of result.campaigns) batch.campaigns.push(c);
        if (result.personas) for (const p of result.personas) batch.personas.push(p);
        if (result.assets) for (const a of result.assets) batch.assets.push(a);
      }
      batch.leads = leads.takeChanged();
      counts.definitions += batch.campaigns.length + batch.personas.length + batch.assets.length;
      if (opts.mode === 'check' || !sink) counts.touchesAdded += batch.touches.length;
      return batch;
    };

    const flush = async (batch: Batch) => {
      // All or nothing: the first invalid row stops the writing; the check goes on for the report.
      if (sink && report.count > 0 && !opts.validOnly) {
        sink.abort();
        sink = null;
        sawRejectWithoutWriting = true;
        pending = null;
      }
      if (sink) {
        const barrier = sink.write(batch);
        if (pending) await pending;
        pending = barrier;
      } else if (opts.idle) {
        await opts.idle();
      }
    };

    let offset = o.offset;
    let lastChar = o.firstText.slice(-1);
    await flush(handle(csv.push(o.firstText)));
    while (offset < source.size) {
      if (opts.cancelled?.()) {
        sink?.abort();
        return finish('cancelled');
      }
      const end = Math.min(source.size, offset + chunkBytes);
      const text = o.decoder.decode(source.read(offset, end), end >= source.size);
      offset = end;
      if (text) lastChar = text.slice(-1);
      await flush(handle(csv.push(text)));
      opts.onProgress?.({
        bytes: offset,
        total: source.size,
        rows: counts.rows,
        rejected: report.count,
        ms: clock() - t0,
      });
    }
    const last = csv.end();
    const truncated =
      header !== null &&
      last.records.length > 0 &&
      lastChar !== '\n' &&
      lastChar !== '\r' &&
      (last.errors.length > 0 || (last.records.at(-1)?.length ?? 0) < (header as string[]).length);
    if (truncated) throw new FileRefused('importErrTruncated');
    await flush(handle(last));
    if (!header) throw new FileRefused('importErrNoHeader');
    if (opts.cancelled?.()) {
      sink?.abort();
      return finish('cancelled');
    }
    if (counts.rows === 0) throw new FileRefused('importErrNoRows');
    opts.onProgress?.({
      bytes: source.size,
      total: source.size,
      rows: counts.rows,
      rejected: report.count,
      ms: clock() - t0,
    });

    if (opts.mode === 'check') return finish('checked');
    if (sawRejectWithoutWriting || !sink) return finish('rejected');
    if (pending) await pending;
    const activeSink: StoreSink = sink;
    counts.leadsAdded = leads.added;
    counts.leadsUpdated = leads.updated;
    await activeSink.commit(
      {
        id: uuidv7(),
        at: opts.now,
        kind: kind ?? 'csv',
        fileName: opts.fileName.slice(0, 500),
        rows: counts.rows,
        rejected: report.count,
        status: report.count > 0 ? 'partial' : 'ok',
      },
      leads.added + leads.updated,
      {
        onMerge: (p) => opts.onSaving?.(p),
        cancelled: () => opts.cancelled?.() ?? false,
      },
    );
    counts.touchesAdded = activeSink.touchesAdded;
    counts.touchesExisting = activeSink.touchesExisting;
    return finish('imported');
  } catch (error) {
    sink?.abort();
    if (error instanceof ImportCancelled) return finish('cancelled');
    return finish('failed', problemOf(error));
  }
}
