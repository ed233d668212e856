import type {
  ColumnMapping,
  FilePreview,
  ImportKind,
  ImportOutcome,
  SavedMapping,
} from '../../lib/import/types';
import type { Progress } from '../../lib/import/pipeline';
import type { FromWorker } from '../../lib/import/worker-protocol';

/** What a running import reports: reading the file (`Progress`), then saving to the store. */
export type RunUpdate = Progress | Extract<FromWorker, { type: 'saving' }>;

export function isSaving(u: RunUpdate): u is Extract<FromWorker, { type: 'saving' }> {
  return 'type' in u && u.type === 'saving';
}

export interface RunPlan {
  kind?: ImportKind;
  mapping?: ColumnMapping;
  mode: 'import' | 'check';
  validOnly: boolean;
}

/** What the import and export sections need from the data worker (wired by the entry point). */
export interface DataWorker {
  preview(file: File): Promise<FilePreview>;
  run(file: File, plan: RunPlan, onProgress: (u: RunUpdate) => void): Promise<ImportOutcome>;
  cancel(): void;
  exportBundle(): Promise<{ blob: Blob; fileName: string; count: number }>;
  exportEvents(opts: {
    format: 'csv' | 'json';
    since: number;
    until: number;
  }): Promise<{ blob: Blob; fileName: string; count: number }>;
}

export interface MappingStore {
  list(): Promise<SavedMapping[]>;
  save(mapping: SavedMapping): Promise<void>;
}
