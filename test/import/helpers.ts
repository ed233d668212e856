import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemoWorkspace } from '../../lib/demo';
import { bytesSource, runImport, type ImportOutcome, type RunOptions } from '../../lib/import';
import { dumpAll, openTandemDb, replaceWorkspace, type TandemDb } from '../../lib/store';

export const NOW = Date.UTC(2026, 10, 23, 12);

export function fixture(dir: 'imports' | 'bad-input', name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve('test/fixtures', dir, name)));
}

/** A store holding the demo workspace, with Dana (L-0001) known to Marketo as lead 1001. */
export async function seededDb(): Promise<TandemDb> {
  const db = await openTandemDb();
  const demo = generateDemoWorkspace({ now: NOW });
  demo.leads = demo.leads.map((l) =>
    l.key === 'L-0001' ? { ...l, sourceSystem: 'marketo', sourceId: '1001' } : l,
  );
  await replaceWorkspace(db, demo);
  return db;
}

export function importBytes(
  db: TandemDb | undefined,
  bytes: Uint8Array,
  opts: Partial<RunOptions> = {},
): Promise<ImportOutcome> {
  return runImport(bytesSource(bytes), {
    fileName: 'file.csv',
    mode: 'import',
    validOnly: false,
    now: NOW,
    ...(db ? { db } : {}),
    ...opts,
  });
}

export { dumpAll };
