import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ColumnMapping, ImportKind } from '../../lib/import';
import { MAX_LISTED_REJECTS } from '../../lib/import';
import { dumpAll, fixture, importBytes, seededDb } from './helpers';

vi.setConfig({ testTimeout: 60_000 });

interface Expected {
  problem?: string;
  row?: number;
  column?: string;
  kind?: ImportKind;
  mapping?: ColumnMapping;
  rejected?: number;
  listed?: number;
}

const DIR = resolve('test/fixtures/bad-input');
const expected = JSON.parse(readFileSync(resolve(DIR, 'expected.json'), 'utf8')) as Record<
  string,
  Expected
>;
const files = readdirSync(DIR).filter((f) => f !== 'expected.json');

describe('the bad-input corpus', () => {
  it('has at least 30 files, each with its expected outcome', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s: refused or rejected, with the store exactly as it was', async (name) => {
    const want = expected[name]!;
    const db = await seededDb();
    const before = await dumpAll(db);
    const out = await importBytes(db, fixture('bad-input', name), {
      fileName: name,
      ...(want.kind ? { kind: want.kind } : {}),
      ...(want.mapping ? { mapping: want.mapping } : {}),
    });
    expect(await dumpAll(db)).toEqual(before);
    if (want.problem) {
      expect(out.status).toBe('failed');
      expect(out.problem?.key).toBe(want.problem);
    } else {
      expect(out.status).toBe('rejected');
      expect(out.problem).toBeUndefined();
      if (want.row !== undefined) {
        expect(out.rejects[0]).toMatchObject({ row: want.row, column: want.column });
        expect(out.rejects[0]!.reason.length).toBeGreaterThan(0);
      }
      if (want.rejected !== undefined) {
        expect(out.counts.rejected).toBe(want.rejected);
        expect(out.rejects).toHaveLength(want.listed!);
        expect(want.listed).toBe(MAX_LISTED_REJECTS);
        expect(out.rejects.at(-1)!.row).toBe(MAX_LISTED_REJECTS + 1);
      }
    }
    db.close();
  });
});
