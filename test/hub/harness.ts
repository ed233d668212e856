/** One hub per backend for the tests: the app called in-process, a workspace with a token per role. */
import { randomUUID } from 'node:crypto';
import type { PublishWorkspaceRequest, Role } from '../../lib/hub/api';
import { generateDemoWorkspace } from '../../lib/demo';
import type { TandemEvent } from '../../lib/model';
import { createApp, type AppOptions, type LogLine } from '../../server/app';
import { createToken, ensureWorkspace } from '../../server/auth';
import type { Db } from '../../server/db';
import { Rankings } from '../../server/ranking';

export const NOW = Date.UTC(2026, 5, 15, 12);
export const DAY = 86_400_000;

export interface Hub {
  db: Db;
  app: ReturnType<typeof createApp>;
  logs: LogLine[];
  /** The app's score rankings (to wait for one made in the background). */
  rankings: Rankings;
  request(token: string | null, method: string, path: string, init?: ReqInit): Promise<Response>;
}

export interface ReqInit {
  json?: unknown;
  body?: string;
  type?: string;
  headers?: Record<string, string>;
}

export function makeHub(db: Db, opts: Partial<AppOptions> = {}): Hub {
  const logs: LogLine[] = [];
  const log = (l: LogLine) => logs.push(l);
  const rankings = opts.rankings ?? new Rankings(db, { clock: opts.clock ?? (() => NOW), log });
  const app = createApp({
    db,
    clock: () => NOW,
    log,
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    ...opts,
    rankings,
  });
  return {
    db,
    app,
    logs,
    rankings,
    request(token, method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        headers['content-type'] = 'application/json';
      } else if (init.body !== undefined) {
        body = init.body;
        headers['content-type'] = init.type ?? 'application/x-ndjson';
      }
      return Promise.resolve(
        app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }),
      );
    },
  };
}

export interface Person {
  token: string;
  id: string;
  email: string;
  name: string;
}

export interface Workspace {
  id: string;
  admin: Person;
  marketer: Person;
  rep: Person;
  rep2: Person;
}

/** A fresh workspace (random id) with an admin, a marketer and two reps. */
export async function makeWorkspace(db: Db): Promise<Workspace> {
  const id = `ws-${randomUUID().slice(0, 8)}`;
  await ensureWorkspace(db, id, `Workspace ${id}`, NOW);
  const person = async (role: Role, name: string): Promise<Person> => {
    const email = `${name.toLowerCase()}@${id}.example`;
    const t = await createToken(db, { workspaceId: id, role, name, email }, NOW);
    return { token: t.token, id: t.id, email, name };
  };
  return {
    id,
    admin: await person('admin', 'Ada'),
    marketer: await person('marketer', 'Mia'),
    rep: await person('rep', 'Rita'),
    rep2: await person('rep', 'Ravi'),
  };
}

export function definitions(): PublishWorkspaceRequest {
  const b = generateDemoWorkspace({ now: NOW });
  return {
    personas: b.personas,
    campaigns: b.campaigns,
    assets: b.assets,
    scoringModel: b.scoringModel,
    lifecycle: b.lifecycle,
  };
}

let seq = 0;
/** A UUID v7-shaped id, unique in the run. */
export function eventId(): string {
  seq += 1;
  const hex = (NOW + seq).toString(16).padStart(12, '0');
  const rand = randomUUID().replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${rand.slice(0, 3)}-8${rand.slice(4, 7)}-${rand.slice(8, 20)}`;
}

export function usage(rep: Person, assetId: string, over: Partial<TandemEvent> = {}): TandemEvent {
  return {
    id: eventId(),
    kind: 'asset_usage',
    action: 'copied',
    assetId,
    at: NOW - DAY,
    leadKey: 'lead-1',
    rep: { name: rep.name, email: rep.email },
    ...over,
  } as TandemEvent;
}

export function feedback(rep: Person, assetId: string, note: string, at = NOW - DAY): TandemEvent {
  return {
    id: eventId(),
    kind: 'content_feedback',
    assetId,
    rating: 'useful',
    reasons: [],
    note,
    at,
    rep: { name: rep.name, email: rep.email },
  };
}

export function insight(rep: Person, text: string, tags: string[] = []): TandemEvent {
  return {
    id: eventId(),
    kind: 'field_insight',
    category: 'competitor',
    text,
    tags,
    at: NOW - DAY,
    rep: { name: rep.name, email: rep.email },
  };
}

export const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

export function touch(i: number, leadKey: string, at: number, over: Record<string, unknown> = {}) {
  return {
    id: `t-${leadKey}-${i}`,
    leadKey,
    at,
    type: 'email_opened',
    channel: 'email',
    source: 'marketo',
    sourceId: `${leadKey}-${i}`,
    ...over,
  };
}
