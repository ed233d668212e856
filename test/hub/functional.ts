/** What the hub does, run against each backend by hub.test.ts. */
import { expect, it } from 'vitest';
import {
  AggregatesResponse,
  EventBatchResponse,
  EventsResponse,
  IngestResponse,
  LeadContextResponse,
  WorkspaceDefinitionsResponse,
} from '../../lib/hub/api';
import type { Db } from '../../server/db';
import { migrate } from '../../server/migrate';
import { leadContextJson, LeadContextLoader } from '../../server/queries';
import {
  DAY,
  definitions,
  feedback,
  insight,
  makeWorkspace,
  ndjson,
  NOW,
  touch,
  makeHub,
  usage,
  type Hub,
} from './harness';

export function functionalSuite(hub: () => Hub) {
  it('answers health, readiness and the OpenAPI document without a token', async () => {
    const h = hub();
    expect((await h.request(null, 'GET', '/health')).status).toBe(200);
    const ready = await h.request(null, 'GET', '/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const doc = (await (await h.request(null, 'GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/events',
        '/v1/leads/context',
        '/v1/ranking',
        '/v1/workspace',
        '/v1/tokens',
      ]),
    );
    expect(doc.paths['/v1/events']).toHaveProperty('post.requestBody');
  });

  it('applies migrations once', async () => {
    expect(await migrate(hub().db)).toEqual([]);
  });

  it('publishes definitions with versions, ETag and 304', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const none = await h.request(ws.rep.token, 'GET', '/v1/workspace');
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('not_published');

    const defs = definitions();
    const put = await h.request(ws.marketer.token, 'PUT', '/v1/workspace', { json: defs });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ version: 1 });

    const got = await h.request(ws.rep.token, 'GET', '/v1/workspace');
    expect(got.status).toBe(200);
    const etag = got.headers.get('etag')!;
    const body = WorkspaceDefinitionsResponse.parse(await got.json());
    expect(body.version).toBe(1);
    expect(body.assets.map((a) => a.id)).toEqual(defs.assets.map((a) => a.id));
    expect(body.workspace.id).toBe(ws.id);

    const same = await h.request(ws.rep.token, 'GET', '/v1/workspace', {
      headers: { 'if-none-match': etag },
    });
    expect(same.status).toBe(304);

    const renamed = { ...defs, name: 'Renamed', baseVersion: 1 };
    expect(
      (await h.request(ws.admin.token, 'PUT', '/v1/workspace', { json: renamed })).status,
    ).toBe(200);
    const stale = await h.request(ws.admin.token, 'PUT', '/v1/workspace', { json: renamed });
    expect(stale.status).toBe(409);
    const changed = await h.request(ws.rep.token, 'GET', '/v1/workspace', {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    const v2 = WorkspaceDefinitionsResponse.parse(await changed.json());
    expect(v2.version).toBe(2);
    expect(v2.workspace.name).toBe('Renamed');
  });

  it('serves definitions published through another instance at once (no stale copy)', async () => {
    const h = hub();
    const other = makeHub(h.db);
    const ws = await makeWorkspace(h.db);
    const defs = definitions();
    await other.request(ws.admin.token, 'PUT', '/v1/workspace', { json: defs });
    const v1 = WorkspaceDefinitionsResponse.parse(
      await (await h.request(ws.rep.token, 'GET', '/v1/workspace')).json(),
    );
    expect(v1.version).toBe(1);
    const next = { ...defs, name: 'Elsewhere', assets: defs.assets.slice(1) };
    await other.request(ws.admin.token, 'PUT', '/v1/workspace', { json: next });
    const got = await h.request(ws.rep.token, 'GET', '/v1/workspace');
    expect(got.headers.get('etag')).toBe('"v2"');
    const v2 = WorkspaceDefinitionsResponse.parse(await got.json());
    expect(v2).toMatchObject({ version: 2, workspace: { name: 'Elsewhere' } });
    expect(v2.assets.map((a) => a.id)).toEqual(next.assets.map((a) => a.id));
  });

  it('ingests touches idempotently from NDJSON and CSV, listing bad lines', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const rows = [0, 1, 2].map((i) => touch(i, 'L1', NOW - i * DAY));
    const body = ndjson(rows) + '{"id":"x","leadKey":"L1"}\nnot json\n\n';
    const first = IngestResponse.parse(
      await (await h.request(ws.marketer.token, 'POST', '/v1/touches', { body })).json(),
    );
    expect(first).toMatchObject({ received: 5, inserted: 3, duplicates: 0, rejectedTotal: 2 });
    expect(first.rejected[0]).toMatchObject({ line: 4, field: 'at' });
    expect(first.rejected[1]).toMatchObject({ line: 5, field: '' });
    expect(first.rejected[1]!.message).toMatch(/JSON/);

    // The same file again, and the same source rows under new ids: nothing new.
    const again = IngestResponse.parse(
      await (await h.request(ws.admin.token, 'POST', '/v1/touches', { body: ndjson(rows) })).json(),
    );
    expect(again).toMatchObject({ received: 3, inserted: 0, duplicates: 3 });
    const renamed = rows.map((r) => ({ ...r, id: `other-${r.id}` }));
    const bySource = IngestResponse.parse(
      await (
        await h.request(ws.admin.token, 'POST', '/v1/touches', { body: ndjson(renamed) })
      ).json(),
    );
    expect(bySource).toMatchObject({ inserted: 0, duplicates: 3 });

    const csv =
      'id,leadKey,at,type,channel,source,sourceId,detail,botSuspect\r\n' +
      `c1,L1,${NOW - 3 * DAY},page_viewed,web,csv,c1,"Pricing, ""annual""\nplan",true\r\n` +
      `c2,L1,2026-06-10T00:00:00Z,form_submitted,web,csv,c2,,\r\n` +
      `c3,L1,yesterday,form_submitted,web,csv,c3,,\r\n`;
    const fromCsv = IngestResponse.parse(
      await (
        await h.request(ws.admin.token, 'POST', '/v1/touches', { body: csv, type: 'text/csv' })
      ).json(),
    );
    expect(fromCsv).toMatchObject({ received: 3, inserted: 2, rejectedTotal: 1 });
    expect(fromCsv.rejected[0]).toMatchObject({ line: 5, field: 'at' });

    await h.request(ws.admin.token, 'POST', '/v1/leads', {
      body: ndjson([{ key: 'L1', email: 'l1@x.example', updatedAt: NOW }]),
    });
    const ctx = LeadContextResponse.parse(
      await (await h.request(ws.rep.token, 'GET', '/v1/leads/context?email=l1@x.example')).json(),
    );
    const c1 = ctx.touches.find((t) => t.id === 'c1')!;
    expect(c1.detail).toBe('Pricing, "annual"\nplan');
    expect(c1.botSuspect).toBe(true);
    expect(ctx.touches.find((t) => t.id === 'c2')!.at).toBe(Date.parse('2026-06-10T00:00:00Z'));
  });

  it('looks up a lead by CRM record or email, with its last 12 months of touches in order', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const ref = {
      crm: 'salesforce',
      tenant: 'AcmeCo',
      objectType: 'lead',
      recordId: '00Q5e00000AbCdEFGH',
    };
    const leads = [
      {
        key: 'L1',
        email: 'Pat.Lee@Client.example',
        firstName: 'Pat',
        crmRefs: [ref],
        updatedAt: NOW - 10,
      },
      { key: 'L2', email: 'sam@client.example', updatedAt: NOW - 10 },
    ];
    const ing = IngestResponse.parse(
      await (await h.request(ws.admin.token, 'POST', '/v1/leads', { body: ndjson(leads) })).json(),
    );
    expect(ing).toMatchObject({ inserted: 2, updated: 0 });
    const touches = [
      touch(1, 'L1', NOW - 2 * DAY),
      touch(2, 'L1', NOW - 400 * DAY),
      touch(3, 'L1', NOW - 30 * DAY),
      touch(4, 'L2', NOW - DAY),
    ];
    await h.request(ws.admin.token, 'POST', '/v1/touches', { body: ndjson(touches) });
    await h.request(ws.admin.token, 'PUT', '/v1/workspace', { json: definitions() });

    const q = `crm=salesforce&tenant=acmeco&objectType=lead&recordId=${ref.recordId}`;
    const byRecord = LeadContextResponse.parse(
      await (await h.request(ws.rep.token, 'GET', `/v1/leads/context?${q}`)).json(),
    );
    expect(byRecord.lead?.key).toBe('L1');
    expect(byRecord.touches.map((t) => t.id)).toEqual(['t-L1-3', 't-L1-1']);
    expect(byRecord.workspaceVersion).toBe(1);

    const byEmail = LeadContextResponse.parse(
      await (
        await h.request(ws.rep.token, 'GET', '/v1/leads/context?email=pat.lee@client.example')
      ).json(),
    );
    expect(byEmail.lead?.firstName).toBe('Pat');

    const unknown = LeadContextResponse.parse(
      await (
        await h.request(ws.rep.token, 'GET', '/v1/leads/context?email=nobody@client.example')
      ).json(),
    );
    expect(unknown).toMatchObject({ lead: null, touches: [] });

    // A newer version replaces the lead and its records; an older one is ignored.
    const moved = {
      ...leads[0],
      firstName: 'Patricia',
      crmRefs: [{ ...ref, recordId: '00Q5e00000ZZZZZZZZ' }],
      updatedAt: NOW,
    };
    const older = { ...leads[0], firstName: 'Old', updatedAt: NOW - 1000 };
    const upd = IngestResponse.parse(
      await (
        await h.request(ws.admin.token, 'POST', '/v1/leads', { body: ndjson([moved, older]) })
      ).json(),
    );
    expect(upd).toMatchObject({ received: 2, inserted: 0, updated: 1, duplicates: 1 });
    const oldRef = LeadContextResponse.parse(
      await (await h.request(ws.rep.token, 'GET', `/v1/leads/context?${q}`)).json(),
    );
    expect(oldRef.lead).toBeNull();
    const newRef = LeadContextResponse.parse(
      await (
        await h.request(
          ws.rep.token,
          'GET',
          `/v1/leads/context?${q.replace(ref.recordId, '00Q5e00000ZZZZZZZZ')}`,
        )
      ).json(),
    );
    expect(newRef.lead?.firstName).toBe('Patricia');
  });

  it('answers lookups gathered into one statement exactly as it answers each alone', async () => {
    const h = hub();
    const a = await makeWorkspace(h.db);
    const b = await makeWorkspace(h.db);
    const ref = (i: number) => ({
      crm: 'salesforce',
      tenant: 'acme',
      objectType: 'lead',
      recordId: `00Q5e00000REC${String(i).padStart(5, '0')}`,
    });
    for (const [ws, tag] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const leads = Array.from({ length: 6 }, (_, i) => ({
        key: `L${i}`,
        email: `lead${i}@client.example`,
        firstName: `${tag}${i}`,
        crmRefs: [ref(i)],
        updatedAt: NOW,
      }));
      await h.request(ws.admin.token, 'POST', '/v1/leads', { body: ndjson(leads) });
      const touches = leads.flatMap((l, i) =>
        Array.from({ length: i }, (_, k) => touch(k, l.key, NOW - (k + 1) * DAY - i)),
      );
      await h.request(ws.admin.token, 'POST', '/v1/touches', { body: ndjson(touches) });
    }
    await h.request(a.admin.token, 'PUT', '/v1/workspace', { json: definitions() });

    // Each statement the loader sends is counted, so the test sees whether lookups were gathered.
    let statements = 0;
    const counting: Db = {
      ...h.db,
      query: (sql, params, options) => {
        if (options?.prepare === 'lead_contexts') statements += 1;
        return h.db.query(sql, params, options);
      },
    };
    const loader = new LeadContextLoader(counting, 1);
    const lookups = [a, b].flatMap((ws) =>
      Array.from({ length: 6 }, (_, i) => [
        { ws: ws.id, q: { ...ref(i), crm: 'salesforce' as const, objectType: 'lead' as const } },
        { ws: ws.id, q: { email: `Lead${i}@Client.example` } },
      ]).flat(),
    );
    lookups.push({ ws: a.id, q: { email: 'nobody@client.example' } });
    lookups.push({ ws: 'no-such-workspace', q: { email: 'lead1@client.example' } });
    const gathered = await Promise.all(lookups.map((l) => loader.get(l.ws, l.q, NOW)));
    const alone = [];
    for (const l of lookups) alone.push(await leadContextJson(h.db, l.ws, l.q, NOW));
    expect(gathered).toEqual(alone);
    // The first lookup went alone; the others waited for it and went in one statement.
    expect(statements).toBe(2);
    const parsed = gathered.map((g) => LeadContextResponse.parse(JSON.parse(g)));
    expect(parsed[2]!.lead?.firstName).toBe('a1');
    expect(parsed[3]!.touches).toHaveLength(1);
    expect(parsed[14]!.lead?.firstName).toBe('b1');
    expect(parsed[0]!.workspaceVersion).toBe(1);
    expect(parsed[12]!.workspaceVersion).toBe(0);
    expect(parsed.at(-2)).toMatchObject({ lead: null, touches: [] });
    expect(parsed.at(-1)).toMatchObject({ lead: null, touches: [], workspaceVersion: 0 });
  });

  it('fails only the lookups of a statement that failed, and goes on with the next ones', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    let fail = true;
    const flaky: Db = {
      ...h.db,
      query: (sql, params, options) => {
        if (fail && options?.prepare === 'lead_contexts') {
          fail = false;
          return Promise.reject(new Error('connection lost'));
        }
        return h.db.query(sql, params, options);
      },
    };
    const loader = new LeadContextLoader(flaky, 1);
    const first = loader.get(ws.id, { email: 'a@client.example' }, NOW);
    const next = loader.get(ws.id, { email: 'b@client.example' }, NOW);
    await expect(first).rejects.toThrow('connection lost');
    expect(JSON.parse(await next)).toEqual({ lead: null, touches: [], workspaceVersion: 0 });
  });

  it('stores each event once, whatever the retries, and acknowledges every stored id', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const batch = [
      usage(ws.rep, 'a1'),
      feedback(ws.rep, 'a1', 'great'),
      insight(ws.rep, 'Rival X came up'),
    ];
    const bad = { ...usage(ws.rep, 'a1'), action: 'printed' };
    const first = EventBatchResponse.parse(
      await (
        await h.request(ws.rep.token, 'POST', '/v1/events', { json: { events: [...batch, bad] } })
      ).json(),
    );
    expect(first.acknowledged.sort()).toEqual(batch.map((e) => e.id).sort());
    expect(first.rejected).toEqual([
      { id: bad.id, message: expect.stringMatching(/events\.3\.action/) },
    ]);

    // The reply was lost: the same batch again, with one new event.
    const extra = usage(ws.rep, 'a2');
    const retry = EventBatchResponse.parse(
      await (
        await h.request(ws.rep.token, 'POST', '/v1/events', {
          json: { events: [...batch, extra, batch[0]] },
        })
      ).json(),
    );
    expect(retry.acknowledged.sort()).toEqual([...batch, extra].map((e) => e.id).sort());
    const stored = await h.db.query<{ n: number }>(
      'select count(*)::int as n from events where workspace_id = $1',
      [ws.id],
    );
    expect(stored.rows[0]!.n).toBe(4);

    // A rep sends only their own events.
    const forged = EventBatchResponse.parse(
      await (
        await h.request(ws.rep.token, 'POST', '/v1/events', {
          json: { events: [usage(ws.rep2, 'a1')] },
        })
      ).json(),
    );
    expect(forged.acknowledged).toEqual([]);
    expect(forged.rejected[0]!.message).toMatch(/rep\.email/);
    // A marketer may forward anyone's (an import of local events).
    const relayed = EventBatchResponse.parse(
      await (
        await h.request(ws.marketer.token, 'POST', '/v1/events', {
          json: { events: [usage(ws.rep2, 'a1')] },
        })
      ).json(),
    );
    expect(relayed.acknowledged).toHaveLength(1);

    const tooMany = Array.from({ length: 501 }, () => usage(ws.rep, 'a1'));
    const big = await h.request(ws.rep.token, 'POST', '/v1/events', { json: { events: tooMany } });
    expect(big.status).toBe(400);
    expect(await big.text()).toMatch(/at most 500/);
  });

  it('pages events by time and hides other reps’ notes from a rep', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const mine = Array.from({ length: 7 }, (_, i) =>
      usage(ws.rep, 'a1', { at: NOW - (i + 1) * DAY }),
    );
    const theirNote = feedback(ws.rep2, 'a1', 'secret note of Ravi', NOW - 3 * DAY);
    const theirInsight = insight(ws.rep2, 'Ravi heard about a rival');
    const myNote = feedback(ws.rep, 'a1', 'my own note', NOW - 2 * DAY);
    await h.request(ws.rep.token, 'POST', '/v1/events', { json: { events: [...mine, myNote] } });
    await h.request(ws.rep2.token, 'POST', '/v1/events', {
      json: { events: [theirNote, theirInsight] },
    });

    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = EventsResponse.parse(
        await (await h.request(ws.marketer.token, 'GET', `/v1/events?${qs}`)).json(),
      );
      all.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);

    const ranged = EventsResponse.parse(
      await (
        await h.request(
          ws.marketer.token,
          'GET',
          `/v1/events?since=${NOW - 3 * DAY}&until=${NOW - DAY}&kind=asset_usage`,
        )
      ).json(),
    );
    expect(ranged.events.map((e) => e.at).sort()).toEqual([NOW - 3 * DAY, NOW - 2 * DAY]);

    const asRep = EventsResponse.parse(
      await (await h.request(ws.rep.token, 'GET', '/v1/events')).json(),
    );
    const ids = asRep.events.map((e) => e.id);
    expect(ids).not.toContain(theirInsight.id);
    const seenNote = asRep.events.find((e) => e.id === theirNote.id)!;
    expect(seenNote).toBeDefined();
    expect('note' in seenNote).toBe(false);
    expect(asRep.events.find((e) => e.id === myNote.id)).toMatchObject({ note: 'my own note' });

    const asMarketer = EventsResponse.parse(
      await (await h.request(ws.marketer.token, 'GET', '/v1/events')).json(),
    );
    expect(asMarketer.events.find((e) => e.id === theirNote.id)).toMatchObject({
      note: 'secret note of Ravi',
    });
  });

  it('aggregates the whole team’s events for the dashboard', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const defs = definitions();
    await h.request(ws.admin.token, 'PUT', '/v1/workspace', { json: defs });
    const asset = defs.assets[0]!.id;
    await h.request(ws.rep.token, 'POST', '/v1/events', {
      json: {
        events: [
          usage(ws.rep, asset),
          usage(ws.rep, asset, { action: 'sent' } as never),
          feedback(ws.rep, asset, 'ok'),
        ],
      },
    });
    await h.request(ws.rep2.token, 'POST', '/v1/events', {
      json: { events: [usage(ws.rep2, asset)] },
    });
    const res = await h.request(
      ws.marketer.token,
      'GET',
      `/v1/aggregates?from=${NOW - 30 * DAY}&to=${NOW}&tz=Europe/Paris`,
    );
    expect(res.status).toBe(200);
    const data = AggregatesResponse.parse(await res.json());
    expect(data.source).toBe('hub');
    expect(data.totals).toMatchObject({ events: 4, usage: 3, feedback: 1 });
    const row = data.assets.find((a) => a.assetId === asset)!;
    expect(row).toMatchObject({ copied: 2, sent: 1, reps: 2 });
    expect(data.reps.map((r) => r.email).sort()).toEqual([ws.rep.email, ws.rep2.email].sort());
  });

  it('manages tokens: create, use, list, revoke', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const created = await h.request(ws.admin.token, 'POST', '/v1/tokens', {
      json: { name: 'New Rep', email: 'new@x.example', role: 'rep' },
    });
    expect(created.status).toBe(201);
    const { token, id } = (await created.json()) as { token: string; id: string };
    const me = await h.request(token, 'GET', '/v1/me');
    expect(await me.json()).toMatchObject({
      role: 'rep',
      email: 'new@x.example',
      workspaceId: ws.id,
    });
    const stored = await h.db.query<{ token_hash: string }>(
      'select token_hash from api_tokens where id = $1',
      [id],
    );
    expect(stored.rows[0]!.token_hash).not.toContain(token);
    const list = (await (await h.request(ws.admin.token, 'GET', '/v1/tokens')).json()) as {
      tokens: { id: string }[];
    };
    expect(list.tokens.map((t) => t.id)).toContain(id);
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await h.request(ws.admin.token, 'DELETE', `/v1/tokens/${id}`)).status).toBe(200);
    expect((await h.request(token, 'GET', '/v1/me')).status).toBe(401);
  });
}
