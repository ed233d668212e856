/** The hub's score ranking (server/ranking.ts), run against each backend by hub.test.ts. */
import { expect, it } from 'vitest';
import { CONTEXT_TOUCH_DAYS, ScoreRankingResponse } from '../../lib/hub/api';
import { RANKING_MAX_AGE_MS } from '../../lib/context/score-totals';
import { generateDemoWorkspace } from '../../lib/demo';
import { scoreLead, sortTotals } from '../../lib/engine';
import type { Asset, Lead, ScoringModel, Touch } from '../../lib/model';
import type { Db } from '../../server/db';
import { RANK_RETRY_MS, rankWorkspace, Rankings } from '../../server/ranking';
import { DAY, definitions, makeWorkspace, ndjson, NOW, type Hub, type Workspace } from './harness';

/** The first `n` demo leads (in key order) and every touch of theirs. */
function demoSlice(n: number) {
  const b = generateDemoWorkspace({ now: NOW });
  const leads = [...b.leads].sort((a, c) => (a.key < c.key ? -1 : 1)).slice(0, n);
  const keys = new Set(leads.map((l) => l.key));
  return { leads, touches: b.touches.filter((t) => keys.has(t.leadKey)) };
}

/**
 * Each lead scored on its own, as the extension scores a lead context from the hub (its touches
 * of the last CONTEXT_TOUCH_DAYS days, oldest first): the totals a ranking must hold.
 */
function expectedTotals(
  leads: Lead[],
  touches: Touch[],
  model: ScoringModel,
  assets: Asset[],
  since = NOW - CONTEXT_TOUCH_DAYS * DAY,
) {
  const byId = new Map(assets.map((a) => [a.id, a]));
  return sortTotals(
    leads.map(
      (lead) =>
        scoreLead({
          lead,
          touches: touches
            .filter((t) => t.leadKey === lead.key && t.at >= since)
            .sort((a, c) => a.at - c.at || (a.id < c.id ? -1 : 1)),
          assets: byId,
          model,
          now: NOW,
          history: false,
        }).total,
    ),
  );
}

async function load(h: Hub, ws: Workspace, leads: Lead[], touches: Touch[]) {
  if (leads.length) {
    const l = await h.request(ws.admin.token, 'POST', '/v1/leads', { body: ndjson(leads) });
    expect(l.status).toBe(200);
  }
  const t = await h.request(ws.admin.token, 'POST', '/v1/touches', { body: ndjson(touches) });
  expect(t.status).toBe(200);
}

async function ranking(h: Hub, token: string | null, etag?: string) {
  const res = await h.request(token, 'GET', '/v1/ranking', {
    ...(etag ? { headers: { 'if-none-match': etag } } : {}),
  });
  return {
    status: res.status,
    etag: res.headers.get('etag') ?? undefined,
    body: res.status === 200 ? ScoreRankingResponse.parse(await res.json()) : undefined,
  };
}

export function rankingSuite(hub: () => Hub) {
  it('ranks every lead as the extension scores each, and again after data or definitions change', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const defs = definitions();
    const slice = demoSlice(40);
    const { leads } = slice;
    // An unsubscribe (a negative rule, which does not decay) older than a lead context carries:
    // the ranking leaves it out as the context does.
    const touches: Touch[] = [
      ...slice.touches,
      {
        id: 'old-unsubscribe',
        leadKey: leads[0]!.key,
        at: NOW - (CONTEXT_TOUCH_DAYS + 20) * DAY,
        type: 'email_unsubscribed',
        channel: 'email',
        source: 'marketo',
        sourceId: 'old-unsubscribe',
      } as Touch,
    ];
    expect(expectedTotals(leads, touches, defs.scoringModel, defs.assets)).not.toEqual(
      expectedTotals(leads, touches, defs.scoringModel, defs.assets, 0),
    );

    // Nothing published: nothing to rank, and nothing is started.
    await load(h, ws, leads, touches);
    expect((await ranking(h, ws.rep.token)).body).toEqual({ ranking: null, refreshing: false });

    await h.request(ws.marketer.token, 'PUT', '/v1/workspace', { json: defs });
    // The first ask starts the ranking; the answer does not wait for it.
    expect((await ranking(h, ws.rep.token)).body).toEqual({ ranking: null, refreshing: true });
    await h.rankings.idle();

    const first = await ranking(h, ws.rep.token);
    expect(first.status).toBe(200);
    expect(first.body?.refreshing).toBe(false);
    expect(first.body?.ranking).toEqual({
      version: 1,
      rankedAt: NOW,
      totals: expectedTotals(leads, touches, defs.scoringModel, defs.assets),
    });
    expect(first.etag).toBeTruthy();
    // The caller holds it: 304, and nothing is ranked again.
    expect((await ranking(h, ws.rep.token, first.etag)).status).toBe(304);
    expect(h.rankings.busy(ws.id)).toBe(false);

    // New touches: the held ranking is stale; the answer is still 304 (the caller holds the
    // newest there is), and the next ask after the new ranking gets it.
    const hot = leads.find(
      (l) => !touches.some((t) => t.leadKey === l.key && t.type === 'form_submitted'),
    )!;
    const demo = Array.from({ length: 3 }, (_, i) => ({
      id: `hot-${i}`,
      leadKey: hot.key,
      at: NOW - (i + 1) * 3_600_000,
      type: 'form_submitted',
      channel: 'web',
      source: 'marketo',
      sourceId: `hot-${i}`,
    })) as Touch[];
    await load(h, ws, [], demo);
    expect((await ranking(h, ws.rep.token, first.etag)).status).toBe(304);
    expect(h.rankings.busy(ws.id)).toBe(true);
    await h.rankings.idle();
    const second = await ranking(h, ws.rep.token, first.etag);
    expect(second.status).toBe(200);
    expect(second.etag).not.toBe(first.etag);
    expect(second.body?.ranking?.totals).toEqual(
      expectedTotals(leads, [...touches, ...demo], defs.scoringModel, defs.assets),
    );
    expect(second.body?.ranking?.totals).not.toEqual(first.body?.ranking?.totals);

    // New definitions: ranked again under them; meanwhile the old ranking says its version.
    const heavier = structuredClone(defs);
    for (const rule of heavier.scoringModel.engagement.rules) rule.points *= 2;
    await h.request(ws.marketer.token, 'PUT', '/v1/workspace', { json: heavier });
    const during = await ranking(h, ws.rep.token);
    expect(during.body).toMatchObject({ ranking: { version: 1 }, refreshing: true });
    await h.rankings.idle();
    const third = await ranking(h, ws.rep.token, second.etag);
    expect(third.body?.ranking?.version).toBe(2);
    expect(third.body?.ranking?.totals).toEqual(
      expectedTotals(leads, [...touches, ...demo], heavier.scoringModel, heavier.assets),
    );

    // Another workspace sees none of it.
    const other = await makeWorkspace(h.db);
    expect((await ranking(h, other.admin.token)).body).toEqual({
      ranking: null,
      refreshing: false,
    });
    expect((await ranking(h, null)).status).toBe(401);
  });

  it('ranks again once the ranking is a day old, and never stores one made under replaced definitions', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const defs = definitions();
    const { leads, touches } = demoSlice(30);
    await load(h, ws, leads, touches);
    await h.request(ws.marketer.token, 'PUT', '/v1/workspace', { json: defs });

    let now = NOW;
    const rankings = new Rankings(h.db, { clock: () => now });
    const held = () => false;
    await rankings.answer(ws.id, held);
    await rankings.idle();
    const fresh = await rankings.answer(ws.id, held);
    expect(fresh.status === 200 && JSON.parse(fresh.body)).toMatchObject({
      ranking: { rankedAt: NOW },
      refreshing: false,
    });
    now += RANKING_MAX_AGE_MS;
    const old = await rankings.answer(ws.id, held);
    expect(old.status === 200 && JSON.parse(old.body)).toMatchObject({
      ranking: { rankedAt: NOW },
      refreshing: true,
    });
    await rankings.idle();
    const renewed = await rankings.answer(ws.id, held);
    expect(renewed.status === 200 && JSON.parse(renewed.body)).toMatchObject({
      ranking: { rankedAt: now },
      refreshing: false,
    });

    // Definitions published while a ranking scores (at its first pause): it stores nothing.
    let publishing: Promise<Response> | undefined;
    const made = await rankWorkspace(h.db, ws.id, now + 1, {
      batch: 7,
      sliceMs: 0,
      pause: () =>
        (publishing ??= h.request(ws.marketer.token, 'PUT', '/v1/workspace', { json: defs })).then(
          (r) => expect(r.status).toBe(200),
        ),
    });
    expect(publishing).toBeDefined();
    expect(made).toBeUndefined();
    const after = await rankings.answer(ws.id, held);
    expect(after.status === 200 && JSON.parse(after.body)).toMatchObject({
      ranking: { version: 1, rankedAt: now },
    });

    // Stopped (the hub shutting down): nothing is stored either.
    await rankings.idle();
    const stopping = new Rankings(h.db, { clock: () => now + 2 });
    const run = stopping.refresh(ws.id);
    await stopping.stop();
    await run;
    const kept = await rankings.answer(ws.id, () => false);
    expect(kept.status === 200 && JSON.parse(kept.body).ranking.rankedAt).not.toBe(now + 2);
  });

  it('does not start another ranking for a while after one failed', async () => {
    const h = hub();
    const ws = await makeWorkspace(h.db);
    const { leads, touches } = demoSlice(25);
    await load(h, ws, leads, touches);
    await h.request(ws.marketer.token, 'PUT', '/v1/workspace', { json: definitions() });
    // The database fails the ranking's reads of touches (nothing else).
    let broken = true;
    let scans = 0;
    const db: Db = {
      ...h.db,
      query: (sql, params, options) => {
        if (sql.includes('from touches')) {
          scans += 1;
          if (broken) return Promise.reject(new Error('could not read block 7 of touches'));
        }
        return h.db.query(sql, params, options);
      },
    };
    let now = NOW;
    const logs: Record<string, unknown>[] = [];
    const rankings = new Rankings(db, { clock: () => now, log: (l) => logs.push(l) });
    const ask = async () => {
      const a = await rankings.answer(ws.id, () => false);
      await rankings.idle();
      return a.status === 200 ? (JSON.parse(a.body) as { refreshing: boolean }) : undefined;
    };
    expect(await ask()).toEqual({ ranking: null, refreshing: true });
    expect(scans).toBe(1);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'error', error: expect.stringContaining('block 7') }),
    );
    // Asked again at once, and until the retry delay is over: no new scan.
    now += 60_000;
    expect(await ask()).toEqual({ ranking: null, refreshing: false });
    now = NOW + RANK_RETRY_MS - 1;
    expect(await ask()).toEqual({ ranking: null, refreshing: false });
    expect(scans).toBe(1);
    // After it, the next ask ranks again (the database is back).
    broken = false;
    now = NOW + RANK_RETRY_MS;
    expect(await ask()).toEqual({ ranking: null, refreshing: true });
    expect(await ask()).toMatchObject({
      ranking: { version: 1, rankedAt: now },
      refreshing: false,
    });
  });
}
