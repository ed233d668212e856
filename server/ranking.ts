/**
 * Every lead's score ranked on the hub (GET /v1/ranking): the hub holds the whole workspace,
 * while an extension connected to it holds only the leads its rep opened, so the standing a
 * sidebar shows ("#15 of 9,800 leads") is read from the hub's ranking. Leads are scored with the
 * same code as the extension's own ranking (lib/context/score-totals.ts), each over its touches
 * of the last CONTEXT_TOUCH_DAYS days, which is what the extension scores the lead's context
 * from. A ranking is made in the background when one is asked for while the stored one is
 * missing or stale, one at a time per workspace in this instance; requests never wait for it.
 */
import { contextTouchesSince } from '../lib/hub/api';
import { RANKING_MAX_AGE_MS, scoreTotals, type LeadToRank } from '../lib/context/score-totals';
import type { Lead, Touch } from '../lib/model';
import type { Db } from './db';
import type { Definitions } from './queries';

/**
 * Leads per read: bounds the memory a ranking holds whatever the workspace's size, and how long
 * a lookup waits behind one read's rows (`hub-load`'s `lookup_p99_ranking_ms`).
 */
export const RANK_LEAD_BATCH = 100;

/** What the stored ranking was made from, beside what the workspace is at now. */
interface RankingState {
  version: number;
  published: boolean;
  dataGeneration: number;
  ranking?: { version: number; dataGeneration: number; rankedAt: number };
}

async function readState(db: Db, workspaceId: string): Promise<RankingState | undefined> {
  const r = await db.query<{
    version: number;
    published: boolean;
    data_generation: string;
    r_version: number | null;
    r_generation: string | null;
    ranked_at: string | null;
  }>(
    `select w.version, w.definitions is not null as published,
            w.data_generation::text as data_generation, r.version as r_version,
            r.data_generation::text as r_generation, r.ranked_at::text as ranked_at
     from workspaces w left join score_rankings r on r.workspace_id = w.id
     where w.id = $1`,
    [workspaceId],
    { prepare: 'ranking_state' },
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    version: row.version,
    published: row.published,
    dataGeneration: Number(row.data_generation),
    ...(row.r_version !== null && row.ranked_at !== null
      ? {
          ranking: {
            version: row.r_version,
            dataGeneration: Number(row.r_generation),
            rankedAt: Number(row.ranked_at),
          },
        }
      : {}),
  };
}

/** Whether the stored ranking is missing, of other definitions or data, or too old at `now`. */
function isStale(s: RankingState, now: number): boolean {
  const r = s.ranking;
  return (
    !r ||
    r.version !== s.version ||
    r.dataGeneration < s.dataGeneration ||
    now - r.rankedAt >= RANKING_MAX_AGE_MS
  );
}

/** Lets the requests waiting meanwhile run (lookups arriving during a ranking). */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every lead of the workspace with its touches since `since` (oldest first, in the order a lead
 * context carries them), `batch` leads per read in key order, each batch handed to `each` before
 * the next is read. False when `stopped` said so between two batches.
 */
export async function scanWorkspace(
  db: Db,
  workspaceId: string,
  since: number,
  each: (leads: LeadToRank[]) => Promise<void>,
  {
    batch = RANK_LEAD_BATCH,
    stopped = () => false,
  }: { batch?: number; stopped?: () => boolean } = {},
): Promise<boolean> {
  let after = '';
  for (;;) {
    if (stopped()) return false;
    const leads = await db.query<{ key: string; data: Lead }>(
      `select key, data from leads where workspace_id = $1 and key > $2 order by key limit $3`,
      [workspaceId, after, batch],
    );
    if (!leads.rows.length) return true;
    const keys = leads.rows.map((l) => l.key);
    const touches = await db.query<{ lead_key: string; data: Touch }>(
      `select lead_key, data from touches
       where workspace_id = $1 and lead_key = any($2::text[]) and at >= $3
       order by lead_key, at, id`,
      [workspaceId, keys, since],
    );
    const byLead = new Map<string, Touch[]>();
    for (const t of touches.rows) {
      const list = byLead.get(t.lead_key);
      if (list) list.push(t.data);
      else byLead.set(t.lead_key, [t.data]);
    }
    await each(leads.rows.map((l) => ({ lead: l.data, touches: () => byLead.get(l.key) ?? [] })));
    if (leads.rows.length < batch) return true;
    after = keys[keys.length - 1]!;
  }
}

export interface RankWorkspaceOptions {
  /** Milliseconds of scoring between two pauses. */
  sliceMs?: number;
  /** Between two slices and two batches; by default, lets the requests waiting meanwhile run. */
  pause?: () => Promise<void>;
  /** Checked between batches: true stops the ranking (nothing is stored). */
  stopped?: () => boolean;
  batch?: number;
}

/**
 * Scores every lead of the workspace at `now` and stores the ranking, unless the definitions were
 * published again meanwhile (it would rank under a model the workspace no longer has). How many
 * leads the stored ranking holds, or undefined when nothing was stored (no scoring model
 * published, stopped, or outdated before it was done).
 */
export async function rankWorkspace(
  db: Db,
  workspaceId: string,
  now: number,
  {
    // Short slices: each is a wait for the lookups that arrive during it.
    sliceMs = 3,
    pause = yieldToRequests,
    stopped = () => false,
    batch = RANK_LEAD_BATCH,
  }: RankWorkspaceOptions = {},
): Promise<number | undefined> {
  const ws = await db.query<{
    version: number;
    data_generation: string;
    definitions: Definitions | null;
  }>(
    `select version, data_generation::text as data_generation, definitions
     from workspaces where id = $1`,
    [workspaceId],
  );
  const row = ws.rows[0];
  const model = row?.definitions?.scoringModel;
  if (!row || !model) return undefined;
  const totals = scoreTotals(model, row.definitions?.assets ?? [], now, { pause, sliceMs });
  const scanned = await scanWorkspace(
    db,
    workspaceId,
    contextTouchesSince(now),
    async (leads) => {
      await totals.add(leads);
      await pause();
    },
    { batch, stopped },
  );
  if (!scanned) return undefined;
  const sorted = totals.sorted();
  const json = JSON.stringify(sorted);
  const stored = await db.query<{ version: number }>(
    `insert into score_rankings as r
       (workspace_id, version, data_generation, ranked_at, leads, totals)
     select id, $2, $3, $4, $5, $6::json from workspaces where id = $1 and version = $2
     on conflict (workspace_id) do update
       set version = excluded.version, data_generation = excluded.data_generation,
           ranked_at = excluded.ranked_at, leads = excluded.leads, totals = excluded.totals
       where r.ranked_at <= excluded.ranked_at
     returning r.version`,
    [workspaceId, row.version, row.data_generation, now, sorted.length, json],
  );
  return stored.rows.length ? sorted.length : undefined;
}

/**
 * After a ranking failed, how long asks for the ranking do not start another (every rep's
 * extension asks once a minute; a failing scan of the whole workspace should not run that often).
 */
export const RANK_RETRY_MS = 10 * 60_000;

export interface RankingsOptions {
  clock?: () => number;
  log?: (line: Record<string, unknown>) => void;
}

/** The answer to GET /v1/ranking: the body as JSON text and its ETag, or 304. */
export type RankingAnswer =
  { status: 304; etag: string } | { status: 200; body: string; etag?: string };

const etagOf = (r: { version: number; dataGeneration: number; rankedAt: number }) =>
  `"r${r.version}-${r.dataGeneration}-${r.rankedAt}"`;

/**
 * The hub's rankings: answers from the stored one and starts a new one in the background when it
 * is stale (one at a time per workspace in this instance; other instances may rank the same
 * workspace meanwhile, and the later ranking is kept).
 */
export class Rankings {
  private running = new Map<string, Promise<void>>();
  /** When each workspace's last ranking failed: asks meanwhile do not start another. */
  private failedAt = new Map<string, number>();
  private stopping = false;

  constructor(
    private db: Db,
    private opts: RankingsOptions = {},
  ) {}

  private now() {
    return (this.opts.clock ?? Date.now)();
  }

  /** Starts ranking the workspace unless a ranking of it is under way; resolves when it is done. */
  refresh(workspaceId: string): Promise<void> {
    const under = this.running.get(workspaceId);
    if (under) return under;
    const started = performance.now();
    const run = rankWorkspace(this.db, workspaceId, this.now(), { stopped: () => this.stopping })
      .then((leads) => {
        if (leads !== undefined)
          this.opts.log?.({
            level: 'info',
            msg: 'ranked lead scores',
            workspace: workspaceId,
            leads,
            ms: Math.round(performance.now() - started),
          });
      })
      .catch((err: unknown) => {
        this.failedAt.set(workspaceId, this.now());
        this.opts.log?.({
          level: 'error',
          msg: 'ranking lead scores failed',
          workspace: workspaceId,
          error: String(err),
        });
      })
      .finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, run);
    return run;
  }

  /**
   * The stored ranking (304 when the caller holds it: `held` says whether its ETag was sent);
   * starts a new one when the stored one is stale.
   */
  async answer(workspaceId: string, held: (etag: string) => boolean): Promise<RankingAnswer> {
    const state = await readState(this.db, workspaceId);
    const failed = this.failedAt.get(workspaceId);
    const refreshing =
      !!state &&
      state.published &&
      !this.stopping &&
      isStale(state, this.now()) &&
      (failed === undefined || this.now() - failed >= RANK_RETRY_MS);
    try {
      return await this.stored(workspaceId, state?.ranking, held, refreshing);
    } finally {
      // Started once the answer is read: it is the ranking the state above described.
      if (refreshing) void this.refresh(workspaceId);
    }
  }

  private async stored(
    workspaceId: string,
    r: RankingState['ranking'],
    held: (etag: string) => boolean,
    refreshing: boolean,
  ): Promise<RankingAnswer> {
    const none = (): RankingAnswer => ({
      status: 200,
      body: JSON.stringify({ ranking: null, refreshing }),
    });
    if (!r) return none();
    const etag = etagOf(r);
    // The caller holds this ranking: a newer one, if one is being made, comes with a later ask.
    if (held(etag)) return { status: 304, etag };
    const totals = await this.db.query<{
      version: number;
      data_generation: string;
      ranked_at: string;
      totals: string;
    }>(
      `select version, data_generation::text as data_generation, ranked_at::text as ranked_at,
              totals::text as totals
       from score_rankings where workspace_id = $1`,
      [workspaceId],
    );
    const row = totals.rows[0];
    if (!row) return none();
    const read = {
      version: row.version,
      dataGeneration: Number(row.data_generation),
      rankedAt: Number(row.ranked_at),
    };
    return {
      status: 200,
      etag: etagOf(read),
      body: `{"ranking":{"version":${read.version},"rankedAt":${read.rankedAt},"totals":${row.totals}},"refreshing":${refreshing}}`,
    };
  }

  /** Stops the rankings under way (between two batches) and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.values());
  }

  /** Whether a ranking of the workspace is under way in this instance. */
  busy(workspaceId: string): boolean {
    return this.running.has(workspaceId);
  }

  /** Resolves once no ranking is under way (tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }
}
