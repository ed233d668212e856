/**
 * Messages between the options page and its data worker (imports and exports), each a zod
 * schema: the worker validates what the page sends and the page what the worker answers.
 */
import { z } from 'zod';
import { ColumnMapping, FilePreview, ImportKind, ImportOutcome, Problem } from './types';

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('preview'), file: z.instanceof(Blob), name: z.string().max(500) }),
  z.object({
    type: z.literal('run'),
    file: z.instanceof(Blob),
    name: z.string().max(500),
    kind: ImportKind.optional(),
    mapping: ColumnMapping.optional(),
    mode: z.enum(['import', 'check']),
    validOnly: z.boolean(),
  }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('exportBundle') }),
  z.object({
    type: z.literal('exportEvents'),
    format: z.enum(['csv', 'json']),
    since: z.number().int().nonnegative(),
    until: z.number().int().nonnegative(),
    kind: z.enum(['content_feedback', 'lead_verdict', 'field_insight', 'asset_usage']).optional(),
  }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('preview'), preview: FilePreview }),
  z.object({
    type: z.literal('progress'),
    bytes: z.number(),
    total: z.number(),
    rows: z.number(),
    rejected: z.number(),
    ms: z.number(),
  }),
  /** The file is read; the import is saving its touches to the store, part `done` of `total`. */
  z.object({
    type: z.literal('saving'),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('done'), outcome: ImportOutcome }),
  z.object({
    type: z.literal('file'),
    blob: z.instanceof(Blob),
    fileName: z.string(),
    count: z.number(),
  }),
  z.object({ type: z.literal('error'), problem: Problem }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
