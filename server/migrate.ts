/**
 * Versioned SQL migrations: `server/migrations/NNN_name.sql`, applied in order at start, each in
 * its own transaction with its row in `schema_migrations`, so a failed one leaves nothing behind.
 * Several hub instances starting at once take turns through an advisory lock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any constant: the advisory lock key the hub's migrations hold. */
const LOCK_KEY = 72_616_873;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((f) => ({
      version: Number(f.slice(0, f.indexOf('_'))),
      name: f.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, f), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

export function latestMigration(migrations = loadMigrations()): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Applies what is missing; returns the versions applied now. */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  await db.exec(
    `create table if not exists schema_migrations (
       version integer primary key,
       name text not null,
       applied_at timestamptz not null default now()
     )`,
  );
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const seen = await tx.query('select 1 from schema_migrations where version = $1', [
        m.version,
      ]);
      if (seen.rows.length) return false;
      // Statements without parameters, one by one (the extended protocol takes one at a time).
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        m.version,
        m.name,
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** The latest applied version, or null when the database cannot be read. */
export async function appliedVersion(db: Db): Promise<number | null> {
  try {
    const r = await db.query<{ v: number | null }>(
      'select max(version)::int as v from schema_migrations',
    );
    return r.rows[0]?.v ?? 0;
  } catch {
    return null;
  }
}

/**
 * Splits a migration into statements at semicolons that end a line. Migrations are the hub's
 * own files: they keep to that (no function bodies with inner semicolons at line ends).
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
