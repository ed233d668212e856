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

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /**
   * Loads rows into `table` with COPY, in PostgreSQL's text format (`data` already escaped with
   * `copyField`). `table` and `columns` are the hub's own constants, never input.
   */
  copyIn(table: string, columns: readonly string[], data: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
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

function copySql(table: string, columns: readonly string[], from: string): string {
  return `copy ${table} (${columns.join(', ')}) from ${from}`;
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
    async query<R>(sql: string, params?: unknown[]) {
      const res = await q.query<R>(sql, params ?? []);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    async copyIn(table, columns, data) {
      await q.query(copySql(table, columns, `'/dev/blob'`), [], { blob: new Blob([data]) });
    },
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir ? { dataDir } : {});
  const base = pgliteQueryable(lite as unknown as PgliteLike);
  return {
    kind: 'pglite',
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
    async query<R>(sql: string, params?: unknown[]) {
      const res = await client.query(sql, params ?? []);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
    },
    async copyIn(table, columns, data) {
      if (!('release' in client)) throw new Error('COPY needs a transaction');
      const stream = client.query(copyFrom(copySql(table, columns, 'stdin')));
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
