/**
 * The hub's HTTP application (Hono): middleware (request id and log line, CORS, auth, rate
 * limit, errors) and the routes of lib/hub/api.ts. No listening here: main.ts serves it, the
 * tests call it directly.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  AggregatesQuery,
  CreateTokenRequest,
  CSV_TYPE,
  EventsQuery,
  HUB_PATHS,
  LeadContextQuery,
  NDJSON_TYPE,
  PublishWorkspaceRequest,
  type CreateTokenResponse,
  type MeResponse,
  type ReadyResponse,
  type RevokeTokenResponse,
  type Role,
  type TokenListResponse,
} from '../lib/hub/api';
import { createToken, TokenVerifier, type Principal } from './auth';
import type { Db } from './db';
import { listEvents, storeEvents } from './events';
import {
  bodyChunks,
  errorBody,
  etagMatches,
  HttpError,
  parseOr400,
  queryObject,
  readJson,
} from './http';
import { ingestLeads, ingestTouches } from './ingest';
import { appliedVersion, latestMigration } from './migrate';
import { openApiDocument } from './openapi';
import {
  aggregates,
  DefinitionsCache,
  LeadContextLoader,
  publishedVersion,
  publishWorkspace,
} from './queries';
import { Rankings } from './ranking';
import { RateLimiter, type RateLimitOptions } from './ratelimit';

export interface Limits {
  /** JSON bodies (events, tokens). */
  jsonBytes: number;
  /** Published definitions. */
  workspaceBytes: number;
  /** Streamed NDJSON / CSV ingestion. */
  ingestBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  jsonBytes: 4 * 1024 * 1024,
  workspaceBytes: 16 * 1024 * 1024,
  ingestBytes: 2 * 1024 * 1024 * 1024,
};

export type LogLine = Record<string, unknown>;

export interface AppOptions {
  db: Db;
  limits?: Partial<Limits>;
  rateLimit?: RateLimitOptions;
  /** One JSON object per line; stdout by default. */
  log?: (line: LogLine) => void;
  clock?: () => number;
  /** False while shutting down: /ready answers 503 so the load balancer stops sending. */
  accepting?: () => boolean;
  /** Lead-context statements in flight at once (see LeadContextLoader); the pool's size if unset. */
  lookupStatements?: number;
  /** Score rankings (server/ranking.ts); made here when unset. Its owner stops it on shutdown. */
  rankings?: Rankings;
}

type Env = { Variables: { who: Principal; requestId: string } };

/** Extension pages only: Chrome and Firefox extension origins, never a wildcard. */
const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const CORS_METHODS = 'GET,POST,PUT,DELETE,OPTIONS';
const CORS_HEADERS = 'Authorization,Content-Type,If-None-Match,X-Request-Id';
const CORS_EXPOSE = 'ETag,Retry-After,X-Request-Id';

/**
 * Log lines to stdout, gathered and written once per turn of the event loop: under load that is
 * one write for many requests instead of a system call each.
 */
export function stdoutLog(): (line: LogLine) => void {
  let pending = '';
  const flush = () => {
    const out = pending;
    pending = '';
    if (out) process.stdout.write(out);
  };
  return (line) => {
    if (!pending) setImmediate(flush);
    pending += JSON.stringify(line) + '\n';
    if (pending.length > 1 << 16) flush();
  };
}

export function createApp(opts: AppOptions) {
  const { db } = opts;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const clock = opts.clock ?? Date.now;
  const log = opts.log ?? stdoutLog();
  const tokens = new TokenVerifier(db, clock);
  const limiter = new RateLimiter(opts.rateLimit ?? { perSecond: 50, burst: 200 }, clock);
  const latest = latestMigration();
  const definitions = new DefinitionsCache();
  const contexts = new LeadContextLoader(db, opts.lookupStatements ?? db.concurrency);
  const rankings = opts.rankings ?? new Rankings(db, { clock, log });
  const app = new Hono<Env>();

  // Every header is set before the handler runs: a header added to a response already made
  // would make Hono rebuild it around a stream body, which costs more than the request itself.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && EXTENSION_ORIGIN.test(origin);
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', CORS_EXPOSE);
    }
    if (c.req.method === 'OPTIONS') {
      // A preflight: answered here, for extension origins only (others get no CORS headers).
      if (allowed) {
        c.header('Access-Control-Allow-Methods', CORS_METHODS);
        c.header('Access-Control-Allow-Headers', CORS_HEADERS);
        c.header('Access-Control-Max-Age', '600');
      }
      c.res = c.body(null, 204);
    } else {
      await next();
    }
    // The path only: query strings carry emails, and the token is in a header never logged.
    const who = c.get('who');
    log({
      t: new Date(clock()).toISOString(),
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
      ...(who ? { workspace: who.workspaceId, tokenId: who.tokenId } : {}),
    });
  });

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(errorBody(err.code, err.message), err.status as 400);
    }
    log({
      t: new Date(clock()).toISOString(),
      level: 'error',
      msg: 'unhandled error',
      requestId: c.get('requestId'),
      error: err instanceof Error ? err.message : String(err),
    });
    return c.json(errorBody('internal', 'internal error; see the hub log'), 500);
  });

  app.notFound((c) =>
    c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404),
  );

  // --- Open endpoints ---------------------------------------------------------------------------
  app.get(HUB_PATHS.health, (c) => c.json({ status: 'ok' as const }));
  app.get(HUB_PATHS.ready, async (c) => {
    if (opts.accepting && !opts.accepting()) {
      return c.json<ReadyResponse>({ status: 'not_ready', reason: 'shutting down' }, 503);
    }
    const v = await appliedVersion(db);
    if (v === null)
      return c.json<ReadyResponse>({ status: 'not_ready', reason: 'database unreachable' }, 503);
    if (v < latest) {
      return c.json<ReadyResponse>(
        { status: 'not_ready', migration: v, reason: `migrations pending (${v} of ${latest})` },
        503,
      );
    }
    return c.json<ReadyResponse>({ status: 'ready', migration: v });
  });
  let openapi: unknown;
  app.get(HUB_PATHS.openapi, (c) => c.json((openapi ??= openApiDocument())));

  // --- Auth and rate limit for everything under /v1 ------------------------------------------
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) {
      throw new HttpError(401, 'unauthorized', 'missing Authorization: Bearer <token> header');
    }
    const who = await tokens.verify(m[1]!);
    if (!who) throw new HttpError(401, 'unauthorized', 'unknown or revoked token');
    c.set('who', who);
    const wait = limiter.take(who.tokenId, who.rateLimit);
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', `too many requests; retry in ${wait} s`, {
        'Retry-After': String(wait),
      });
    }
    return next();
  });

  const allow = (c: Context<Env>, ...roles: Role[]): Principal => {
    const who = c.get('who');
    if (!roles.includes(who.role)) {
      throw new HttpError(
        403,
        'forbidden',
        `this needs the role ${roles.join(' or ')}; yours is ${who.role}`,
      );
    }
    return who;
  };

  app.get(HUB_PATHS.me, (c) => {
    const who = c.get('who');
    return c.json<MeResponse>({
      workspaceId: who.workspaceId,
      tokenId: who.tokenId,
      role: who.role,
      name: who.name,
      email: who.email,
    });
  });

  // --- Workspace definitions --------------------------------------------------------------------
  app.get(HUB_PATHS.workspace, async (c) => {
    const who = c.get('who');
    const version = await publishedVersion(db, who.workspaceId);
    if (version === null) throw new HttpError(404, 'not_found', 'workspace not found');
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Authorization', { append: true });
    if (version > 0 && etagMatches(c.req.header('if-none-match'), `"v${version}"`)) {
      c.header('ETag', `"v${version}"`);
      return c.body(null, 304);
    }
    const defs = await definitions.get(db, who.workspaceId, version);
    c.header('ETag', `"v${defs.version}"`);
    c.header('content-type', 'application/json');
    return c.body(defs.body);
  });

  app.put(HUB_PATHS.workspace, async (c) => {
    const who = allow(c, 'admin', 'marketer');
    const body = parseOr400(
      PublishWorkspaceRequest,
      await readJson(c, limits.workspaceBytes),
      'workspace',
    );
    const out = await publishWorkspace(db, who.workspaceId, body, clock());
    c.header('ETag', `"v${out.version}"`);
    return c.json(out);
  });

  // --- Bulk ingestion ---------------------------------------------------------------------------
  const ingestFormat = (c: Context<Env>, csv: boolean): 'ndjson' | 'csv' => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (type.startsWith(NDJSON_TYPE)) return 'ndjson';
    if (csv && type.startsWith(CSV_TYPE)) return 'csv';
    throw new HttpError(
      415,
      'unsupported_media_type',
      `content-type must be ${NDJSON_TYPE}${csv ? ` or ${CSV_TYPE}` : ''}`,
    );
  };

  app.post(HUB_PATHS.touches, async (c) => {
    const who = allow(c, 'admin', 'marketer');
    const format = ingestFormat(c, true);
    return c.json(
      await ingestTouches(db, who.workspaceId, bodyChunks(c, limits.ingestBytes), format),
    );
  });

  app.post(HUB_PATHS.leads, async (c) => {
    const who = allow(c, 'admin', 'marketer');
    ingestFormat(c, false);
    return c.json(await ingestLeads(db, who.workspaceId, bodyChunks(c, limits.ingestBytes)));
  });

  // --- Lead context -----------------------------------------------------------------------------
  app.get(HUB_PATHS.leadContext, async (c) => {
    const who = c.get('who');
    const q = parseOr400(LeadContextQuery, queryObject(c), 'query');
    c.header('content-type', 'application/json');
    return c.body(await contexts.get(who.workspaceId, q, clock()));
  });

  // --- Score ranking ----------------------------------------------------------------------------
  app.get(HUB_PATHS.ranking, async (c) => {
    const who = c.get('who');
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Authorization', { append: true });
    const answer = await rankings.answer(who.workspaceId, (etag) =>
      etagMatches(c.req.header('if-none-match'), etag),
    );
    if (answer.etag) c.header('ETag', answer.etag);
    if (answer.status === 304) return c.body(null, 304);
    c.header('content-type', 'application/json');
    return c.body(answer.body);
  });

  // --- Events -----------------------------------------------------------------------------------
  app.post(HUB_PATHS.events, async (c) => {
    const who = c.get('who');
    return c.json(await storeEvents(db, who, await readJson(c, limits.jsonBytes), clock()));
  });

  app.get(HUB_PATHS.events, async (c) => {
    const who = c.get('who');
    const q = parseOr400(EventsQuery, queryObject(c), 'query');
    return c.json(await listEvents(db, who, q));
  });

  app.get(HUB_PATHS.aggregates, async (c) => {
    const who = allow(c, 'admin', 'marketer');
    const q = parseOr400(AggregatesQuery, queryObject(c), 'query');
    return c.json(await aggregates(db, who.workspaceId, q, clock()));
  });

  // --- Tokens -----------------------------------------------------------------------------------
  app.post(HUB_PATHS.tokens, async (c) => {
    const who = allow(c, 'admin');
    const body = parseOr400(CreateTokenRequest, await readJson(c, limits.jsonBytes), 'token');
    const out = await createToken(db, { workspaceId: who.workspaceId, ...body }, clock());
    return c.json<CreateTokenResponse>(out, 201);
  });

  app.get(HUB_PATHS.tokens, async (c) => {
    const who = allow(c, 'admin');
    const r = await db.query<{
      id: string;
      name: string;
      email: string;
      role: Role;
      created_at: string;
      revoked_at: string | null;
    }>(
      `select id::text as id, name, email, role, created_at::text as created_at,
              revoked_at::text as revoked_at
       from api_tokens where workspace_id = $1 order by created_at, id`,
      [who.workspaceId],
    );
    return c.json<TokenListResponse>({
      tokens: r.rows.map((t) => ({
        id: t.id,
        name: t.name,
        email: t.email,
        role: t.role,
        createdAt: Number(t.created_at),
        revokedAt: t.revoked_at === null ? null : Number(t.revoked_at),
      })),
    });
  });

  app.delete(`${HUB_PATHS.tokens}/:id`, async (c) => {
    const who = allow(c, 'admin');
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new HttpError(404, 'not_found', 'token not found');
    const r = await db.query<{ id: string }>(
      `update api_tokens set revoked_at = coalesce(revoked_at, $3)
       where workspace_id = $1 and id = $2::uuid returning id::text as id`,
      [who.workspaceId, id, clock()],
    );
    if (!r.rows[0]) throw new HttpError(404, 'not_found', 'token not found');
    tokens.forget(r.rows[0].id);
    return c.json<RevokeTokenResponse>({ id: r.rows[0].id, revoked: true });
  });

  return app;
}
