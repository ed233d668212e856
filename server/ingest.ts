/**
 * Bulk ingestion of touches and leads: the body is read as a stream, each line checked with the
 * model's schema, the good rows COPYed into a staging table in chunks, then moved over with
 * `insert ... on conflict`, so a re-sent file (or a retried request) stores nothing twice.
 */
import { INGEST_REJECTED_SHOWN, type IngestResponse, type RejectedLine } from '../lib/hub/api';
import { Lead, normalizeEmail, recordKey, Touch } from '../lib/model';
import { copyField, type Db, type Queryable } from './db';
import { firstIssue, NUL_MESSAGE, nulPath } from './http';

/** Rows per COPY: bounds the memory a request holds whatever the file's size. */
export const COPY_CHUNK_ROWS = 20_000;

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

/** Lines of a text stream with their 1-based numbers (blank lines skipped, counted). */
export async function* ndjsonLines(chunks: AsyncIterable<string>) {
  let rest = '';
  let line = 0;
  for await (const chunk of chunks) {
    rest += chunk;
    let start = 0;
    for (;;) {
      const nl = rest.indexOf('\n', start);
      if (nl < 0) break;
      line += 1;
      const text = rest.slice(start, nl).trim();
      if (text) yield { line, text };
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  line += 1;
  if (rest.trim()) yield { line, text: rest.trim() };
}

/**
 * CSV records (RFC 4180: quoted fields with "" escapes and line breaks inside quotes), each with
 * the line it starts on.
 */
export async function* csvRecords(chunks: AsyncIterable<string>) {
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
    yield* out.splice(0);
  }
  if (field !== '' || record.length) endRecord();
  yield* out.splice(0);
}

const TOUCH_COLUMNS = [
  'id',
  'leadKey',
  'at',
  'type',
  'channel',
  'campaignId',
  'assetId',
  'detail',
  'url',
  'source',
  'sourceId',
  'botSuspect',
] as const;

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

/** Parsed objects with their line numbers, from NDJSON or CSV (touches only). */
async function* objects(
  chunks: AsyncIterable<string>,
  format: 'ndjson' | 'csv',
  t: Tally,
): AsyncGenerator<{ line: number; value: unknown }> {
  if (format === 'ndjson') {
    for await (const { line, text } of ndjsonLines(chunks)) {
      t.received += 1;
      try {
        yield { line, value: JSON.parse(text) };
      } catch (err) {
        reject(t, line, '', `not valid JSON: ${(err as Error).message}`);
      }
    }
    return;
  }
  let header: string[] | undefined;
  for await (const { line, fields } of csvRecords(chunks)) {
    if (!header) {
      header = fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
      const unknown = header.filter((h) => !(TOUCH_COLUMNS as readonly string[]).includes(h));
      if (unknown.length) {
        reject(t, line, unknown[0]!, `unknown column; expected ${TOUCH_COLUMNS.join(', ')}`);
        return;
      }
      continue;
    }
    t.received += 1;
    if (fields.length !== header.length) {
      reject(t, line, '', `expected ${header.length} fields, found ${fields.length}`);
      continue;
    }
    yield { line, value: csvTouch(header, fields) };
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

const TOUCH_STAGE_COLUMNS = ['id', 'lead_key', 'at', 'source', 'source_id', 'data'] as const;

export async function ingestTouches(
  db: Db,
  workspaceId: string,
  chunks: AsyncIterable<string>,
  format: 'ndjson' | 'csv',
): Promise<IngestResponse> {
  const t = newTally();
  await db.transaction(async (tx) => {
    await tx.query(
      `create temp table touch_stage (
         id text, lead_key text, at bigint, source text, source_id text, data jsonb
       ) on commit drop`,
    );
    let buf = '';
    let rows = 0;
    const flush = async () => {
      if (!rows) return;
      await tx.copyIn('touch_stage', TOUCH_STAGE_COLUMNS, buf);
      const r = await tx.query(
        `insert into touches (workspace_id, id, lead_key, at, source, source_id, data)
         select $1, id, lead_key, at, source, source_id, data from touch_stage
         on conflict do nothing`,
        [workspaceId],
      );
      t.inserted += r.rowCount;
      t.duplicates += rows - r.rowCount;
      await tx.query('truncate touch_stage');
      buf = '';
      rows = 0;
    };
    for await (const { line, value } of objects(chunks, format, t)) {
      const parsed = Touch.safeParse(value);
      if (!parsed.success) {
        const { field, message } = firstIssue(parsed.error);
        reject(t, line, field, message);
        continue;
      }
      const touch = parsed.data;
      const nul = nulPath(touch);
      if (nul !== null) {
        reject(t, line, nul, NUL_MESSAGE);
        continue;
      }
      buf +=
        [
          copyField(touch.id),
          copyField(touch.leadKey),
          copyField(touch.at),
          copyField(touch.source),
          copyField(touch.sourceId),
          copyField(JSON.stringify(touch)),
        ].join('\t') + '\n';
      rows += 1;
      if (rows >= COPY_CHUNK_ROWS) await flush();
    }
    await flush();
  });
  return response(t, false);
}

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
    for await (const { line, value } of objects(chunks, 'ndjson', t)) {
      const parsed = Lead.safeParse(value);
      if (!parsed.success) {
        const { field, message } = firstIssue(parsed.error);
        reject(t, line, field, message);
        continue;
      }
      const lead = parsed.data;
      const nul = nulPath(lead);
      if (nul !== null) {
        reject(t, line, nul, NUL_MESSAGE);
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
      if (rows >= COPY_CHUNK_ROWS) {
        await flushLeads(tx, workspaceId, leadBuf, refBuf, rows, t);
        leadBuf = refBuf = '';
        rows = 0;
      }
    }
    if (rows) await flushLeads(tx, workspaceId, leadBuf, refBuf, rows, t);
  });
  return response(t, true);
}
