/**
 * The hub's one way to the database, over either engine: embedded PGlite (no set-up, one
 * process) or a PostgreSQL server through `pg` (a connection pool). Everything above this file
 * writes plain parameterized SQL that both run.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mkdirSync } from 'node:fs';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepares the statement under this name on each connection once and reuses it: the server
   * plans it once (then a generic plan) instead of on every call. For hot, fixed statements
   * whose plan does not depend on the values; the name must be unique to the SQL text.
   */
  prepare?: string;
}

export interface Queryable {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>>;
  /**
   * Loads rows into `table` with COPY: in PostgreSQL's text format (`data` already escaped with
   * `copyField`), or in the `raw` format (fields made with `rawField`, separated by
   * RAW_DELIMITER). `table` and `columns` are the hub's own constants, never input.
   */
  copyIn(
    table: string,
    columns: readonly string[],
    data: string | Uint8Array<ArrayBuffer>,
    format?: CopyFormat,
  ): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Statements it runs at once: the pool's connections (PGlite: one). */
  readonly concurrency: number;
  /** Runs `fn` in one transaction on one connection: committed when it resolves, else rolled back. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** One field of a COPY text-format row (null becomes \N). */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  // Only these four characters are special in the text format.
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

/**
 * `text`: PostgreSQL's text format. `raw`: its CSV format with two control characters as
 * delimiter and quote, so that JSON text goes in as it is: valid JSON never holds a raw control
 * character (they are escaped inside strings and not allowed outside), hence no escaping pass
 * over every row's JSON, which the text format needs for each backslash.
 */
export type CopyFormat = 'text' | 'raw';

export const RAW_DELIMITER = '\x1f';
const RAW_QUOTE = '\x1e';
/** The COPY options of the `raw` format. */
export const RAW_COPY_OPTIONS = `with (format csv, delimiter E'\\x1f', quote E'\\x1e')`;

/**
 * One field of a `raw` COPY row: as it is, or quoted when it holds the delimiter, the quote or a
 * line break, or is empty (an unquoted empty field is NULL there). null becomes an empty field.
 * JSON text made by JSON.stringify or accepted by JSON.parse never needs quoting.
 */
export function rawField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return s === '' ||
    s.includes(RAW_DELIMITER) ||
    s.includes(RAW_QUOTE) ||
    s.includes('\n') ||
    s.includes('\r')
    ? RAW_QUOTE + s.replaceAll(RAW_QUOTE, RAW_QUOTE + RAW_QUOTE) + RAW_QUOTE
    : s;
}

function copySql(
  table: string,
  columns: readonly string[],
  from: string,
  format: CopyFormat = 'text',
): string {
  return `copy ${table} (${columns.join(', ')}) from ${from}${format === 'raw' ? ` ${RAW_COPY_OPTIONS}` : ''}`;
}

// ---------------------------------------------------------------------------------------------

interface PgliteLike {
  query<R>(
    sql: string,
    params?: unknown[],
    options?: { blob?: Blob },
  ): Promise<{ rows: R[]; affectedRows?: number }>;
}

function pgliteQueryable(q: PgliteLike): Queryable {
  return {
    // One in-process connection with its own statement cache: `prepare` has nothing to add.
    async query<R>(sql: string, params?: unknown[]) {
      const res = await q.query<R>(sql, params ?? []);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    async copyIn(table, columns, data, format) {
      await q.query(copySql(table, columns, `'/dev/blob'`, format), [], {
        blob: new Blob([data]),
      });
    },
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir ? { dataDir } : {});
  const base = pgliteQueryable(lite as unknown as PgliteLike);
  return {
    kind: 'pglite',
    concurrency: 1,
    ...base,
    transaction: (fn) => lite.transaction((tx) => fn(pgliteQueryable(tx as unknown as PgliteLike))),
    exec: async (sql) => {
      await lite.exec(sql);
    },
    close: () => lite.close(),
  };
}

// ---------------------------------------------------------------------------------------------

function pgQueryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params?: unknown[], options?: QueryOptions) {
      const res = await client.query(
        options?.prepare
          ? { name: options.prepare, text: sql, values: params ?? [] }
          : { text: sql, values: params ?? [] },
      );
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
    },
    async copyIn(table, columns, data, format) {
      if (!('release' in client)) throw new Error('COPY needs a transaction');
      const stream = client.query(copyFrom(copySql(table, columns, 'stdin', format)));
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', () => resolve());
        stream.end(data);
      });
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const base = pgQueryable(pool);
  return {
    kind: 'postgres',
    concurrency: poolSize,
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn(pgQueryable(client));
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL when a URL is given, else PGlite in `dataDir` (in memory when that is unset too). */
export function openDb(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number }) {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.poolSize)
    : openPglite(opts.dataDir);
}
