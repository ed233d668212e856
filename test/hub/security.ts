/** The hub's refusals: auth, roles, workspaces, hostile input, limits. Run per backend. */
import { expect, it } from 'vitest';
import { EventsResponse, LeadContextResponse } from '../../lib/hub/api';
import { createToken } from '../../server/auth';
import {
  DAY,
  definitions,
  feedback,
  insight,
  makeHub,
  makeWorkspace,
  ndjson,
  NOW,
  touch,
  usage,
  type Hub,
} from './harness';

const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

/** Every authenticated endpoint, with a body that would be valid. */
const ENDPOINTS: {
  method: string;
  path: string;
  body?: { json?: unknown; body?: string };
  roles: string[];
}[] = [
  { method: 'GET', path: '/v1/me', roles: ['admin', 'marketer', 'rep'] },
  { method: 'GET', path: '/v1/workspace', roles: ['admin', 'marketer', 'rep'] },
  {
    method: 'PUT',
    path: '/v1/workspace',
    body: { json: definitions() },
    roles: ['admin', 'marketer'],
  },
  {
    method: 'POST',
    path: '/v1/touches',
    body: { body: ndjson([touch(1, 'L1', NOW)]) },
    roles: ['admin', 'marketer'],
  },
  {
    method: 'POST',
    path: '/v1/leads',
    body: { body: ndjson([{ key: 'L1', updatedAt: NOW }]) },
    roles: ['admin', 'marketer'],
  },
  {
    method: 'GET',
    path: '/v1/leads/context?email=a@b.example',
    roles: ['admin', 'marketer', 'rep'],
  },
  {
    method: 'POST',
    path: '/v1/events',
    body: { json: { events: [] } },
    roles: ['admin', 'marketer', 'rep'],
  },
  { method: 'GET', path: '/v1/events', roles: ['admin', 'marketer', 'rep'] },
  { method: 'GET', path: '/v1/aggregates', roles: ['admin', 'marketer'] },
  { method: 'GET', path: '/v1/tokens', roles: ['admin'] },
  {
    method: 'POST',
    path: '/v1/tokens',
    body: { json: { name: 'N', email: 'n@x.example', role: 'rep' } },
    roles: ['admin'],
  },
  { method: 'DELETE', path: `/v1/tokens/${UUID}`, roles: ['admin'] },
];

const HOSTILE = [
  "'; drop table events; --",
  "Robert'); DELETE FROM touches WHERE ('1'='1",
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7} {{7*7}} %s %n',
  '\\u0000 not a real nul \\ back\\slash',
  'tab\tnew\nline\rreturn',
  '😀 ünïcødé ‮rtl',
  '$1 $$ quoted $$ \\N \\.',
  'unit\u001fseparator\u001erecord separator',
  'a'.repeat(500),
];

export function securitySuite(hub: () => Hub) {
  it('refuses every endpoint without a token or with a bad one', async () => {
    const h = hub();
    for (const e of ENDPOINTS) {
      for (const token of [null, 'tdm_notarealtoken', 'garbage with spaces', '']) {
        const res = await h.request(token, e.method, e.path, e.body);
        expect(res.status, `${e.method} ${e.path} with ${String(token)}`).toBe(401);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('unauthorized');
      }
    }
  });

  it('refuses the wrong role with 403 on every endpoint', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    for (const e of ENDPOINTS) {
      for (const role of ['admin', 'marketer', 'rep'] as const) {
        if (e.roles.includes(role)) continue;
        const res = await h.request(ws[role].token, e.method, e.path, e.body);
        expect(res.status, `${role} ${e.method} ${e.path}`).toBe(403);
        expect(await res.text()).toMatch(/needs the role/);
      }
    }
  });

  it('never shows one workspace’s data to another', async () => {
    const h = hub();
    const a = await makeWorkspace(h.db);
    const b = await makeWorkspace(h.db);
    await h.request(a.admin.token, 'PUT', '/v1/workspace', { json: definitions() });
    await h.request(a.admin.token, 'POST', '/v1/leads', {
      body: ndjson([{ key: 'L1', email: 'shared@x.example', updatedAt: NOW }]),
    });
    await h.request(a.admin.token, 'POST', '/v1/touches', {
      body: ndjson([touch(1, 'L1', NOW - DAY)]),
    });
    const ev = feedback(a.rep, 'a1', 'private to A');
    await h.request(a.rep.token, 'POST', '/v1/events', { json: { events: [ev] } });

    const ctx = LeadContextResponse.parse(
      await (
        await h.request(b.admin.token, 'GET', '/v1/leads/context?email=shared@x.example')
      ).json(),
    );
    expect(ctx).toMatchObject({ lead: null, touches: [], workspaceVersion: 0 });
    expect((await h.request(b.admin.token, 'GET', '/v1/workspace')).status).toBe(404);
    const evs = EventsResponse.parse(
      await (await h.request(b.admin.token, 'GET', '/v1/events')).json(),
    );
    expect(evs.events).toEqual([]);
    const agg = (await (await h.request(b.admin.token, 'GET', '/v1/aggregates')).json()) as {
      totals: { events: number };
    };
    expect(agg.totals.events).toBe(0);
    expect((await h.request(b.admin.token, 'DELETE', `/v1/tokens/${a.rep.id}`)).status).toBe(404);
    expect((await h.request(a.rep.token, 'GET', '/v1/me')).status).toBe(200);
    const list = (await (await h.request(b.admin.token, 'GET', '/v1/tokens')).json()) as {
      tokens: { email: string }[];
    };
    expect(list.tokens.map((t) => t.email)).not.toContain(a.rep.email);

    // The same event id in another workspace is that workspace's own event, not a duplicate.
    const copy = { ...ev, rep: { name: b.rep.name, email: b.rep.email }, note: 'B' };
    await h.request(b.rep.token, 'POST', '/v1/events', { json: { events: [copy] } });
    const mineA = EventsResponse.parse(
      await (await h.request(a.admin.token, 'GET', '/v1/events')).json(),
    );
    expect(mineA.events).toEqual([expect.objectContaining({ id: ev.id, note: 'private to A' })]);
  });

  it('stores hostile strings verbatim in every field and returns them unchanged', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const leads = HOSTILE.map((s, i) => ({
      key: `L${i}`,
      email: `x${i}@hostile.example`,
      firstName: s,
      lastName: s,
      company: s,
      title: s,
      industry: s,
      originalSource: s,
      crmRefs: [
        { crm: 'custom', tenant: s.slice(0, 200), objectType: 'lead', recordId: s.slice(0, 200) },
      ],
      updatedAt: NOW,
    }));
    const li = (await (
      await h.request(ws.admin.token, 'POST', '/v1/leads', { body: ndjson(leads) })
    ).json()) as {
      inserted: number;
    };
    expect(li.inserted).toBe(HOSTILE.length);
    const touches = HOSTILE.map((s, i) =>
      touch(i, `L${i}`, NOW - DAY, { detail: s, sourceId: s.slice(0, 200) }),
    );
    const ti = (await (
      await h.request(ws.admin.token, 'POST', '/v1/touches', { body: ndjson(touches) })
    ).json()) as {
      inserted: number;
    };
    expect(ti.inserted).toBe(HOSTILE.length);
    for (const [i, s] of HOSTILE.entries()) {
      const q = new URLSearchParams({
        crm: 'custom',
        tenant: s.slice(0, 200),
        objectType: 'lead',
        recordId: s.slice(0, 200),
      });
      const ctx = LeadContextResponse.parse(
        await (await h.request(ws.rep.token, 'GET', `/v1/leads/context?${q.toString()}`)).json(),
      );
      expect(ctx.lead?.key, s).toBe(`L${i}`);
      expect(ctx.lead?.firstName).toBe(s);
      expect(ctx.touches.map((t) => t.detail)).toEqual([s]);
    }
    const events = HOSTILE.flatMap((s) => [
      feedback(ws.rep, 'a1', s),
      insight(ws.rep, s, [s.slice(0, 50)]),
    ]);
    const posted = (await (
      await h.request(ws.rep.token, 'POST', '/v1/events', { json: { events } })
    ).json()) as {
      acknowledged: string[];
    };
    expect(posted.acknowledged).toHaveLength(events.length);
    const back = EventsResponse.parse(
      await (await h.request(ws.marketer.token, 'GET', '/v1/events')).json(),
    );
    const byId = new Map(back.events.map((e) => [e.id, e]));
    for (const e of events) expect(byId.get(e.id)).toEqual(e);

    const defs = definitions();
    defs.personas[0]!.name = HOSTILE[0]!;
    defs.assets[0]!.title = HOSTILE[2]!;
    await h.request(ws.admin.token, 'PUT', '/v1/workspace', { json: defs });
    const ws2 = (await (
      await h.request(ws.rep.token, 'GET', '/v1/workspace')
    ).json()) as typeof defs;
    expect(ws2.personas[0]!.name).toBe(HOSTILE[0]);
    expect(ws2.assets[0]!.title).toBe(HOSTILE[2]);
    // Still all there: nothing was dropped or deleted by the strings.
    const counts = await h.db.query<{ n: number }>(
      'select (select count(*) from touches where workspace_id = $1)::int as n',
      [ws.id],
    );
    expect(counts.rows[0]!.n).toBe(HOSTILE.length);
  });

  it('refuses NUL characters with a 4xx naming the field', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const ev = await h.request(ws.rep.token, 'POST', '/v1/events', {
      json: { events: [feedback(ws.rep, 'a1', 'nul\u0000here')] },
    });
    expect(ev.status).toBe(400);
    expect(await ev.text()).toMatch(/events\.0\.note/);
    const q = await h.request(ws.rep.token, 'GET', '/v1/leads/context?email=a%00@b.example');
    expect(q.status).toBe(400);
    const t = (await (
      await h.request(ws.admin.token, 'POST', '/v1/touches', {
        body: ndjson([touch(1, 'L1', NOW, { detail: 'a\u0000b' })]),
      })
    ).json()) as { rejected: { field: string }[]; inserted: number };
    expect(t).toMatchObject({ inserted: 0, rejected: [{ field: 'detail' }] });
  });

  it('answers malformed requests with 4xx and a message naming the problem', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const cases: [string, string, Parameters<Hub['request']>[3], number, RegExp][] = [
      [
        'POST',
        '/v1/events',
        { body: '{"events": [', type: 'application/json' },
        400,
        /not valid JSON/,
      ],
      ['POST', '/v1/events', { body: '', type: 'application/json' }, 400, /empty/],
      ['POST', '/v1/events', { json: { events: 'nope' } }, 400, /events/],
      [
        'POST',
        '/v1/events',
        { body: 'events=1', type: 'application/x-www-form-urlencoded' },
        415,
        /application\/json/,
      ],
      ['PUT', '/v1/workspace', { json: { personas: [] } }, 400, /campaigns/],
      ['POST', '/v1/touches', { body: 'a,b', type: 'text/plain' }, 415, /x-ndjson/],
      ['POST', '/v1/leads', { body: 'id\n1', type: 'text/csv' }, 415, /x-ndjson/],
      ['GET', '/v1/leads/context?crm=salesforce', undefined, 400, /together/],
      ['GET', '/v1/leads/context?email=not-an-email', undefined, 400, /email/],
      ['GET', '/v1/leads/context?email=a@b.example&extra=1', undefined, 400, /extra/],
      ['GET', '/v1/events?since=yesterday', undefined, 400, /since/],
      ['GET', '/v1/events?cursor=bm9wZQ', undefined, 400, /cursor/],
      ['GET', '/v1/aggregates?tz=Mars/Olympus', undefined, 400, /tz/],
      [
        'POST',
        '/v1/tokens',
        { json: { name: 'X', email: 'x@y.example', role: 'owner' } },
        400,
        /role/,
      ],
      ['GET', '/v1/nowhere', undefined, 404, /no route/],
    ];
    for (const [method, path, init, status, message] of cases) {
      const res = await h.request(ws.admin.token, method, path, init);
      expect(res.status, `${method} ${path}`).toBe(status);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message, `${method} ${path}`).toMatch(message);
    }
    const csv = await h.request(ws.admin.token, 'POST', '/v1/touches', {
      body: 'id,colour\n1,red\n',
      type: 'text/csv',
    });
    expect(await csv.json()).toMatchObject({ rejected: [{ line: 1, field: 'colour' }] });
  });

  it('refuses oversized bodies with 413', async () => {
    const h = makeHub(hub().db, { limits: { jsonBytes: 2_000, ingestBytes: 5_000 } });
    const ws = await makeWorkspace(h.db);
    const events = Array.from({ length: 20 }, () => usage(ws.rep, 'a1'));
    const big = await h.request(ws.rep.token, 'POST', '/v1/events', { json: { events } });
    expect(big.status).toBe(413);
    expect(await big.text()).toMatch(/limit of 2000 bytes/);
    const rows = Array.from({ length: 100 }, (_, i) => touch(i, 'L1', NOW));
    const ingest = await h.request(ws.admin.token, 'POST', '/v1/touches', { body: ndjson(rows) });
    expect(ingest.status).toBe(413);
    // Refused as a whole: nothing of it stored.
    const n = await h.db.query<{ n: number }>(
      'select count(*)::int as n from touches where workspace_id = $1',
      [ws.id],
    );
    expect(n.rows[0]!.n).toBe(0);
  });

  it('rate limits per token with 429 and Retry-After', async () => {
    const h = makeHub(hub().db, { rateLimit: { perSecond: 1, burst: 3 } });
    const ws = await makeWorkspace(h.db);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await h.request(ws.rep.token, 'GET', '/v1/me')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await h.request(ws.rep.token, 'GET', '/v1/me');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another token has its own allowance.
    expect((await h.request(ws.rep2.token, 'GET', '/v1/me')).status).toBe(200);
  });

  it('lets a token carry its own rate limit, set when it is made', async () => {
    const h = makeHub(hub().db, { rateLimit: { perSecond: 1, burst: 3 } });
    const ws = await makeWorkspace(h.db);
    const loader = await createToken(
      h.db,
      {
        workspaceId: ws.id,
        role: 'marketer',
        name: 'Loader',
        email: 'loader@x.example',
        rateLimit: { perSecond: 1, burst: 6 },
      },
      NOW,
    );
    const tight = await createToken(
      h.db,
      {
        workspaceId: ws.id,
        role: 'rep',
        name: 'Tight',
        email: 'tight@x.example',
        rateLimit: { perSecond: 1, burst: 1 },
      },
      NOW,
    );
    const statuses = async (token: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await h.request(token, 'GET', '/v1/me')).status);
      return out;
    };
    expect(await statuses(loader.token, 7)).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(await statuses(tight.token, 2)).toEqual([200, 429]);
    // The others keep the hub's limit.
    expect(await statuses(ws.rep.token, 4)).toEqual([200, 200, 200, 429]);
    await expect(
      createToken(
        h.db,
        {
          workspaceId: ws.id,
          role: 'rep',
          name: 'Zero',
          email: 'zero@x.example',
          rateLimit: { perSecond: 0, burst: 1 },
        },
        NOW,
      ),
    ).rejects.toThrow(/rate_limit/);
  });

  it('refuses lone surrogates (unstorable text) with a 4xx naming the field', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    // Written as JSON escapes, as a client would send them.
    const ev = await h.request(ws.rep.token, 'POST', '/v1/events', {
      body: JSON.stringify({ events: [feedback(ws.rep, 'a1', 'x')] }).replace(
        '"note":"x"',
        '"note":"x\\ud800y"',
      ),
      type: 'application/json',
    });
    expect(ev.status).toBe(400);
    expect(await ev.text()).toMatch(/events\.0\.note: .*surrogate/);
    // Upper-case hex digits, in a later event: the same refusal.
    const upper = await h.request(ws.rep.token, 'POST', '/v1/events', {
      body: JSON.stringify({
        events: [feedback(ws.rep, 'a1', 'ok'), feedback(ws.rep, 'a1', 'x')],
      }).replace('"note":"x"', '"note":"x\\uDC00y"'),
      type: 'application/json',
    });
    expect(upper.status).toBe(400);
    expect(await upper.text()).toMatch(/events\.1\.note: .*surrogate/);
    const good = touch(1, 'L1', NOW);
    const bad = JSON.stringify(touch(2, 'L1', NOW, { detail: 'ab' })).replace(
      '"detail":"ab"',
      '"detail":"a\\udc00b"',
    );
    const t = (await (
      await h.request(ws.admin.token, 'POST', '/v1/touches', {
        body: `${JSON.stringify(good)}\n${bad}\n`,
      })
    ).json()) as { rejected: { line: number; field: string; message: string }[]; inserted: number };
    expect(t.inserted).toBe(1);
    expect(t.rejected).toEqual([
      { line: 2, field: 'detail', message: expect.stringMatching(/surrogate/) },
    ]);
  });

  it('allows CORS for extension origins only, never *', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const origins: [string, string | null][] = [
      [
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      ],
      [
        'moz-extension://0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
        'moz-extension://0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
      ],
      ['https://evil.example', null],
      ['null', null],
      ['chrome-extension://abcdefghijklmnopabcdefghijklmnop.evil.example', null],
    ];
    for (const [origin, allowed] of origins) {
      const pre = await h.request(null, 'OPTIONS', '/v1/events', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(pre.headers.get('access-control-allow-origin'), origin).toBe(allowed);
      const get = await h.request(ws.rep.token, 'GET', '/v1/me', { headers: { origin } });
      expect(get.headers.get('access-control-allow-origin'), origin).toBe(allowed);
    }
  });

  it('logs one line per request without the token', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const before = h.logs.length;
    await h.request(ws.rep.token, 'GET', '/v1/leads/context?email=secret@x.example', {
      headers: { 'x-request-id': 'req-42' },
    });
    await h.request('tdm_wrong', 'GET', '/v1/me');
    const lines = h.logs.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      method: 'GET',
      path: '/v1/leads/context',
      status: 200,
      requestId: 'req-42',
    });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(lines[1]).toMatchObject({ status: 401 });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(ws.rep.token);
    expect(text).not.toContain('tdm_wrong');
    expect(text).not.toContain('secret@x.example');
  });
}
