import { describe, expect, it, vi } from 'vitest';
import { suggestMapping } from '../../lib/import/presets';
import { findLeadsByEmail, getTouchesForLead } from '../../lib/store';
import { dumpAll, fixture, importBytes, seededDb } from './helpers';

vi.setConfig({ testTimeout: 60_000 });

const withoutHistory = <T extends Record<string, unknown>>(dump: T) => ({
  ...dump,
  imports: undefined,
});

describe('dedupe by source id', () => {
  it('importing the same files again changes no data', async () => {
    const db = await seededDb();
    const files = [
      'marketo-activities.csv',
      'hubspot-contacts.csv',
      'salesforce-campaign-members.csv',
    ];
    for (const f of files)
      expect((await importBytes(db, fixture('imports', f))).status).toBe('imported');
    const once = await dumpAll(db);
    for (const f of files) {
      const again = await importBytes(db, fixture('imports', f));
      expect(again.status).toBe('imported');
      expect(again.counts.touchesAdded).toBe(0);
      expect(again.counts.leadsAdded + again.counts.leadsUpdated).toBe(0);
    }
    expect(withoutHistory(await dumpAll(db))).toEqual(withoutHistory(once));
  });
});

describe('cancellation and failure mid-import', () => {
  it('a cancel after some chunks were written leaves the store exactly as it was', async () => {
    const db = await seededDb();
    const before = await dumpAll(db);
    let chunks = 0;
    const out = await importBytes(db, fixture('imports', 'marketo-activities.csv'), {
      chunkBytes: 256,
      onProgress: () => chunks++,
      cancelled: () => chunks >= 4,
    });
    expect(out.status).toBe('cancelled');
    expect(out.counts.rows).toBeGreaterThan(0);
    expect(await dumpAll(db)).toEqual(before);
  });

  it('reports saving part by part once the file is read, up to every part saved', async () => {
    const db = await seededDb();
    const saving: { done: number; total: number }[] = [];
    let readAll = false;
    const out = await importBytes(db, fixture('imports', 'marketo-activities.csv'), {
      onProgress: (p) => (readAll = p.bytes === p.total),
      onSaving: (p) => {
        expect(readAll).toBe(true);
        saving.push(p);
      },
    });
    expect(out.status).toBe('imported');
    const total = saving[0]!.total;
    expect(total).toBeGreaterThan(1);
    expect(saving.map((p) => p.done)).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
    expect(saving.every((p) => p.total === total)).toBe(true);
  });

  it('a cancel while saving, after some parts were written, leaves the store exactly as it was', async () => {
    const db = await seededDb();
    const before = await dumpAll(db);
    let saved = 0;
    let total = 0;
    const out = await importBytes(db, fixture('imports', 'marketo-activities.csv'), {
      onSaving: (p) => {
        saved = p.done;
        total = p.total;
      },
      cancelled: () => saved >= 1,
    });
    expect(total).toBeGreaterThan(1);
    expect(saved).toBe(1);
    expect(out.status).toBe('cancelled');
    expect(out.counts.rows).toBeGreaterThan(0);
    expect(await dumpAll(db)).toEqual(before);
  });

  it('a cancel while the last part is written still leaves the store exactly as it was', async () => {
    const db = await seededDb();
    const before = await dumpAll(db);
    let last = false;
    const out = await importBytes(db, fixture('imports', 'marketo-activities.csv'), {
      onSaving: (p) => (last = p.done === p.total),
      cancelled: () => last,
    });
    expect(last).toBe(true);
    expect(out.status).toBe('cancelled');
    expect(await dumpAll(db)).toEqual(before);
  });

  it('valid rows only: the report lists the bad row and the rest goes in', async () => {
    const db = await seededDb();
    const bytes = fixture('bad-input', 'bad-date.csv');
    const strict = await importBytes(db, bytes);
    expect(strict.status).toBe('rejected');
    const lenient = await importBytes(db, bytes, { validOnly: true });
    expect(lenient).toMatchObject({
      status: 'imported',
      counts: { rows: 2, rejected: 1, touchesAdded: 1 },
    });
    expect(lenient.rejects).toEqual([
      { row: 3, column: 'activityDate', reason: 'not a date: "yesterday"' },
    ]);
    expect((await getTouchesForLead(db, 'L-0001')).some((t) => t.id === 'marketo:700001')).toBe(
      true,
    );
  });
});

describe('the mapping step', () => {
  it('suggests a touch mapping from a header and imports with it', async () => {
    const bytes = fixture('imports', 'generic-touches.tsv');
    const header = new TextDecoder().decode(bytes).split('\n')[0]!.split('\t');
    const mapping = suggestMapping(header);
    expect(mapping).toEqual({
      target: 'touches',
      columns: {
        sourceId: 'Activity ID',
        leadEmail: 'Email',
        at: 'Activity Date',
        type: 'Activity Type',
        channel: 'Channel',
        campaignId: 'Campaign',
        detail: 'Detail',
        url: 'URL',
      },
    });
    const db = await seededDb();
    const out = await importBytes(db, bytes, { mapping, kind: 'csv' });
    expect(out).toMatchObject({
      status: 'imported',
      counts: { rows: 3, touchesAdded: 3, leadsAdded: 1 },
    });
    const pricing = (await getTouchesForLead(db, 'L-0001')).find((t) => t.id === 'csv:evt-1');
    expect(pricing).toMatchObject({ type: 'page_viewed', detail: 'Pricing page', channel: 'web' });
    const [created] = await findLeadsByEmail(db, 'new.person@example.org');
    expect((await getTouchesForLead(db, created!.key))[0]).toMatchObject({
      type: 'chat',
      at: Date.UTC(2026, 9, 13, 8, 30),
    });
  });
});
