import type {
  ColumnMapping,
  FilePreview,
  ImportKind,
  ImportOutcome,
  SavedMapping,
} from '../../lib/import/types';
import type { Progress } from '../../lib/import/pipeline';

export interface RunPlan {
  kind?: ImportKind;
  mapping?: ColumnMapping;
  mode: 'import' | 'check';
  validOnly: boolean;
}

/** What the import and export sections need from the data worker (wired by the entry point). */
export interface DataWorker {
  preview(file: File): Promise<FilePreview>;
  run(file: File, plan: RunPlan, onProgress: (p: Progress) => void): Promise<ImportOutcome>;
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
