/**
 * What an import is asked to do and what it reports. These shapes cross the boundary between
 * the options page and the import worker, so each is a zod schema (validated on both sides).
 */
import { z } from 'zod';

/** Every file Tandem can import, by what it holds. */
export const ImportKind = z.enum([
  'bundle',
  'marketo',
  'hubspot',
  'salesforce',
  'csv',
  'personas',
  'assets',
  'campaigns',
]);
export type ImportKind = z.infer<typeof ImportKind>;

/** Kinds read as CSV (the rest come as JSON, or as either for definitions). */
export const CSV_KINDS = [
  'marketo',
  'hubspot',
  'salesforce',
  'csv',
  'personas',
  'assets',
  'campaigns',
] as const;

/** Targets of the column-mapping step for a CSV no preset recognizes. */
export const TouchField = z.enum([
  'leadEmail',
  'leadId',
  'at',
  'type',
  'channel',
  'campaignId',
  'detail',
  'url',
  'sourceId',
]);
export type TouchField = z.infer<typeof TouchField>;
export const LeadField = z.enum([
  'sourceId',
  'email',
  'firstName',
  'lastName',
  'company',
  'title',
  'phone',
  'industry',
  'companySize',
  'country',
  'stage',
  'originalSource',
  'score',
]);
export type LeadField = z.infer<typeof LeadField>;

/** A generic CSV's column mapping: which column holds each field (by header text). */
export const ColumnMapping = z.discriminatedUnion('target', [
  z.object({
    target: z.literal('touches'),
    columns: z.partialRecord(TouchField, z.string().min(1).max(500)),
  }),
  z.object({
    target: z.literal('leads'),
    columns: z.partialRecord(LeadField, z.string().min(1).max(500)),
  }),
]);
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** A mapping the user saved, found again by the file's header. */
export const SavedMapping = z.object({
  /** `headerSignature(header)`: the same columns in the same order. */
  signature: z.string().min(1).max(20_000),
  mapping: ColumnMapping,
  savedAt: z.number().int().nonnegative(),
});
export type SavedMapping = z.infer<typeof SavedMapping>;

/** One rejected row: where (row number counting the header as row 1, column) and why. */
export const RejectedRow = z.object({
  row: z.number().int().nonnegative(),
  column: z.string().max(500),
  reason: z.string().max(1000),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

/** At most this many rejected rows are listed; the rest are counted. */
export const MAX_LISTED_REJECTS = 1000;

export const ImportCounts = z.object({
  /** Data rows read (not counting the header). */
  rows: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Rows skipped on purpose (an activity type Tandem has no touch type for). */
  skipped: z.number().int().nonnegative(),
  touchesAdded: z.number().int().nonnegative(),
  /** Touches already in the store (same source id): left as they were. */
  touchesExisting: z.number().int().nonnegative(),
  leadsAdded: z.number().int().nonnegative(),
  leadsUpdated: z.number().int().nonnegative(),
  definitions: z.number().int().nonnegative(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export function emptyCounts(): ImportCounts {
  return {
    rows: 0,
    rejected: 0,
    skipped: 0,
    touchesAdded: 0,
    touchesExisting: 0,
    leadsAdded: 0,
    leadsUpdated: 0,
    definitions: 0,
  };
}

/**
 * How an import ended:
 * - `imported`: written (all rows, or the valid ones when asked);
 * - `checked`: a check-only run, nothing written;
 * - `rejected`: some rows are invalid and nothing was written; the user may import the valid
 *   rows or nothing;
 * - `cancelled`, `failed`: nothing was written.
 */
export const ImportOutcome = z.object({
  status: z.enum(['imported', 'checked', 'rejected', 'cancelled', 'failed']),
  kind: ImportKind.optional(),
  counts: ImportCounts,
  rejects: z.array(RejectedRow).max(MAX_LISTED_REJECTS),
  /** Set when the whole file was refused (not what it claims, unreadable, store error). */
  problem: z.lazy(() => Problem).optional(),
  ms: z.number().nonnegative(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

/** What the file looks like: detected kind, header and the first rows (for the mapping step). */
export const FilePreview = z.object({
  kind: ImportKind.optional(),
  format: z.enum(['csv', 'json']),
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  delimiter: z.string().max(1).optional(),
  encoding: z.string().optional(),
});
export type FilePreview = z.infer<typeof FilePreview>;

/**
 * A message for the user, as an i18n key and its substitutions: the worker has no extension
 * APIs, so the page translates it.
 */
export const Problem = z.object({
  key: z.string().min(1).max(100),
  subs: z.array(z.string().max(2000)).max(5),
});
export type Problem = z.infer<typeof Problem>;

/** A whole file refused: the one clear message the user sees (an i18n key of `importErr…`). */
export class FileRefused extends Error {
  readonly problem: Problem;
  constructor(key: string, ...subs: string[]) {
    super(`${key}${subs.length ? `: ${subs.join(', ')}` : ''}`);
    this.name = 'FileRefused';
    this.problem = { key, subs };
  }
}
