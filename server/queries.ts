/** Workspace definitions, lead context and dashboard aggregates: the hub's reads. */
import {
  contextTouchesSince,
  type AggregatesQuery,
  type LeadContextQuery,
  type PublishWorkspaceRequest,
  type WorkspaceDefinitionsResponse,
} from '../lib/hub/api';
import { createDashboardAggregator, OPEN_TOUCH_TYPES } from '../lib/dashboard/aggregate';
import type { DashboardData } from '../lib/dashboard/schema';
import { normalizeEmail, recordKey, type Lead, type TandemEvent } from '../lib/model';
import type { Db } from './db';
import { HttpError } from './http';

/** The definitions a workspace publishes, as `workspaces.definitions` holds them. */
export type Definitions = Omit<WorkspaceDefinitionsResponse, 'workspace' | 'version' | 'updatedAt'>;

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

/** What a lead-context lookup matches on: the CRM record's key, else the normalized email. */
function lookupKeys(q: LeadContextQuery): { recordKey: string | null; email: string | null } {
  return {
    recordKey:
      q.crm && q.tenant && q.objectType && q.recordId
        ? recordKey({ crm: q.crm, tenant: q.tenant, recordId: q.recordId })
        : null,
    email: q.email ? normalizeEmail(q.email) : null,
  };
}

interface PendingLookup {
  workspaceId: string;
  recordKey: string | null;
  email: string | null;
  since: number;
  resolve: (body: string) => void;
  reject: (err: unknown) => void;
}

/**
 * The lead context of many lookups in one statement, one row per lookup, in order (`with
 * ordinality` keeps it): each row's JSON text is built in the statement (one column for the
 * driver to read): the lead by CRM record, else by email; its touches since `since`, in order;
 * the workspace's version.
 */
const LEAD_CONTEXTS_SQL = `select '{"lead":' || coalesce(f.data::text, 'null')
     || ',"touches":' || coalesce((select json_agg(t.data order by t.at, t.id)::text
           from touches t
           where t.workspace_id = q.ws and t.lead_key = f.key and t.at >= q.since), '[]')
     || ',"workspaceVersion":' || coalesce((select version from workspaces w where w.id = q.ws), 0)
     || '}' as body
   from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
     with ordinality as q(ws, record_key, email, since, n)
   left join lateral (
     (select l.key, l.data from lead_refs r
        join leads l on l.workspace_id = r.workspace_id and l.key = r.lead_key
        where r.workspace_id = q.ws and r.record_key = q.record_key)
     union all
     (select l.key, l.data from leads l
        where l.workspace_id = q.ws and l.email_norm = q.email
        order by l.updated_at desc limit 1)
     limit 1
   ) f on true
   order by q.n`;

/**
 * The lead context as JSON text, for one lookup: the lead by CRM record (else by email), its
 * touches of the last 12 months aggregated in order, and the workspace's version, built by the
 * same statement `LeadContextLoader` sends for many lookups at once. The rows were validated
 * when stored, so their JSON goes out as the database wrote it, unparsed.
 */
export async function leadContextJson(
  db: Db,
  workspaceId: string,
  q: LeadContextQuery,
  now: number,
): Promise<string> {
  const { recordKey, email } = lookupKeys(q);
  const r = await db.query<{ body: string }>(
    LEAD_CONTEXTS_SQL,
    [[workspaceId], [recordKey], [email], [contextTouchesSince(now)]],
    { prepare: 'lead_contexts' },
  );
  return r.rows[0]!.body;
}

/** Lookups per statement at most: bounds one statement's work and the wait of its first lookup. */
export const LEAD_CONTEXT_BATCH = 64;

/**
 * Lead-context lookups, gathered while the database is busy: at most `concurrency` statements
 * are in flight (the pool's connections), and the lookups that arrive meanwhile go together in
 * the next one. Under load most of a lookup's cost is the round trip (protocol messages, waking
 * the backend and this process), not the reads, so one statement for the lookups queued behind
 * a busy pool costs the database a fraction of one statement each. A lookup arriving while a
 * connection is free is sent at once, alone: gathering never adds a wait of its own.
 */
export class LeadContextLoader {
  private queue: PendingLookup[] = [];
  private inFlight = 0;

  constructor(
    private db: Db,
    private concurrency: number,
    private maxBatch = LEAD_CONTEXT_BATCH,
  ) {}

  /** The lead context as JSON text: what `leadContextJson` returns for the same lookup. */
  get(workspaceId: string, q: LeadContextQuery, now: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.queue.push({
        workspaceId,
        ...lookupKeys(q),
        since: contextTouchesSince(now),
        resolve,
        reject,
      });
      if (this.inFlight < this.concurrency) this.send();
    });
  }

  private send() {
    const batch = this.queue.splice(0, this.maxBatch);
    if (!batch.length) return;
    this.inFlight += 1;
    this.db
      .query<{ body: string }>(
        LEAD_CONTEXTS_SQL,
        [
          batch.map((p) => p.workspaceId),
          batch.map((p) => p.recordKey),
          batch.map((p) => p.email),
          batch.map((p) => p.since),
        ],
        { prepare: 'lead_contexts' },
      )
      .then(
        (r) => {
          batch.forEach((p, i) => {
            const row = r.rows[i];
            if (row) p.resolve(row.body);
            else p.reject(new Error('lead context: fewer rows than lookups'));
          });
        },
        (err: unknown) => {
          for (const p of batch) p.reject(err);
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        if (this.queue.length) this.send();
      });
  }
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
