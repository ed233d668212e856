import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DataWorker, MappingStore } from '../../components/options/data-types';
import { ImportSection } from '../../components/options/ImportSection';
import {
  emptyCounts,
  type FilePreview,
  type ImportOutcome,
  type SavedMapping,
} from '../../lib/import/types';

afterEach(cleanup);

function fakeWorker(
  preview: FilePreview,
  outcomes: ImportOutcome[],
): DataWorker & { runs: unknown[] } {
  const runs: unknown[] = [];
  return {
    runs,
    preview: vi.fn(async () => preview),
    run: vi.fn(async (_file, plan, onProgress) => {
      runs.push(plan);
      onProgress({ bytes: 1, total: 2, rows: 10, rejected: 0, ms: 1000 });
      return outcomes.shift()!;
    }),
    cancel: vi.fn(),
    exportBundle: vi.fn(),
    exportEvents: vi.fn(),
  };
}

const memoryMappings = (): MappingStore & { saved: SavedMapping[] } => {
  const saved: SavedMapping[] = [];
  return { saved, list: async () => saved, save: async (m) => void saved.push(m) };
};

const file = new File(['x'], 'activities.csv', { type: 'text/csv' });
const choose = () =>
  fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });

describe('the import section', () => {
  it('shows reading, then saving part by part, and cancel stays available until the end', async () => {
    let report: Parameters<DataWorker['run']>[2] = () => undefined;
    let finish: (o: ImportOutcome) => void = () => undefined;
    const worker: DataWorker = {
      preview: vi.fn(async (): Promise<FilePreview> => ({
        format: 'csv',
        kind: 'marketo',
        header: [],
        rows: [],
      })),
      run: vi.fn(
        (_file, _plan, onProgress) =>
          new Promise<ImportOutcome>((resolve) => {
            report = onProgress;
            finish = resolve;
          }),
      ),
      cancel: vi.fn(),
      exportBundle: vi.fn(),
      exportEvents: vi.fn(),
    };
    render(<ImportSection worker={worker} mappings={memoryMappings()} onImported={() => {}} />);
    choose();
    await waitFor(() => expect(worker.run).toHaveBeenCalled());
    act(() => report({ bytes: 50, total: 100, rows: 1200, rejected: 0, ms: 2000 }));
    expect(screen.getByTestId('import-status').textContent).toMatch(
      /1,200 rows read \(600 rows\/s\)/,
    );
    const reading = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(reading.getAttribute('value')).toBe('50');

    act(() => report({ bytes: 100, total: 100, rows: 2410, rejected: 10, ms: 4000 }));
    act(() => report({ type: 'saving', done: 1, total: 3 }));
    expect(screen.getByTestId('import-status').textContent).toMatch(
      /Saving 2,400 rows.*1 of 3 parts saved/,
    );
    const saving = screen.getByRole('progressbar', { name: 'Saving progress' });
    expect([saving.getAttribute('value'), saving.getAttribute('max')]).toEqual(['1', '3']);
    expect(screen.queryByRole('progressbar', { name: 'Import progress' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel import' }));
    expect(worker.cancel).toHaveBeenCalledOnce();
    act(() =>
      finish({ status: 'cancelled', kind: 'marketo', counts: emptyCounts(), rejects: [], ms: 5 }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('import-status').textContent).toMatch(/cancelled/i),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('lists rejected rows with their numbers and imports only the valid rows when asked', async () => {
    const rejected: ImportOutcome = {
      status: 'rejected',
      kind: 'marketo',
      counts: { ...emptyCounts(), rows: 3, rejected: 1 },
      rejects: [{ row: 3, column: 'activityDate', reason: 'not a date: "yesterday"' }],
      ms: 5,
    };
    const imported: ImportOutcome = {
      status: 'imported',
      kind: 'marketo',
      counts: { ...emptyCounts(), rows: 3, rejected: 1, touchesAdded: 2 },
      rejects: rejected.rejects,
      ms: 5,
    };
    const worker = fakeWorker({ format: 'csv', kind: 'marketo', header: [], rows: [] }, [
      rejected,
      imported,
    ]);
    const onImported = vi.fn();
    render(<ImportSection worker={worker} mappings={memoryMappings()} onImported={onImported} />);
    choose();
    await waitFor(() =>
      expect(screen.getByTestId('import-status').textContent).toMatch(
        /row 3, activityDate: not a date/,
      ),
    );
    expect(screen.getByTestId('import-report').textContent).toMatch(/activityDate/);
    expect(onImported).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Import the 2 valid rows' }));
    await waitFor(() =>
      expect(screen.getByTestId('import-status').textContent).toMatch(
        /^Imported 3 rows: 2 new touches/,
      ),
    );
    expect(worker.runs).toEqual([
      { kind: 'marketo', mode: 'import', validOnly: false },
      { kind: 'marketo', mode: 'import', validOnly: true },
    ]);
    expect(onImported).toHaveBeenCalledOnce();
  });

  it('asks for a mapping for an unknown CSV, saves it and uses it next time without asking', async () => {
    const preview: FilePreview = {
      format: 'csv',
      header: ['Email', 'When', 'Activity Type'],
      rows: [['a@b.example', '2026-01-01', 'Page View']],
    };
    const done: ImportOutcome = {
      status: 'imported',
      kind: 'csv',
      counts: { ...emptyCounts(), rows: 1 },
      rejects: [],
      ms: 1,
    };
    const worker = fakeWorker(preview, [done, { ...done }]);
    const mappings = memoryMappings();
    render(<ImportSection worker={worker} mappings={mappings} onImported={() => {}} />);
    choose();
    await waitFor(() => expect(screen.getByTestId('import-mapping')).toBeTruthy());
    expect(screen.getByTestId('import-preview').textContent).toMatch(/Page View/);
    fireEvent.click(screen.getByRole('button', { name: 'Import with this mapping' }));
    await waitFor(() =>
      expect(screen.getByTestId('import-status').textContent).toMatch(/^Imported 1 rows/),
    );
    expect(mappings.saved).toHaveLength(1);
    const mapping = {
      target: 'touches',
      columns: { leadEmail: 'Email', at: 'When', type: 'Activity Type' },
    };
    expect(worker.runs[0]).toEqual({ kind: 'csv', mapping, mode: 'import', validOnly: false });
    choose();
    await waitFor(() => expect(worker.runs).toHaveLength(2));
    expect(screen.queryByTestId('import-mapping')).toBeNull();
  });

  it('shows one clear message for a refused file', async () => {
    const failed: ImportOutcome = {
      status: 'failed',
      counts: emptyCounts(),
      rejects: [],
      problem: { key: 'importErrZip', subs: [] },
      ms: 0,
    };
    render(
      <ImportSection
        worker={fakeWorker({ format: 'json', header: [], rows: [] }, [failed])}
        mappings={memoryMappings()}
        onImported={() => {}}
      />,
    );
    choose();
    await waitFor(() =>
      expect(screen.getByTestId('import-status').textContent).toMatch(/Excel workbook/),
    );
  });
});
