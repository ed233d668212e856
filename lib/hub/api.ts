/**
 * The team hub's HTTP contract: every request and response as a zod schema, shared by the hub
 * (server/) and the extension. Pure: no Node or browser API, so the extension can import it.
 *
 * Conventions:
 * - Every request but the health, readiness and OpenAPI endpoints carries
 *   `Authorization: Bearer <token>`. Missing or unknown token: 401; a role that may not do
 *   this: 403; another workspace's data is never visible (it does not exist for the caller).
 * - Errors are `ErrorBody`; `message` names the offending field where there is one.
 * - Times are epoch milliseconds (UTC), as everywhere in the model.
 */
import { z } from 'zod';
import {
  Asset,
  Campaign,
  CrmId,
  Email,
  EpochMs,
  Id,
  Lead,
  Lifecycle,
  ObjectType,
  Persona,
  ScoringModel,
  ShortText,
  TandemEvent,
  Touch,
} from '../model';
import { DashboardData, TimeZone } from '../dashboard/schema';

/** Paths, relative to the hub's base URL. */
export const HUB_PATHS = {
  health: '/health',
  ready: '/ready',
  openapi: '/openapi.json',
  me: '/v1/me',
  workspace: '/v1/workspace',
  touches: '/v1/touches',
  leads: '/v1/leads',
  leadContext: '/v1/leads/context',
  ranking: '/v1/ranking',
  events: '/v1/events',
  aggregates: '/v1/aggregates',
  tokens: '/v1/tokens',
} as const;

/** Most events one `POST /v1/events` may carry. */
export const EVENTS_MAX_BATCH = 500;
/** Most rejected lines an ingest response lists (the count is in `received - inserted - duplicates`). */
export const INGEST_REJECTED_SHOWN = 1000;
/** Default and largest page of `GET /v1/events`. */
export const EVENTS_PAGE_DEFAULT = 1000;
export const EVENTS_PAGE_MAX = 5000;
/** How far back `GET /v1/leads/context` returns touches. */
export const CONTEXT_TOUCH_DAYS = 365;
/** The oldest touch time a lead context carries at `now` (the hub ranks over the same touches). */
export const contextTouchesSince = (now: number) => now - CONTEXT_TOUCH_DAYS * 86_400_000;

/** Content types the ingest endpoints accept. */
export const NDJSON_TYPE = 'application/x-ndjson';
export const CSV_TYPE = 'text/csv';

// ---------------------------------------------------------------------------------------------
// Common

export const Role = z.enum(['admin', 'marketer', 'rep']);
export type Role = z.infer<typeof Role>;

export const ErrorCode = z.enum([
  'unauthorized',
  'forbidden',
  'not_found',
  'not_published',
  'invalid_request',
  'unsupported_media_type',
  'payload_too_large',
  'conflict',
  'rate_limited',
  'not_ready',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const HealthResponse = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ReadyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  /** Latest migration applied to the database. */
  migration: z.number().int().nonnegative().optional(),
  reason: z.string().optional(),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;

/** `GET /v1/me`: who the token belongs to (the options page shows it after connecting). */
export const MeResponse = z.object({
  workspaceId: Id,
  tokenId: z.uuid(),
  role: Role,
  name: ShortText,
  email: Email,
});
export type MeResponse = z.infer<typeof MeResponse>;

// ---------------------------------------------------------------------------------------------
// Workspace definitions

/** What an admin or marketer publishes (`PUT /v1/workspace`). */
export const PublishWorkspaceRequest = z.object({
  /** Display name of the workspace; kept as it was when absent. */
  name: ShortText.min(1).optional(),
  personas: z.array(Persona),
  campaigns: z.array(Campaign),
  assets: z.array(Asset),
  scoringModel: ScoringModel,
  lifecycle: Lifecycle,
  /**
   * Optimistic concurrency: when given, the publish succeeds only if the hub's current version
   * is this one (409 `conflict` otherwise), so two admins do not overwrite each other unseen.
   */
  baseVersion: z.number().int().nonnegative().optional(),
});
export type PublishWorkspaceRequest = z.infer<typeof PublishWorkspaceRequest>;
export type PublishWorkspaceRequestInput = z.input<typeof PublishWorkspaceRequest>;

/**
 * `GET /v1/workspace`: the published definitions (a `WorkspaceBundle` without leads, touches
 * and events). Sent with `ETag`; `If-None-Match` with it answers 304 when nothing changed.
 * 404 `not_published` before the first publish.
 */
export const WorkspaceDefinitionsResponse = z.object({
  workspace: z.object({ id: Id, name: ShortText }),
  /** Bumped by every publish, starting at 1. */
  version: z.number().int().positive(),
  /** When it was published. */
  updatedAt: EpochMs,
  personas: z.array(Persona),
  campaigns: z.array(Campaign),
  assets: z.array(Asset),
  scoringModel: ScoringModel,
  lifecycle: Lifecycle,
});
export type WorkspaceDefinitionsResponse = z.infer<typeof WorkspaceDefinitionsResponse>;

export const PublishWorkspaceResponse = z.object({
  version: z.number().int().positive(),
  updatedAt: EpochMs,
});
export type PublishWorkspaceResponse = z.infer<typeof PublishWorkspaceResponse>;

// ---------------------------------------------------------------------------------------------
// Touches and leads ingestion

/**
 * `POST /v1/touches` (admin, marketer): NDJSON (one `Touch` per line) or CSV (a header row of
 * `Touch` field names: id, leadKey, at, type, channel, campaignId, assetId, detail, url, source,
 * sourceId, botSuspect; `at` as epoch ms or an ISO date). Idempotent: a touch whose id, or whose
 * (source, sourceId), is already stored counts as a duplicate.
 *
 * `POST /v1/leads` (admin, marketer): NDJSON, one `Lead` per line. A lead whose key is stored is
 * replaced when the line's `updatedAt` is not older (counted in `updated`), else a duplicate.
 */
export const RejectedLine = z.object({
  /** 1-based line number in the body (the CSV header is line 1). */
  line: z.number().int().positive(),
  /** Path of the offending field (`at`, `crmRefs.0.tenant`), or '' for the whole line. */
  field: z.string(),
  message: z.string(),
});
export type RejectedLine = z.infer<typeof RejectedLine>;

export const IngestResponse = z.object({
  /** Non-empty data lines read. */
  received: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  /** Leads only: stored leads replaced by a newer version. */
  updated: z.number().int().nonnegative().optional(),
  duplicates: z.number().int().nonnegative(),
  /** The first INGEST_REJECTED_SHOWN rejected lines. */
  rejected: z.array(RejectedLine),
  rejectedTotal: z.number().int().nonnegative(),
});
export type IngestResponse = z.infer<typeof IngestResponse>;

// ---------------------------------------------------------------------------------------------
// Lead context

/**
 * `GET /v1/leads/context` (any role): by CRM record (`crm`, `tenant`, `objectType`, `recordId`
 * all four) or by `email`; when both are given the record wins and the email is the fallback.
 */
export const LeadContextQuery = z
  .object({
    crm: CrmId.optional(),
    tenant: z.string().min(1).max(200).optional(),
    objectType: ObjectType.optional(),
    recordId: z.string().min(1).max(200).optional(),
    email: Email.optional(),
  })
  .strict()
  .refine(
    (q) => {
      const record = [q.crm, q.tenant, q.objectType, q.recordId].filter((v) => v !== undefined);
      return record.length === 4 || (record.length === 0 && q.email !== undefined);
    },
    { message: 'give crm, tenant, objectType and recordId together, or email' },
  );
export type LeadContextQuery = z.infer<typeof LeadContextQuery>;

export const LeadContextResponse = z.object({
  lead: Lead.nullable(),
  /** The lead's touches of the last CONTEXT_TOUCH_DAYS days, oldest first. */
  touches: z.array(Touch),
  /** Version of the published definitions (0 before the first publish). */
  workspaceVersion: z.number().int().nonnegative(),
});
export type LeadContextResponse = z.infer<typeof LeadContextResponse>;

// ---------------------------------------------------------------------------------------------
// Score ranking

/**
 * `GET /v1/ranking` (any role): every lead's score total in the workspace, ascending, as the
 * hub ranked them under the published definitions `version` at `rankedAt`, each lead scored over
 * its touches of the last CONTEXT_TOUCH_DAYS days (what a lead context carries), so a lead's
 * standing is its own total searched among them. Answers with an `ETag`; `If-None-Match` with it
 * gives 304 while the ranking is the same. The hub ranks again, in the background, when asked
 * while its ranking is missing or stale (definitions published or leads or touches loaded since,
 * or older than 20 hours): `refreshing` says so, and `ranking` is the previous one meanwhile
 * (null before the first).
 */
export const ScoreRankingResponse = z.object({
  ranking: z
    .object({
      version: z.number().int().positive(),
      rankedAt: EpochMs,
      totals: z.array(z.number()),
    })
    .nullable(),
  refreshing: z.boolean(),
});
export type ScoreRankingResponse = z.infer<typeof ScoreRankingResponse>;

// ---------------------------------------------------------------------------------------------
// Events

/**
 * `POST /v1/events` (any role; a rep only with `rep.email` their own). Each event is checked on
 * its own: bad ones are listed in `rejected`, the others stored. Idempotent by event id: an id
 * already stored is acknowledged again and not counted twice.
 */
export const EventBatchRequest = z.object({
  events: z.array(TandemEvent).max(EVENTS_MAX_BATCH),
});
export type EventBatchRequest = z.infer<typeof EventBatchRequest>;
export type EventBatchRequestInput = z.input<typeof EventBatchRequest>;

export const EventBatchResponse = z.object({
  /** Every id now stored, including the ones that were already there. */
  acknowledged: z.array(z.string()),
  /** `id` is '' when the event had no readable id. */
  rejected: z.array(z.object({ id: z.string(), message: z.string() })),
});
export type EventBatchResponse = z.infer<typeof EventBatchResponse>;

const QueryEpoch = z.coerce.number().pipe(EpochMs);

/**
 * `GET /v1/events` (any role). `since` inclusive and `until` exclusive on the event's own time
 * `at`; pages of `limit` events ordered by (at, id), the next page through `cursor`.
 * Admins and marketers get every event. A rep gets their own events whole, other reps' events
 * without `note`, and not other reps' field insights (their text is the whole insight).
 */
export const EventsQuery = z
  .object({
    since: QueryEpoch.optional(),
    until: QueryEpoch.optional(),
    kind: z.enum(['content_feedback', 'lead_verdict', 'field_insight', 'asset_usage']).optional(),
    limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).optional(),
    /** `nextCursor` of the previous page. */
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type EventsQuery = z.infer<typeof EventsQuery>;

export const EventsResponse = z.object({
  events: z.array(TandemEvent),
  /** Present when more events follow: pass it as `cursor`. */
  nextCursor: z.string().nullable(),
});
export type EventsResponse = z.infer<typeof EventsResponse>;

// ---------------------------------------------------------------------------------------------
// Aggregates

/**
 * `GET /v1/aggregates` (admin, marketer): the dashboard's numbers over the whole team, the same
 * `DashboardData` the local source produces, with `source: 'hub'`.
 */
export const AggregatesQuery = z
  .object({
    from: QueryEpoch.optional(),
    to: QueryEpoch.optional(),
    campaignId: Id.optional(),
    tz: TimeZone.default('UTC'),
    /** Words every field insight shown must contain. */
    q: z.string().trim().max(200).optional(),
  })
  .strict();
export type AggregatesQuery = z.infer<typeof AggregatesQuery>;

export const AggregatesResponse = DashboardData;
export type AggregatesResponse = z.infer<typeof AggregatesResponse>;

// ---------------------------------------------------------------------------------------------
// Tokens (admin)

export const CreateTokenRequest = z
  .object({ name: ShortText.min(1), email: Email, role: Role })
  .strict();
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const CreateTokenResponse = z.object({
  /** Shown once: the hub keeps only its hash. */
  token: z.string(),
  id: z.uuid(),
});
export type CreateTokenResponse = z.infer<typeof CreateTokenResponse>;

export const TokenInfo = z.object({
  id: z.uuid(),
  name: ShortText,
  email: Email,
  role: Role,
  createdAt: EpochMs,
  revokedAt: EpochMs.nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** `GET /v1/tokens` (admin): the workspace's tokens, without secrets. */
export const TokenListResponse = z.object({ tokens: z.array(TokenInfo) });
export type TokenListResponse = z.infer<typeof TokenListResponse>;

/** `DELETE /v1/tokens/:id` (admin): revoked at once; 404 for an unknown id. */
export const RevokeTokenResponse = z.object({ id: z.uuid(), revoked: z.literal(true) });
export type RevokeTokenResponse = z.infer<typeof RevokeTokenResponse>;
