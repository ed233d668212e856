/** Errors, body reading within limits and zod messages: the hub's HTTP plumbing. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ErrorBody, ErrorCode } from '../lib/hub/api';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'invalid_request', message);

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** A zod error as one sentence naming the fields: `events.0.rating: Invalid option ...`. */
export function zodMessage(error: z.ZodError, prefix = ''): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return parts.join('; ') + more;
}

export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return issue
    ? { field: issue.path.map(String).join('.'), message: issue.message }
    : { field: '', message: 'invalid' };
}

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string) {
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest(`invalid ${what}: ${zodMessage(r.error)}`);
  return r.data as z.infer<S>;
}

function declaredLength(c: Context): number | undefined {
  const raw = c.req.header('content-length');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

export function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `request body exceeds the limit of ${limit} bytes`,
  );
}

/** Streams the body as text chunks, refusing it past `limit` bytes (413). */
export async function* bodyChunks(c: Context, limit: number): AsyncGenerator<string> {
  const declared = declaredLength(c);
  if (declared !== undefined && declared > limit) throw tooLarge(limit);
  const body = c.req.raw.body;
  if (!body) return;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = body.getReader();
  let seen = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.byteLength;
      if (seen > limit) throw tooLarge(limit);
      let text: string;
      try {
        text = decoder.decode(value, { stream: true });
      } catch {
        throw badRequest('request body is not valid UTF-8');
      }
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    reader.releaseLock();
  }
}

/** The JSON body, within `limit` bytes and of type application/json. */
export async function readJson(c: Context, limit: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'content-type must be application/json');
  }
  let text = '';
  for await (const chunk of bodyChunks(c, limit)) text += chunk;
  if (!text.trim()) throw badRequest('request body is empty: a JSON object is expected');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`request body is not valid JSON: ${(err as Error).message}`);
  }
  // Only text with a \u escape of NUL or a surrogate can hold either: the walk over every
  // value (an event batch has thousands) is skipped for the rest.
  const bad = mayHoldUnstorable(text) ? unstorableText(value) : null;
  if (bad) throw badRequest(`${bad.path || 'body'}: ${bad.message}`);
  return value;
}

export const NUL_MESSAGE = 'text must not contain NUL (\\u0000) characters';
export const SURROGATE_MESSAGE =
  'text must be well-formed Unicode: a lone surrogate (\\uD800-\\uDFFF) cannot be stored';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where a value holds text PostgreSQL cannot store, and why ('' for the value itself), else
 * null: a NUL character (text and JSON cannot hold it) or a lone UTF-16 surrogate (JSON.parse
 * accepts one written as an escape; PostgreSQL's JSON refuses it). Refused up front with a 400
 * naming the field rather than failing the whole statement later.
 */
export function unstorableText(
  value: unknown,
  path = '',
): { path: string; message: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\0')) return { path, message: NUL_MESSAGE };
    return LONE_SURROGATE.test(value) ? { path, message: SURROGATE_MESSAGE } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = unstorableText(v, path ? `${path}.${k}` : k);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Whether JSON text may hold what `unstorableText` refuses: in JSON both can only be written as
 * \u escapes (raw control characters are invalid, and UTF-8 input cannot carry a surrogate), so
 * text without one needs no walk over the parsed value.
 */
export function mayHoldUnstorable(json: string): boolean {
  return /\\u(?:0000|[dD][89a-fA-F])/.test(json);
}

/** Query parameters as an object (the last value of a repeated name wins). */
export function queryObject(c: Context): Record<string, string> {
  const q = c.req.query();
  const bad = unstorableText(q);
  if (bad) throw badRequest(`${bad.path}: ${bad.message}`);
  return q;
}

/** Whether an `If-None-Match` header names `etag` (weak or strong, one of a list). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
