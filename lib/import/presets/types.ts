import type { z } from 'zod';
import type { Asset, Campaign, Persona, Touch } from '../../model';
import type { LeadBook } from '../leads';
import type { ImportKind } from '../types';

/** One data row: cells by column name (case and surrounding spaces ignored). */
export interface Row {
  /** Row number, counting the header as row 1. */
  n: number;
  /** The cell under `column`, trimmed; '' when empty or when the file has no such column. */
  get(column: string): string;
  has(column: string): boolean;
}

export interface Reject {
  column: string;
  reason: string;
}

/** What one row adds to the workspace. Leads go through the LeadBook, not through here. */
export interface Mapped {
  touches?: Touch[];
  campaigns?: Campaign[];
  personas?: Persona[];
  assets?: Asset[];
  /** Nothing to import in this row on purpose (e.g. an activity type with no touch type). */
  skip?: true;
}

export type RowResult = Mapped | { reject: Reject };

export interface RowContext {
  leads: LeadBook;
  now: number;
  /** Campaign ids already in the workspace or created by earlier rows. */
  campaignIds: Set<string>;
}

export interface CsvPreset {
  kind: ImportKind;
  /** Columns that must be there; each entry lists accepted spellings of one column. */
  required: readonly (readonly string[])[];
  /** Whether a header looks like this platform's export (all lower-cased, trimmed). */
  matches(header: ReadonlySet<string>): boolean;
  map(row: Row, ctx: RowContext): RowResult;
}

/** The first column of `names` the row has. */
export function pick(row: Row, names: readonly string[]): { column: string; value: string } {
  for (const name of names) if (row.has(name)) return { column: name, value: row.get(name) };
  return { column: names[0]!, value: '' };
}

/** A zod failure as one reject: the first issue's field and message. */
export function zodReject(error: z.ZodError, columnFor: (path: string) => string): Reject {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  return { column: columnFor(path), reason: `${path ? `${path}: ` : ''}${issue.message}` };
}
