/**
 * The extension's client of the team hub: one method per endpoint it uses, every response
 * checked against the shared contract (./api). Nothing here runs unless the user configured a
 * hub; nothing is sent anywhere else.
 */
import type { z } from 'zod';
import type { HubConfig, TandemEvent } from '../model';
import {
  AggregatesResponse,
  ErrorBody,
  EVENTS_MAX_BATCH,
  EventBatchResponse,
  HUB_PATHS,
  LeadContextResponse,
  MeResponse,
  ScoreRankingResponse,
  WorkspaceDefinitionsResponse,
  type AggregatesQuery,
  type LeadContextQuery,
} from './api';

type AggregatesQueryInput = z.input<typeof AggregatesQuery>;

export class HubError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the hub could not be reached. */
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
  /** Worth trying again later (network, overload, server error), not a refusal. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

type Fetch = typeof fetch;

export interface HubClientOptions {
  fetch?: Fetch;
  /** Per-request time limit. */
  timeoutMs?: number;
}

export class HubClient {
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;

  constructor(
    readonly config: HubConfig,
    opts: HubClientOptions = {},
  ) {
    this.fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  private async request<S extends z.ZodType>(
    path: string,
    schema: S,
    init: RequestInit & { query?: Record<string, string | undefined>; etag?: string } = {},
  ): Promise<{ status: number; body?: z.infer<S>; etag?: string }> {
    const url = new URL(this.config.url + path);
    for (const [k, v] of Object.entries(init.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, v);
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.config.token}`);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    if (init.etag) headers.set('if-none-match', init.etag);
    let res: Response;
    try {
      res = await this.fetch(url.href, {
        ...init,
        headers,
        signal: init.signal ?? AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new HubError(`the hub at ${this.config.url} could not be reached (${messageOf(e)})`, 0);
    }
    if (res.status === 304) return { status: 304 };
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new HubError(
        `the hub answered ${res.status} with something that is not JSON`,
        res.status,
      );
    }
    if (!res.ok) {
      const err = ErrorBody.safeParse(json);
      throw new HubError(
        err.success ? err.data.error.message : `the hub answered ${res.status}`,
        res.status,
        err.success ? err.data.error.code : undefined,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HubError(
        `the hub's answer to ${path} is not what Tandem expects (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
        res.status,
      );
    }
    return { status: res.status, body: parsed.data, etag: res.headers.get('etag') ?? undefined };
  }

  /** Who the token belongs to. */
  async me(): Promise<MeResponse> {
    return (await this.request(HUB_PATHS.me, MeResponse)).body!;
  }

  /** The published definitions, or `null` when they did not change since `etag`. */
  async workspace(
    etag?: string,
  ): Promise<{ definitions: WorkspaceDefinitionsResponse; etag?: string } | null> {
    const r = await this.request(HUB_PATHS.workspace, WorkspaceDefinitionsResponse, { etag });
    return r.status === 304 ? null : { definitions: r.body!, etag: r.etag };
  }

  async leadContext(query: LeadContextQuery, signal?: AbortSignal): Promise<LeadContextResponse> {
    const q = Object.fromEntries(
      Object.entries(query).map(([k, v]) => [k, v as string | undefined]),
    );
    return (await this.request(HUB_PATHS.leadContext, LeadContextResponse, { query: q, signal }))
      .body!;
  }

  /** Every lead's score ranked by the hub, or `null` when it is still the one `etag` names. */
  async ranking(etag?: string): Promise<(ScoreRankingResponse & { etag?: string }) | null> {
    const r = await this.request(HUB_PATHS.ranking, ScoreRankingResponse, { etag });
    return r.status === 304 ? null : { ...r.body!, etag: r.etag };
  }

  /** The dashboard's numbers over the whole team (admins and marketers). */
  async aggregates(query: AggregatesQueryInput): Promise<AggregatesResponse> {
    const q: Record<string, string | undefined> = {
      from: query.from?.toString(),
      to: query.to?.toString(),
      campaignId: query.campaignId,
      tz: query.tz,
      q: query.q,
    };
    return (await this.request(HUB_PATHS.aggregates, AggregatesResponse, { query: q })).body!;
  }

  /** Sends events in batches; resolves with every id the hub acknowledged. */
  async postEvents(
    events: TandemEvent[],
  ): Promise<{ acknowledged: string[]; rejected: { id: string; message: string }[] }> {
    const acknowledged: string[] = [];
    const rejected: { id: string; message: string }[] = [];
    for (let i = 0; i < events.length; i += EVENTS_MAX_BATCH) {
      const batch = events.slice(i, i + EVENTS_MAX_BATCH);
      const r = await this.request(HUB_PATHS.events, EventBatchResponse, {
        method: 'POST',
        body: JSON.stringify({ events: batch }),
      });
      acknowledged.push(...r.body!.acknowledged);
      rejected.push(...r.body!.rejected);
    }
    return { acknowledged, rejected };
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
