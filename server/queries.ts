/** Workspace definitions, lead context and dashboard aggregates: the hub's reads. */
import {
  CONTEXT_TOUCH_DAYS,
  type AggregatesQuery,
  type LeadContextQuery,
  type LeadContextResponse,
  type PublishWorkspaceRequest,
  type WorkspaceDefinitionsResponse,
} from '../lib/hub/api';
import { createDashboardAggregator, OPEN_TOUCH_TYPES } from '../lib/dashboard/aggregate';
import type { DashboardData } from '../lib/dashboard/schema';
import { normalizeEmail, recordKey, type Lead, type TandemEvent } from '../lib/model';
import type { Db } from './db';
import { HttpError } from './http';

type Definitions = Omit<WorkspaceDefinitionsResponse, 'workspace' | 'version' | 'updatedAt'>;

interface WorkspaceRow {
  id: string;
  name: string;
  version: number;
  updated_at: string;
  definitions: Definitions | null;
}

export async function getWorkspace(db: Db, workspaceId: string) {
  const r = await db.query<WorkspaceRow>(
    `select id, name, version, updated_at::text as updated_at, definitions
     from workspaces where id = $1`,
    [workspaceId],
  );
  return r.rows[0];
}

/** The workspace's version, or null when there is no such workspace. */
export async function publishedVersion(db: Db, workspaceId: string): Promise<number | null> {
  const r = await db.query<{ version: number }>(
    'select version from workspaces where id = $1',
    [workspaceId],
    { prepare: 'workspace_version' },
  );
  return r.rows[0]?.version ?? null;
}

/** Cached definitions above this many bytes in all evict the least recently used. */
const DEFINITIONS_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The JSON text GET /v1/workspace answers, kept per workspace for the version it was made from:
 * a request reads the version only, and definitions are read and serialized once per publish.
 * Every instance checks the version on each request, so a publish through another is seen at
 * once.
 */
export class DefinitionsCache {
  private entries = new Map<string, { version: number; body: string }>();
  private bytes = 0;

  /** The definitions at `version` or later, as JSON text with the version they are at. */
  async get(
    db: Db,
    workspaceId: string,
    version: number,
  ): Promise<{ version: number; body: string }> {
    const hit = this.entries.get(workspaceId);
    if (hit && hit.version === version) {
      // Most recently used last.
      this.entries.delete(workspaceId);
      this.entries.set(workspaceId, hit);
      return hit;
    }
    const row = await getWorkspace(db, workspaceId);
    if (!row) throw new HttpError(404, 'not_found', 'workspace not found');
    const entry = { version: row.version, body: JSON.stringify(definitionsResponse(row)) };
    this.drop(workspaceId);
    this.entries.set(workspaceId, entry);
    this.bytes += entry.body.length;
    for (const key of this.entries.keys()) {
      if (this.bytes <= DEFINITIONS_CACHE_BYTES || key === workspaceId) break;
      this.drop(key);
    }
    return entry;
  }

  private drop(workspaceId: string) {
    const old = this.entries.get(workspaceId);
    if (!old) return;
    this.bytes -= old.body.length;
    this.entries.delete(workspaceId);
  }
}

export function definitionsResponse(row: WorkspaceRow): WorkspaceDefinitionsResponse {
  if (!row.definitions || row.version < 1) {
    throw new HttpError(404, 'not_published', 'no workspace definitions have been published yet');
  }
  return {
    workspace: { id: row.id, name: row.name },
    version: row.version,
    updatedAt: Number(row.updated_at),
    ...row.definitions,
  };
}

export async function publishWorkspace(
  db: Db,
  workspaceId: string,
  req: PublishWorkspaceRequest,
  now: number,
): Promise<{ version: number; updatedAt: number }> {
  const { name, baseVersion, ...definitions } = req;
  const r = await db.query<{ version: number }>(
    `update workspaces
     set version = version + 1, definitions = $2::jsonb, name = coalesce($3, name),
         updated_at = $4
     where id = $1 and ($5::int is null or version = $5)
     returning version`,
    [workspaceId, JSON.stringify(definitions), name ?? null, now, baseVersion ?? null],
  );
  const row = r.rows[0];
  if (!row) {
    throw new HttpError(
      409,
      'conflict',
      `baseVersion: the workspace is no longer at version ${baseVersion}; fetch it and publish again`,
    );
  }
  return { version: row.version, updatedAt: now };
}

const DAY_MS = 86_400_000;

/**
 * The lead context as JSON text, in one indexed query: the lead by CRM record (else by email),
 * its touches of the last 12 months aggregated in order, and the workspace's version. The rows
 * were validated when stored, so their JSON goes out as the database wrote it, unparsed.
 */
export async function leadContextJson(
  db: Db,
  workspaceId: string,
  q: LeadContextQuery,
  now: number,
): Promise<string> {
  const byRecord =
    q.crm && q.tenant && q.objectType && q.recordId
      ? recordKey({ crm: q.crm, tenant: q.tenant, recordId: q.recordId })
      : null;
  const email = q.email ? normalizeEmail(q.email) : null;
  // The response's JSON text is built in the statement: one column for the driver to read.
  const r = await db.query<{ body: string }>(
    `with found as (
       (select l.key, l.data from lead_refs r
          join leads l on l.workspace_id = r.workspace_id and l.key = r.lead_key
          where r.workspace_id = $1 and r.record_key = $2)
       union all
       (select l.key, l.data from leads l
          where l.workspace_id = $1 and l.email_norm = $3
          order by l.updated_at desc limit 1)
       limit 1
     )
     select '{"lead":' || coalesce((select data::text from found), 'null')
         || ',"touches":' || coalesce((select json_agg(t.data order by t.at, t.id)::text
               from found f join touches t
                 on t.workspace_id = $1 and t.lead_key = f.key and t.at >= $4), '[]')
         || ',"workspaceVersion":' || coalesce((select version from workspaces where id = $1), 0)
         || '}' as body`,
    [workspaceId, byRecord, email, now - CONTEXT_TOUCH_DAYS * DAY_MS],
    { prepare: 'lead_context' },
  );
  return r.rows[0]!.body;
}

/** The lead context as an object (what `leadContextJson` sends). */
export async function leadContext(
  db: Db,
  workspaceId: string,
  q: LeadContextQuery,
  now: number,
): Promise<LeadContextResponse> {
  return JSON.parse(await leadContextJson(db, workspaceId, q, now)) as LeadContextResponse;
}

/** Events per read while aggregating: bounds memory whatever the workspace's size. */
const AGGREGATE_BATCH = 5_000;

/**
 * The dashboard over the whole team: the same pure aggregator the extension runs on its own
 * events (lib/dashboard/aggregate.ts), fed from the database batch by batch.
 */
export async function aggregates(
  db: Db,
  workspaceId: string,
  q: AggregatesQuery,
  now: number,
): Promise<DashboardData> {
  const ws = await getWorkspace(db, workspaceId);
  const defs = ws?.definitions;
  // Only leads that verdicts name, or MQLs (for the follow-up SLA), matter to the dashboard.
  const leads = await db.query<{ data: Lead }>(
    `select data from leads where workspace_id = $1 and (stage = 'mql' or key in (
       select lead_key from events where workspace_id = $1 and kind = 'lead_verdict'
         and lead_key is not null))`,
    [workspaceId],
  );
  const earliest = await db.query<{ at: string | null }>(
    'select min(at)::text as at from events where workspace_id = $1',
    [workspaceId],
  );
  const earliestAt = earliest.rows[0]?.at != null ? Number(earliest.rows[0].at) : undefined;
  const agg = createDashboardAggregator(
    {
      assets: defs?.assets ?? [],
      campaigns: defs?.campaigns ?? [],
      personas: defs?.personas ?? [],
      ...(defs?.lifecycle ? { lifecycle: defs.lifecycle } : {}),
      leads: leads.rows.map((r) => r.data),
    },
    {
      query: {
        timeZone: q.tz,
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        ...(q.campaignId !== undefined ? { campaignId: q.campaignId } : {}),
        ...(q.q !== undefined ? { insightSearch: q.q } : {}),
      },
      now,
      source: 'hub',
      ...(earliestAt !== undefined ? { earliestAt } : {}),
    },
  );
  let after: string | null = null;
  for (;;) {
    const batch: { rows: { id: string; data: TandemEvent }[] } = await db.query(
      `select id::text as id, data from events
       where workspace_id = $1 and ($2::uuid is null or id > $2::uuid)
       order by id limit $3`,
      [workspaceId, after, AGGREGATE_BATCH],
    );
    if (!batch.rows.length) break;
    agg.add(batch.rows.map((r) => r.data));
    after = batch.rows[batch.rows.length - 1]!.id;
    if (batch.rows.length < AGGREGATE_BATCH) break;
  }
  const shared = agg.sharedLeads();
  if (shared.length) {
    const opens = await db.query<{ lead_key: string; asset_id: string; at: string }>(
      `select lead_key, data->>'assetId' as asset_id, at::text as at from touches
       where workspace_id = $1 and lead_key = any($2::text[])
         and data->>'assetId' is not null and data->>'type' = any($3::text[])
         and coalesce((data->>'botSuspect')::boolean, false) = false`,
      [workspaceId, shared, OPEN_TOUCH_TYPES],
    );
    agg.addOpens(
      opens.rows.map((r) => ({ leadKey: r.lead_key, assetId: r.asset_id, at: Number(r.at) })),
    );
  }
  return agg.finish();
}
