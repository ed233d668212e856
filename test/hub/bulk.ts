/**
 * Bulk loading of touches in chunks: straight into the table while nothing conflicts, through
 * staging and `on conflict do nothing` from the first chunk that does; what is stored for a line.
 * Run per backend by hub.test.ts.
 */
import { expect, it } from 'vitest';
import { IngestResponse, LeadContextResponse } from '../../lib/hub/api';
import { Touch } from '../../lib/model';
import { badRequest } from '../../server/http';
import { ingestTouches } from '../../server/ingest';
import { makeWorkspace, ndjson, NOW, DAY, touch, type Hub } from './harness';

async function* once(text: string) {
  yield text;
}

async function storedIds(h: Hub, workspaceId: string): Promise<string[]> {
  const r = await h.db.query<{ id: string }>(
    'select id from touches where workspace_id = $1 order by id',
    [workspaceId],
  );
  return r.rows.map((row) => row.id);
}

export function bulkSuite(hub: () => Hub) {
  it('loads chunk by chunk, and from the first chunk that repeats a touch skips duplicates', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const rows = [1, 2, 3, 4, 5, 6, 7].map((i) => touch(i, 'L1', NOW - i * DAY));
    // Line 6 is line 1 again under its id (its detail differs): the first one stays.
    rows[5] = { ...rows[0]!, sourceId: 'other', detail: 'second copy' } as (typeof rows)[0];
    const first = await ingestTouches(h.db, ws.id, once(ndjson(rows)), 'ndjson', 2);
    expect(first).toMatchObject({ received: 7, inserted: 6, duplicates: 1, rejectedTotal: 0 });
    const ids = await storedIds(h, ws.id);
    expect(ids).toEqual(['t-L1-1', 't-L1-2', 't-L1-3', 't-L1-4', 't-L1-5', 't-L1-7'].sort());
    const kept = await h.db.query<{ detail: string | null }>(
      `select data->>'detail' as detail from touches where workspace_id = $1 and id = 't-L1-1'`,
      [ws.id],
    );
    expect(kept.rows[0]!.detail).toBeNull();

    // New rows around stored ones: each stored once, the counts say which were new.
    const more = [8, 1, 9, 2, 10].map((i) => touch(i, 'L1', NOW - i * DAY));
    const second = await ingestTouches(h.db, ws.id, once(ndjson(more)), 'ndjson', 2);
    expect(second).toMatchObject({ received: 5, inserted: 3, duplicates: 2 });
    expect(await storedIds(h, ws.id)).toHaveLength(9);

    // A chunk whose rows repeat one another, in an empty workspace.
    const other = await makeWorkspace(h.db);
    const twice = [touch(1, 'L2', NOW), touch(1, 'L2', NOW), touch(2, 'L2', NOW)];
    expect(await ingestTouches(h.db, other.id, once(ndjson(twice)), 'ndjson', 10)).toMatchObject({
      inserted: 2,
      duplicates: 1,
    });
  });

  it('stores nothing of a request that fails part way, and its connection stays usable', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const rows = Array.from({ length: 9 }, (_, i) => touch(i, 'L1', NOW));
    async function* failing() {
      yield ndjson(rows.slice(0, 5));
      yield ndjson(rows.slice(5));
      throw badRequest('the client went away');
    }
    await expect(ingestTouches(h.db, ws.id, failing(), 'ndjson', 2)).rejects.toThrow(/went away/);
    expect(await storedIds(h, ws.id)).toEqual([]);
    const again = await ingestTouches(h.db, ws.id, once(ndjson(rows)), 'ndjson', 2);
    expect(again).toMatchObject({ inserted: 9, duplicates: 0 });
  });

  it('stores what the schema makes of a line: unknown keys dropped, defaults filled', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    await h.request(ws.admin.token, 'POST', '/v1/leads', {
      body: ndjson([{ key: 'L1', email: 'l1@x.example', updatedAt: NOW }]),
    });
    const plain = touch(1, 'L1', NOW - DAY, { botSuspect: true, detail: 'tab\there' });
    const extra = touch(2, 'L1', NOW - 2 * DAY);
    const spaced = touch(3, 'L1', NOW - 3 * DAY, { detail: 'line "quoted" \\ back' });
    const lines = [
      JSON.stringify(plain),
      // A key the schema does not know, and no botSuspect.
      `{"colour":"red",${JSON.stringify(extra).slice(1)}`,
      // JSON whitespace, a carriage return among it, and an exponent for `at`.
      JSON.stringify(spaced, null, 1)
        .replace(/\n/g, ' ')
        .replace('"source"', '\r"source"')
        .replace(String(spaced.at), `${spaced.at / 1000}e3`),
    ];
    const res = IngestResponse.parse(
      await (
        await h.request(ws.admin.token, 'POST', '/v1/touches', { body: lines.join('\n') + '\n' })
      ).json(),
    );
    expect(res).toMatchObject({ received: 3, inserted: 3, rejectedTotal: 0 });
    const ctx = LeadContextResponse.parse(
      await (await h.request(ws.rep.token, 'GET', '/v1/leads/context?email=l1@x.example')).json(),
    );
    const byId = new Map(ctx.touches.map((t) => [t.id, t]));
    expect(byId.get(plain.id)).toEqual(Touch.parse(plain));
    expect(byId.get(extra.id)).toEqual(Touch.parse(extra));
    expect(byId.get(extra.id)).not.toHaveProperty('colour');
    expect(byId.get(extra.id)!.botSuspect).toBe(false);
    expect(byId.get(spaced.id)).toEqual(Touch.parse(spaced));
    const raw = await h.db.query<{ n: number }>(
      `select count(*)::int as n from touches where workspace_id = $1 and data::text like '%colour%'`,
      [ws.id],
    );
    expect(raw.rows[0]!.n).toBe(0);
  });

  it('keeps ids and source ids that hold COPY’s delimiter, quote, line breaks or its end marker', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const odd = ['a\n\\.\nb', '\\.', 'x\r\n\\.\r\ny', '\u001e', '\u001f', '"q"', '\\N', 'é😀', ' '];
    const rows = odd.map((s, i) => touch(i, 'L1', NOW, { id: s, sourceId: s }));
    rows.push(touch(99, 'L1', NOW, { id: 'empty-source', sourceId: '' }));
    const res = await ingestTouches(h.db, ws.id, once(ndjson(rows)), 'ndjson', 4);
    expect(res).toMatchObject({ inserted: rows.length, rejectedTotal: 0 });
    const back = await h.db.query<{ id: string; source_id: string | null }>(
      'select id, source_id from touches where workspace_id = $1',
      [ws.id],
    );
    expect(new Map(back.rows.map((r) => [r.id, r.source_id]))).toEqual(
      new Map(rows.map((r) => [r.id, r.sourceId])),
    );
  });

  it('loads chunks larger than their first buffer, multi-byte text intact, across chunks', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    // Three chunks of 2,500 rows of about 800 bytes each: every chunk outgrows the first 1 MB
    // buffer, and the two buffers take turns.
    const detail = (i: number) => `${i} ` + 'Ünïcödé ✓ 😀 '.repeat(34);
    const rows = Array.from({ length: 7_500 }, (_, i) =>
      touch(i, `L${i % 50}`, NOW - i * 1000, { detail: detail(i) }),
    );
    const res = await ingestTouches(h.db, ws.id, once(ndjson(rows)), 'ndjson', 2_500);
    expect(res).toMatchObject({ received: 7_500, inserted: 7_500, rejectedTotal: 0 });
    const back = await h.db.query<{ id: string; detail: string }>(
      `select id, data->>'detail' as detail from touches where workspace_id = $1`,
      [ws.id],
    );
    expect(back.rows).toHaveLength(7_500);
    const byId = new Map(back.rows.map((r) => [r.id, r.detail]));
    for (const i of [0, 2_499, 2_500, 4_999, 5_000, 7_499]) {
      expect(byId.get(`t-L${i % 50}-${i}`)).toBe(detail(i));
    }
  });
}
