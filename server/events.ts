/** Storing and reading the reps' events (feedback, verdicts, insights, asset usage). */
import {
  EVENTS_MAX_BATCH,
  EVENTS_PAGE_DEFAULT,
  type EventBatchResponse,
  type EventsQuery,
  type EventsResponse,
} from '../lib/hub/api';
import { TandemEvent, normalizeEmail } from '../lib/model';
import { z } from 'zod';
import type { Principal } from './auth';
import type { Db } from './db';
import { badRequest, zodMessage } from './http';

const Envelope = z.object({ events: z.array(z.unknown()) });
const AnyId = z.object({ id: z.string().max(200) });

export async function storeEvents(
  db: Db,
  who: Principal,
  body: unknown,
  now: number,
): Promise<EventBatchResponse> {
  const env = Envelope.safeParse(body);
  if (!env.success) throw badRequest(`invalid event batch: ${zodMessage(env.error)}`);
  if (env.data.events.length > EVENTS_MAX_BATCH) {
    throw badRequest(`events: at most ${EVENTS_MAX_BATCH} events per batch`);
  }
  const rejected: EventBatchResponse['rejected'] = [];
  const rows: {
    id: string;
    at: number;
    kind: string;
    rep: string;
    lead: string | null;
    data: TandemEvent;
  }[] = [];
  const seen = new Set<string>();
  env.data.events.forEach((raw, i) => {
    const parsed = TandemEvent.safeParse(raw);
    if (!parsed.success) {
      const id = AnyId.safeParse(raw);
      rejected.push({
        id: id.success ? id.data.id : '',
        message: zodMessage(parsed.error, `events.${i}`),
      });
      return;
    }
    const e = parsed.data;
    const rep = normalizeEmail(e.rep.email);
    if (who.role === 'rep' && rep !== who.email) {
      rejected.push({
        id: e.id,
        message: `events.${i}.rep.email: a rep may only send their own events (${who.email})`,
      });
      return;
    }
    // UUIDs compare case-insensitively in PostgreSQL: one row per id whatever its case.
    const id = e.id.toLowerCase();
    if (seen.has(id)) return;
    seen.add(id);
    rows.push({ id, at: e.at, kind: e.kind, rep, lead: e.leadKey ?? null, data: e });
  });
  if (rows.length) {
    await db.query(
      `insert into events (workspace_id, id, at, kind, rep_email, lead_key, received_at, data)
       select $1, (e->>'id')::uuid, (e->>'at')::bigint, e->>'kind', e->>'rep', e->>'lead', $3,
              e->'data'
       from jsonb_array_elements($2::jsonb) as e
       on conflict (workspace_id, id) do nothing`,
      [who.workspaceId, JSON.stringify(rows), now],
    );
  }
  return { acknowledged: rows.map((r) => r.data.id), rejected };
}

function encodeCursor(at: number, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !/^\d+$/.test(at) || !id || !z.uuid().safeParse(id).success) {
    throw badRequest('cursor: not a cursor this hub gave');
  }
  return { at: Number(at), id };
}

/** Another rep's event as a rep may see it: without the note (field insights are left out). */
function redact(e: TandemEvent): TandemEvent {
  if ('note' in e) {
    const { note: _note, ...rest } = e;
    return rest as TandemEvent;
  }
  return e;
}

export async function listEvents(db: Db, who: Principal, q: EventsQuery): Promise<EventsResponse> {
  const limit = q.limit ?? EVENTS_PAGE_DEFAULT;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const r = await db.query<{ at: string; id: string; data: TandemEvent; rep_email: string }>(
    `select at::text as at, id::text as id, data, rep_email from events
     where workspace_id = $1
       and at >= $2 and at < $3
       and ($4::text is null or kind = $4)
       and ($5::bigint is null or (at, id) > ($5, $6::uuid))
       and ($7::text is null or kind <> 'field_insight' or rep_email = $7)
     order by at, id
     limit $8`,
    [
      who.workspaceId,
      q.since ?? 0,
      q.until ?? Number.MAX_SAFE_INTEGER,
      q.kind ?? null,
      after?.at ?? null,
      after?.id ?? null,
      who.role === 'rep' ? who.email : null,
      limit + 1,
    ],
  );
  const more = r.rows.length > limit;
  const page = more ? r.rows.slice(0, limit) : r.rows;
  const last = page.at(-1);
  return {
    events: page.map((row) =>
      who.role === 'rep' && row.rep_email !== who.email ? redact(row.data) : row.data,
    ),
    nextCursor: more && last ? encodeCursor(Number(last.at), last.id) : null,
  };
}
