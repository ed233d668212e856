/**
 * Bulk ingestion of touches and leads: the body is read as a stream, each line checked with the
 * model's schema, and the good rows COPYed in chunks. Touches go straight into their table
 * while nothing conflicts, else through a staging table and `insert ... on conflict do nothing`;
 * leads always through staging (the newest version of a lead wins). Either way a re-sent file
 * (or a retried request) stores nothing twice, and a request is one transaction.
 */
import { INGEST_REJECTED_SHOWN, type IngestResponse, type RejectedLine } from '../lib/hub/api';
import { Lead, normalizeEmail, recordKey, Touch, TOUCH_FIELDS } from '../lib/model';
import { copyField, rawField, RAW_DELIMITER, type Db, type Queryable } from './db';
import { compileObjectParser } from './fastparse';
import { firstIssue, mayHoldUnstorable, unstorableText } from './http';

interface Tally {
  received: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: RejectedLine[];
  rejectedTotal: number;
}

function reject(t: Tally, line: number, field: string, message: string) {
  t.rejectedTotal += 1;
  if (t.rejected.length < INGEST_REJECTED_SHOWN) t.rejected.push({ line, field, message });
}

/**
 * Lines of a text stream with their 1-based numbers (blank lines skipped, counted), a chunk's
 * lines at a time: one step of the async iteration per chunk, not per line.
 */
export async function* ndjsonLines(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ line: number; text: string }[]> {
  let rest = '';
  let line = 0;
  for await (const chunk of chunks) {
    rest += chunk;
    const out: { line: number; text: string }[] = [];
    let start = 0;
    for (;;) {
      const nl = rest.indexOf('\n', start);
      if (nl < 0) break;
      line += 1;
      const text = rest.slice(start, nl).trim();
      if (text) out.push({ line, text });
      start = nl + 1;
    }
    rest = rest.slice(start);
    if (out.length) yield out;
  }
  line += 1;
  if (rest.trim()) yield [{ line, text: rest.trim() }];
}

/**
 * CSV records (RFC 4180: quoted fields with "" escapes and line breaks inside quotes), each with
 * the line it starts on, a chunk's records at a time.
 */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ line: number; fields: string[] }[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let pendingCr = false;
  const out: { line: number; fields: string[] }[] = [];
  const endRecord = () => {
    record.push(field);
    field = '';
    if (record.length > 1 || record[0] !== '') out.push({ line: recordLine, fields: record });
    record = [];
  };
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') continue;
      }
      if (quoted) {
        if (ch === '"') {
          if (chunk[i + 1] === '"') {
            field += '"';
            i++;
          } else if (i + 1 === chunk.length) {
            // A quote at a chunk's end: decided by the next chunk's first character.
            quoted = false;
            afterQuote = true;
          } else {
            quoted = false;
          }
        } else {
          if (ch === '\n') line += 1;
          field += ch;
        }
        continue;
      }
      if (afterQuote) {
        afterQuote = false;
        if (ch === '"') {
          field += '"';
          quoted = true;
          continue;
        }
      }
      if (ch === '"' && field === '') quoted = true;
      else if (ch === ',') {
        record.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        endRecord();
        line += 1;
        recordLine = line;
        pendingCr = ch === '\r';
      } else field += ch;
    }
    if (out.length) yield out.splice(0);
  }
  if (field !== '' || record.length) endRecord();
  if (out.length) yield out.splice(0);
}

/** A CSV row as a touch object: empty cells are absent, `at` may be an ISO date. */
function csvTouch(header: readonly string[], fields: readonly string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const v = fields[i];
    if (v === undefined || v === '') return;
    if (name === 'at') {
      o.at = /^\d+$/.test(v) ? Number(v) : Number.isNaN(Date.parse(v)) ? v : Date.parse(v);
    } else if (name === 'botSuspect') {
      o.botSuspect = /^(true|1|yes)$/i.test(v) ? true : /^(false|0|no)$/i.test(v) ? false : v;
    } else o[name] = v;
  });
  return o;
}

interface Item {
  line: number;
  /** NDJSON: the line's JSON text, parsed by `itemValue`. */
  text?: string;
  /** CSV: the record as an object. */
  value?: unknown;
}

const INVALID = Symbol('invalid');

/** The item's value, or INVALID once its line is counted as rejected (not JSON). */
function itemValue(item: Item, t: Tally): unknown {
  if (item.text === undefined) return item.value;
  try {
    return JSON.parse(item.text);
  } catch (err) {
    reject(t, item.line, '', `not valid JSON: ${(err as Error).message}`);
    return INVALID;
  }
}

/** Lines or records with their line numbers, from NDJSON or CSV (touches only), a chunk at a time. */
async function* items(
  chunks: AsyncIterable<string>,
  format: 'ndjson' | 'csv',
  t: Tally,
): AsyncGenerator<Item[]> {
  if (format === 'ndjson') {
    for await (const lines of ndjsonLines(chunks)) {
      t.received += lines.length;
      yield lines;
    }
    return;
  }
  let header: string[] | undefined;
  for await (const records of csvRecords(chunks)) {
    const out: Item[] = [];
    for (const { line, fields } of records) {
      if (!header) {
        header = fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
        const unknown = header.filter((h) => !(TOUCH_FIELDS as readonly string[]).includes(h));
        if (unknown.length) {
          reject(t, line, unknown[0]!, `unknown column; expected ${TOUCH_FIELDS.join(', ')}`);
          return;
        }
        continue;
      }
      t.received += 1;
      if (fields.length !== header.length) {
        reject(t, line, '', `expected ${header.length} fields, found ${fields.length}`);
        continue;
      }
      out.push({ line, value: csvTouch(header, fields) });
    }
    yield out;
  }
}

function newTally(): Tally {
  return { received: 0, inserted: 0, updated: 0, duplicates: 0, rejected: [], rejectedTotal: 0 };
}

function response(t: Tally, withUpdated: boolean): IngestResponse {
  return {
    received: t.received,
    inserted: t.inserted,
    ...(withUpdated ? { updated: t.updated } : {}),
    duplicates: t.duplicates,
    rejected: t.rejected,
    rejectedTotal: t.rejectedTotal,
  };
}

/** Rows per COPY of touches: bounds the memory a request holds whatever the file's size. */
export const TOUCH_CHUNK_ROWS = 50_000;

const TOUCH_COLUMNS_DB = [
  'workspace_id',
  'id',
  'lead_key',
  'at',
  'source',
  'source_id',
  'data',
] as const;

/**
 * Whether the schema's output is its input as it was (no key dropped or defaulted, no value
 * changed): then the line's own JSON text is what would be stored, and is stored as it is.
 */
function unchanged(raw: unknown, parsed: Record<string, unknown>): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const o = raw as Record<string, unknown>;
  let n = 0;
  for (const k in o) {
    if (!Object.hasOwn(parsed, k) || o[k] !== parsed[k]) return false;
    n += 1;
  }
  return n === Object.keys(parsed).length;
}

/** A chunk buffer's first size; it doubles when a chunk's rows need more. */
const CHUNK_START_BYTES = 1 << 20;

/**
 * Loads touch rows in chunks, one chunk in the database while the next is parsed. A chunk is
 * COPYed straight into `touches` under a savepoint; the first one that breaks a unique key (a
 * re-sent file, a touch already stored) is rolled back and that chunk and all after it go
 * through a staging table and `insert ... on conflict do nothing` instead.
 */
class TouchLoader {
  /**
   * The chunk being built, as UTF-8 bytes outside the JavaScript heap: a chunk is tens of
   * megabytes, and kept as one string grown row by row it would be a rope of a dozen heap
   * objects per row that outlives many young-generation collections (copied, promoted, then
   * marked), which cost more than parsing the rows. Two buffers: one being filled while the
   * other is in the database.
   */
  private buf: Buffer<ArrayBuffer> = Buffer.allocUnsafe(CHUNK_START_BYTES);
  private spare: Buffer<ArrayBuffer> | null = null;
  private used = 0;
  private rows = 0;
  private direct = true;
  private staged = false;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private tx: Queryable,
    private workspaceId: string,
    private t: Tally,
    private chunkRows: number,
  ) {}

  add(row: string) {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8.
    const room = row.length * 3;
    if (this.used + room > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + room));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(row, this.used);
    this.rows += 1;
  }

  get full(): boolean {
    return this.rows >= this.chunkRows;
  }

  /** Waits for the chunk in the database, then starts on the buffered one without waiting. */
  async flush(): Promise<void> {
    await this.pending;
    if (!this.rows) return;
    const full = this.buf;
    const data = full.subarray(0, this.used);
    const rows = this.rows;
    // The previous chunk is done with (awaited above): its buffer takes the next rows.
    this.buf = this.spare ?? Buffer.allocUnsafe(full.length);
    this.spare = full;
    this.used = 0;
    this.rows = 0;
    this.pending = this.load(data, rows);
    // Its failure surfaces at the next flush or at finish; meanwhile it is not unhandled.
    this.pending.catch(() => {});
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.pending;
  }

  /**
   * Waits for the chunk in the database, whatever its outcome: before the transaction is rolled
   * back on an error, so no statement of this request follows the rollback on its connection.
   */
  async settle(): Promise<void> {
    await this.pending.catch(() => {});
  }

  private async load(buf: Uint8Array<ArrayBuffer>, rows: number): Promise<void> {
    if (this.direct) {
      await this.tx.query('savepoint touch_chunk');
      try {
        await this.tx.copyIn('touches', TOUCH_COLUMNS_DB, buf, 'raw');
        await this.tx.query('release savepoint touch_chunk');
        this.t.inserted += rows;
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
        await this.tx.query('rollback to savepoint touch_chunk');
        this.direct = false;
      }
    }
    if (!this.staged) {
      await this.tx.query('create temp table touch_stage (like touches) on commit drop');
      this.staged = true;
    }
    await this.tx.copyIn('touch_stage', TOUCH_COLUMNS_DB, buf, 'raw');
    // The workspace comes from the token here too, never from the staged rows.
    const r = await this.tx.query(
      `insert into touches (workspace_id, id, lead_key, at, source, source_id, data)
       select $1, id, lead_key, at, source, source_id, data from touch_stage
       on conflict do nothing`,
      [this.workspaceId],
    );
    this.t.inserted += r.rowCount;
    this.t.duplicates += rows - r.rowCount;
    await this.tx.query('truncate touch_stage');
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Counts one more change to the workspace's leads or touches, in the ingest's transaction: the
 * ranking made before it is stale (server/ranking.ts). The row lock is held to the commit, so
 * concurrent ingests into one workspace take turns only for this last statement.
 */
async function markDataChanged(tx: Queryable, workspaceId: string): Promise<void> {
  await tx.query('update workspaces set data_generation = data_generation + 1 where id = $1', [
    workspaceId,
  ]);
}

/** The Touch schema's fast first pass; rows it cannot vouch for are parsed by the schema. */
const touchFast = compileObjectParser(Touch);

export async function ingestTouches(
  db: Db,
  workspaceId: string,
  chunks: AsyncIterable<string>,
  format: 'ndjson' | 'csv',
  chunkRows = TOUCH_CHUNK_ROWS,
): Promise<IngestResponse> {
  const t = newTally();
  const ws = rawField(workspaceId) + RAW_DELIMITER;
  await db.transaction(async (tx) => {
    const loader = new TouchLoader(tx, workspaceId, t, chunkRows);
    try {
      await loadTouches(loader, items(chunks, format, t), t, ws);
    } catch (err) {
      await loader.settle();
      throw err;
    }
    if (t.inserted > 0) await markDataChanged(tx, workspaceId);
  });
  return response(t, false);
}

/** Checks every row and hands the good ones to the loader, a chunk at a time. */
async function loadTouches(
  loader: TouchLoader,
  batches: AsyncIterable<Item[]>,
  t: Tally,
  ws: string,
): Promise<void> {
  const D = RAW_DELIMITER;
  for await (const batch of batches) {
    for (const item of batch) {
      const value = itemValue(item, t);
      if (value === INVALID) continue;
      const { line, text } = item;
      let touch = touchFast(value);
      if (touch === undefined) {
        const parsed = Touch.safeParse(value);
        if (!parsed.success) {
          const { field, message } = firstIssue(parsed.error);
          reject(t, line, field, message);
          continue;
        }
        touch = parsed.data;
      }
      if (text === undefined || mayHoldUnstorable(text)) {
        const bad = unstorableText(touch);
        if (bad) {
          reject(t, line, bad.path, bad.message);
          continue;
        }
      }
      // The line's text when it is exactly the validated touch (a carriage return inside it,
      // JSON whitespace, would end a COPY row); else the validated touch written anew.
      const data =
        text !== undefined && !text.includes('\r') && unchanged(value, touch)
          ? text
          : JSON.stringify(touch);
      loader.add(
        ws +
          rawField(touch.id) +
          D +
          rawField(touch.leadKey) +
          D +
          touch.at +
          D +
          touch.source +
          D +
          rawField(touch.sourceId) +
          D +
          data +
          '\n',
      );
      if (loader.full) await loader.flush();
    }
  }
  await loader.finish();
}

/** Leads per COPY: bounds the memory a request holds whatever the file's size. */
export const LEAD_CHUNK_ROWS = 20_000;

const LEAD_STAGE_COLUMNS = ['line', 'key', 'email_norm', 'stage', 'updated_at', 'data'] as const;
const REF_STAGE_COLUMNS = ['line', 'lead_key', 'record_key'] as const;

async function flushLeads(
  tx: Queryable,
  workspaceId: string,
  leadBuf: string,
  refBuf: string,
  rows: number,
  t: Tally,
) {
  await tx.copyIn('lead_stage', LEAD_STAGE_COLUMNS, leadBuf);
  if (refBuf) await tx.copyIn('ref_stage', REF_STAGE_COLUMNS, refBuf);
  // The newest version of each key in the chunk, kept only if not older than the stored one.
  const r = await tx.query<{ inserted: number; updated: number }>(
    `with latest as (
       select distinct on (key) line, key, email_norm, stage, updated_at, data
       from lead_stage order by key, updated_at desc, line desc
     ), up as (
       insert into leads (workspace_id, key, email_norm, stage, updated_at, data)
       select $1, key, email_norm, stage, updated_at, data from latest
       on conflict (workspace_id, key) do update
         set email_norm = excluded.email_norm, stage = excluded.stage,
             updated_at = excluded.updated_at, data = excluded.data
         where leads.updated_at <= excluded.updated_at
       returning key, (xmax = 0) as fresh
     ), done as (
       insert into lead_done (key, line)
       select u.key, l.line from up u join latest l on l.key = u.key returning 1
     )
     select count(*) filter (where fresh)::int as inserted,
            count(*) filter (where not fresh)::int as updated,
            (select count(*) from done)::int as done
     from up`,
    [workspaceId],
  );
  const inserted = r.rows[0]?.inserted ?? 0;
  const updated = r.rows[0]?.updated ?? 0;
  t.inserted += inserted;
  t.updated += updated;
  t.duplicates += rows - inserted - updated;
  // A stored lead's CRM records are the ones of its newest version.
  await tx.query(
    `delete from lead_refs where workspace_id = $1 and lead_key in (select key from lead_done)`,
    [workspaceId],
  );
  await tx.query(
    `insert into lead_refs (workspace_id, record_key, lead_key)
     select distinct on (s.record_key) $1, s.record_key, s.lead_key
     from ref_stage s join lead_done d on d.key = s.lead_key and d.line = s.line
     order by s.record_key
     on conflict (workspace_id, record_key) do update set lead_key = excluded.lead_key`,
    [workspaceId],
  );
  await tx.query('truncate lead_stage, ref_stage, lead_done');
}

export async function ingestLeads(
  db: Db,
  workspaceId: string,
  chunks: AsyncIterable<string>,
): Promise<IngestResponse> {
  const t = newTally();
  await db.transaction(async (tx) => {
    await tx.query(
      `create temp table lead_stage (
         line integer, key text, email_norm text, stage text, updated_at bigint, data jsonb
       ) on commit drop`,
    );
    await tx.query(
      `create temp table ref_stage (line integer, lead_key text, record_key text) on commit drop`,
    );
    await tx.query(`create temp table lead_done (key text, line integer) on commit drop`);
    let leadBuf = '';
    let refBuf = '';
    let rows = 0;
    for await (const batch of items(chunks, 'ndjson', t)) {
      for (const item of batch) {
        const value = itemValue(item, t);
        if (value === INVALID) continue;
        const { line } = item;
        const parsed = Lead.safeParse(value);
        if (!parsed.success) {
          const { field, message } = firstIssue(parsed.error);
          reject(t, line, field, message);
          continue;
        }
        const lead = parsed.data;
        const bad = unstorableText(lead);
        if (bad) {
          reject(t, line, bad.path, bad.message);
          continue;
        }
        leadBuf +=
          [
            copyField(line),
            copyField(lead.key),
            copyField(lead.email ? normalizeEmail(lead.email) : null),
            copyField(lead.stage),
            copyField(lead.updatedAt),
            copyField(JSON.stringify(lead)),
          ].join('\t') + '\n';
        for (const ref of lead.crmRefs) {
          refBuf += `${line}\t${copyField(lead.key)}\t${copyField(recordKey(ref))}\n`;
        }
        rows += 1;
        if (rows >= LEAD_CHUNK_ROWS) {
          await flushLeads(tx, workspaceId, leadBuf, refBuf, rows, t);
          leadBuf = refBuf = '';
          rows = 0;
        }
      }
    }
    if (rows) await flushLeads(tx, workspaceId, leadBuf, refBuf, rows, t);
    if (t.inserted + t.updated > 0) await markDataChanged(tx, workspaceId);
  });
  return response(t, true);
}
