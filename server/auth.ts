/**
 * API tokens: one per person, 32 random bytes shown once, stored as their SHA-256. A request's
 * token is hashed and looked up by that hash, then compared in constant time; a short cache
 * spares the database the lookup on every request (a revoke on this instance clears it).
 */
import * as crypto from 'node:crypto';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role } from '../lib/hub/api';
import type { Db, Queryable } from './db';
import type { RateLimitOptions } from './ratelimit';

export interface Principal {
  tokenId: string;
  workspaceId: string;
  role: Role;
  name: string;
  /** Lower case. */
  email: string;
  /** The token's own rate limit, when it was given one; else the hub's applies. */
  rateLimit?: RateLimitOptions;
}

const TOKEN_PREFIX = 'tdm_';
const CACHE_MS = 10_000;
const CACHE_MAX = 10_000;

export function hashToken(token: string): string {
  // The one-shot form (Node 20.12+) costs half of a Hash object per request.
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', token, 'hex')
    : createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export async function ensureWorkspace(q: Queryable, id: string, name: string, now: number) {
  await q.query(
    `insert into workspaces (id, name, updated_at) values ($1, $2, $3)
     on conflict (id) do nothing`,
    [id, name, now],
  );
}

export async function createToken(
  q: Queryable,
  input: {
    workspaceId: string;
    role: Role;
    name: string;
    email: string;
    /** Its own rate limit (a bulk-loading service, say); the hub's when absent. */
    rateLimit?: RateLimitOptions;
  },
  now: number,
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const id = randomUUID();
  await q.query(
    `insert into api_tokens
       (id, workspace_id, token_hash, role, name, email, created_at, rate_per_s, rate_burst)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      input.workspaceId,
      hashToken(token),
      input.role,
      input.name,
      input.email.trim(),
      now,
      input.rateLimit?.perSecond ?? null,
      input.rateLimit?.burst ?? null,
    ],
  );
  return { id, token };
}

interface TokenRow {
  id: string;
  workspace_id: string;
  token_hash: string;
  role: Role;
  name: string;
  email: string;
  rate_per_s: number | null;
  rate_burst: number | null;
}

export class TokenVerifier {
  private cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private db: Db,
    private clock: () => number = Date.now,
  ) {}

  /** The token's owner, or null for an unknown, revoked or malformed token. */
  async verify(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const hash = hashToken(token);
    const now = this.clock();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const r = await this.db.query<TokenRow>(
      `select id, workspace_id, token_hash, role, name, email, rate_per_s, rate_burst
       from api_tokens where token_hash = $1 and revoked_at is null`,
      [hash],
      { prepare: 'verify_token' },
    );
    const row = r.rows[0];
    const principal =
      row && timingSafeEqual(Buffer.from(row.token_hash, 'hex'), Buffer.from(hash, 'hex'))
        ? {
            tokenId: row.id,
            workspaceId: row.workspace_id,
            role: row.role,
            name: row.name,
            email: row.email.toLowerCase(),
            ...(row.rate_per_s !== null && row.rate_burst !== null
              ? { rateLimit: { perSecond: row.rate_per_s, burst: row.rate_burst } }
              : {}),
          }
        : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { principal, until: now + CACHE_MS });
    return principal;
  }

  forget(tokenId: string) {
    for (const [hash, entry] of this.cache) {
      if (entry.principal?.tokenId === tokenId) this.cache.delete(hash);
    }
  }
}
