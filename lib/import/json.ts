/**
 * JSON imports: a workspace bundle (replaces the workspace, in one transaction) or personas,
 * assets and campaigns (an array of one kind, or an object with `personas`, `assets` and
 * `campaigns` arrays; added or replaced by id). Every item is validated on its own, so the
 * report names each bad one (its position counts from 1) and the valid ones can still go in.
 */
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  Asset,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  Campaign,
  Lead,
  Lifecycle,
  Persona,
  ScoringModel,
  TandemEvent,
  Touch,
  WorkspaceBundle,
} from '../model';
import type { TandemDb } from '../store/schema';
import { replaceWorkspace } from '../store/workspace';
import { problemOf } from './pipeline';
import { RejectReport } from './report';
import { emptyBatch, StoreSink } from './sink';
import { emptyCounts, FileRefused, type ImportKind, type ImportOutcome } from './types';

/** Larger JSON is refused: it is parsed whole, unlike CSV. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

const BundleTop = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  workspace: WorkspaceBundle.shape.workspace,
  scoringModel: ScoringModel,
  lifecycle: Lifecycle,
  personas: z.array(z.unknown()),
  campaigns: z.array(z.unknown()),
  assets: z.array(z.unknown()),
  leads: z.array(z.unknown()),
  touches: z.array(z.unknown()),
  events: z.array(z.unknown()).default([]),
});

const COLLECTIONS = {
  personas: Persona,
  campaigns: Campaign,
  assets: Asset,
  leads: Lead,
  touches: Touch,
  events: TandemEvent,
} as const;
type CollectionName = keyof typeof COLLECTIONS;

export interface JsonOptions {
  fileName: string;
  mode: 'import' | 'check';
  validOnly: boolean;
  db?: TandemDb;
  now: number;
  clock?(): number;
}

export function parseJsonText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new FileRefused('importErrEmpty');
  try {
    return JSON.parse(body) as unknown;
  } catch {
    const start = body.trimStart()[0];
    if (start !== '{' && start !== '[') throw new FileRefused('importErrNotJson');
    // Valid up to its end, then cut off: unclosed brackets or a string never closed.
    throw new FileRefused(looksCutOff(body) ? 'importErrTruncated' : 'importErrJsonSyntax');
  }
}

function looksCutOff(body: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}

/** What kind of JSON this is, or a refusal saying why it is none Tandem reads. */
export function jsonKind(value: unknown): ImportKind | 'definitions' {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (value.length === 0) throw new FileRefused('importErrNoRows');
    if (first && typeof first === 'object') {
      if ('criteria' in first) return 'personas';
      if ('url' in first && 'title' in first) return 'assets';
      if ('channel' in first && 'startAt' in first) return 'campaigns';
    }
    throw new FileRefused('importErrJsonShape');
  }
  if (!value || typeof value !== 'object') throw new FileRefused('importErrJsonShape');
  const obj = value as Record<string, unknown>;
  if ('format' in obj) {
    if (obj.format !== BUNDLE_FORMAT) throw new FileRefused('importErrJsonShape');
    if (obj.version !== BUNDLE_VERSION)
      throw new FileRefused('importErrBundleVersion', String(obj.version));
    return 'bundle';
  }
  if (['personas', 'assets', 'campaigns'].some((k) => Array.isArray(obj[k]))) return 'definitions';
  throw new FileRefused('importErrJsonShape');
}

function validateItems<T>(
  items: unknown[],
  schema: z.ZodType<T>,
  name: string,
  report: RejectReport,
): T[] {
  const out: T[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      report.add(i + 1, [name, ...issue.path.map(String)].join('.'), issue.message);
      return;
    }
    const id = (r.data as { id?: string; key?: string }).id ?? (r.data as { key?: string }).key;
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) {
        report.add(i + 1, `${name}.id`, `"${id}" repeats item ${first}`);
        return;
      }
      seen.set(id, i + 1);
    }
    out.push(r.data);
  });
  return out;
}

export async function runJsonImport(text: string, opts: JsonOptions): Promise<ImportOutcome> {
  const clock = opts.clock ?? (() => Date.now());
  const t0 = clock();
  const counts = emptyCounts();
  const report = new RejectReport();
  let kind: ImportKind | undefined;
  const finish = (
    status: ImportOutcome['status'],
    problem?: ImportOutcome['problem'],
  ): ImportOutcome => ({
    status,
    ...(kind ? { kind } : {}),
    counts: { ...counts, rejected: report.count },
    rejects: report.listed,
    ...(problem ? { problem } : {}),
    ms: clock() - t0,
  });
  try {
    const value = parseJsonText(text);
    const detected = jsonKind(value);
    kind = detected === 'definitions' ? 'personas' : detected;
    const record = (rows: number) => ({
      id: uuidv7(),
      at: opts.now,
      kind: detected,
      fileName: opts.fileName.slice(0, 500),
      rows,
      rejected: report.count,
      status: report.count > 0 ? ('partial' as const) : ('ok' as const),
    });

    if (detected === 'bundle') {
      const top = BundleTop.safeParse(value);
      if (!top.success) {
        const issue = top.error.issues[0]!;
        throw new FileRefused(
          'importErrBundleInvalid',
          issue.path.join('.') || '(top)',
          issue.message,
        );
      }
      const collections = {} as { [K in CollectionName]: z.infer<(typeof COLLECTIONS)[K]>[] };
      let rows = 0;
      for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
        const items = top.data[name];
        rows += items.length;
        (collections as Record<string, unknown[]>)[name] = validateItems(
          items,
          COLLECTIONS[name] as z.ZodType<unknown>,
          name,
          report,
        );
      }
      counts.rows = rows;
      counts.touchesAdded = collections.touches.length;
      counts.leadsAdded = collections.leads.length;
      counts.definitions =
        collections.personas.length + collections.campaigns.length + collections.assets.length;
      if (opts.mode === 'check') return finish('checked');
      if (report.count > 0 && !opts.validOnly) return finish('rejected');
      if (!opts.db) throw new Error('an import needs the store');
      const bundle: WorkspaceBundle = {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        workspace: top.data.workspace,
        scoringModel: top.data.scoringModel,
        lifecycle: top.data.lifecycle,
        ...collections,
      };
      await replaceWorkspace(opts.db, bundle, { importRecord: record(rows) });
      return finish('imported');
    }

    const obj = value as Record<string, unknown>;
    const lists: Record<'personas' | 'assets' | 'campaigns', unknown[]> = {
      personas: detected === 'personas' ? (value as unknown[]) : [],
      assets: detected === 'assets' ? (value as unknown[]) : [],
      campaigns: detected === 'campaigns' ? (value as unknown[]) : [],
    };
    if (detected === 'definitions') {
      for (const k of ['personas', 'assets', 'campaigns'] as const) {
        if (obj[k] !== undefined && !Array.isArray(obj[k]))
          throw new FileRefused('importErrJsonShape');
        lists[k] = (obj[k] as unknown[] | undefined) ?? [];
      }
    }
    const batch = emptyBatch();
    batch.personas = validateItems(lists.personas, Persona, 'personas', report);
    batch.assets = validateItems(lists.assets, Asset, 'assets', report);
    batch.campaigns = validateItems(lists.campaigns, Campaign, 'campaigns', report);
    counts.rows = lists.personas.length + lists.assets.length + lists.campaigns.length;
    counts.definitions = batch.personas.length + batch.assets.length + batch.campaigns.length;
    if (counts.rows === 0) throw new FileRefused('importErrNoRows');
    if (opts.mode === 'check') return finish('checked');
    if (report.count > 0 && !opts.validOnly) return finish('rejected');
    if (!opts.db) throw new Error('an import needs the store');
    const { sink } = await StoreSink.open(opts.db, opts.now);
    try {
      await sink.write(batch);
      await sink.commit(record(counts.rows), 0);
    } catch (error) {
      sink.abort();
      throw error;
    }
    return finish('imported');
  } catch (error) {
    return finish('failed', problemOf(error));
  }
}
