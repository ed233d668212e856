/** The import history the options page lists. */
import { uuidv7 } from 'uuidv7';
import type { ImportRecord, TandemDb } from './schema';

/** Records one import in the history; returns it with its id (a UUID v7). */
export async function addImport(
  db: TandemDb,
  entry: Omit<ImportRecord, 'id'>,
): Promise<ImportRecord> {
  const record: ImportRecord = { ...entry, id: uuidv7() };
  await db.add('imports', record);
  return record;
}

/** The import history, newest first. */
export async function listImports(db: TandemDb, limit?: number): Promise<ImportRecord[]> {
  const all = await db.getAll('imports');
  all.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  return limit === undefined ? all : all.slice(0, limit);
}
