import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHub } from '../../lib/background/hub';
import { buildLeadContext } from '../../lib/context/lead-context';
import { HubConfig } from '../../lib/model';
import { UNDO_WINDOW_MS } from '../../lib/outbox/outbox';
import {
  addEvent,
  getLead,
  listEvents,
  openTandemDb,
  replaceWorkspace,
  getDefinitions,
  readScoreRanking,
  scoreRankingStatus,
} from '../../lib/store';
import { ADA_SF, feedback, makeBundle, makeLead, makeTouch, T0 } from '../store/fixtures';

const URL_ = 'https://hub.example.com';
const TOKEN = 'tok_0123456789abcdef0123';
const ME = {
  workspaceId: 'team',
  tokenId: '0190a000-0000-7000-8000-000000000001',
  role: 'rep',
  name: 'Rita Rep',
  email: 'rita@seller.example',
};

/** Ada's Salesforce record, as the detector reports it (no fields read from the page). */
const ADA_DETECTED = {
  ref: ADA_SF,
  url: 'https://acme.lightning.force.com/x',
  adapterId: 'salesforce-lightning',
  fields: {},
};

/** A hub double at the fetch boundary: records requests, answers per path. */
function fakeHub() {
  const received: string[] = [];
  const requests: { path: string; method: string; auth: string | null; etag: string | null }[] = [];
  let down = false;
  /** The hub's ranking; `missing`: a hub from before rankings (no such path). */
  let ranking: { version: number; rankedAt: number; totals: number[] } | null | 'missing' =
    'missing';
  const definitions = (() => {
    const b = makeBundle();
    return {
      workspace: { id: 'team', name: 'Team' },
      version: 3,
      updatedAt: T0,
      personas: b.personas,
      campaigns: b.campaigns,
      assets: [...b.assets, { ...b.assets[0]!, id: 'a-hub', title: 'From the hub' }],
      scoringModel: b.scoringModel,
      lifecycle: b.lifecycle,
    };
  })();
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    requests.push({
      path: url.pathname,
      method: init?.method ?? 'GET',
      auth: headers.get('authorization'),
      etag: headers.get('if-none-match'),
    });
    if (down) throw new TypeError('Failed to fetch');
    const json = (body: unknown, status = 200, extra: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...extra },
      });
    if (url.pathname === '/v1/me') return json(ME);
    if (url.pathname === '/v1/workspace') {
      if (headers.get('if-none-match') === '"v3"') return new Response(null, { status: 304 });
      return json(definitions, 200, { etag: '"v3"' });
    }
    if (url.pathname === '/v1/events') {
      const { events } = JSON.parse(String(init?.body)) as { events: { id: string }[] };
      for (const e of events) if (!received.includes(e.id)) received.push(e.id);
      return json({ acknowledged: events.map((e) => e.id), rejected: [] });
    }
    if (url.pathname === '/v1/ranking' && ranking !== 'missing') {
      const etag = ranking && `"r${ranking.version}-${ranking.rankedAt}"`;
      if (etag && headers.get('if-none-match') === etag) return new Response(null, { status: 304 });
      return json({ ranking, refreshing: false }, 200, etag ? { etag } : {});
    }
    if (url.pathname === '/v1/leads/context') {
      return json({
        lead: makeLead('hub-lead', { email: 'zed@example.com', crmRefs: [ADA_SF] }),
        touches: [makeTouch('ht1', 'hub-lead', T0)],
        workspaceVersion: 3,
      });
    }
    return json({ error: { code: 'not_found', message: 'no such path' } }, 404);
  });
  return {
    fetch,
    received,
    requests,
    setDown: (d: boolean) => (down = d),
    setRanking: (r: typeof ranking) => (ranking = r),
  };
}

async function setup() {
  let now = T0 + 86_400_000;
  const db = await openTandemDb('hub-test');
  await replaceWorkspace(db, makeBundle({ events: [] }));
  const hubDouble = fakeHub();
  const hub = createHub({
    db: async () => db,
    clock: () => now,
    exclusive: (task) => task(),
    fetch: hubDouble.fetch as unknown as typeof fetch,
  });
  // The fake browser has no permissions API: the options page granted the origin.
  const contains = vi.fn(async () => true);
  Object.assign(fakeBrowser, { permissions: { contains, remove: vi.fn(async () => true) } });
  return { db, hub, hubDouble, contains, advance: (ms: number) => (now += ms), now: () => now };
}

describe('team hub connection', () => {
  it('validates the hub address and token with clear messages', () => {
    const problem = (v: unknown) => {
      const r = HubConfig.safeParse(v);
      return r.success ? undefined : r.error.issues[0]!.message;
    };
    expect(problem({ url: 'http://hub.example.com', token: TOKEN })).toMatch(/https/);
    expect(problem({ url: 'http://127.0.0.1:8787', token: TOKEN })).toBeUndefined();
    expect(problem({ url: 'https://u:p@hub.example.com', token: TOKEN })).toMatch(/token field/);
    expect(problem({ url: 'hub', token: TOKEN })).toMatch(/not a URL/);
    expect(problem({ url: URL_, token: 'short' })).toMatch(/too short/);
    expect(HubConfig.parse({ url: `${URL_}//`, token: TOKEN }).url).toBe(URL_);
  });

  it('refuses to connect without the origin permission, and sends nothing', async () => {
    const { hub, hubDouble, contains } = await setup();
    contains.mockResolvedValue(false);
    await expect(hub.handlers.connectHub({ url: URL_, token: TOKEN }, {})).rejects.toThrow(
      /allow it/,
    );
    expect(hubDouble.fetch).not.toHaveBeenCalled();
  });

  it('connects, queues earlier local events, delivers them after the undo window and takes the published definitions', async () => {
    const { db, hub, hubDouble, advance, now } = await setup();
    await addEvent(db, feedback(1, 'a1', 'useful', { at: now() - 60_000 }), 'local');
    await addEvent(db, feedback(2, 'a1', 'useful', { at: now() }), 'local');
    const status = await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    expect(status).toMatchObject({
      connected: true,
      url: URL_,
      who: { name: 'Rita Rep', role: 'rep' },
      definitionsVersion: 3,
    });
    expect(hubDouble.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
    // The older event went; the newer one is still inside its undo window.
    expect(hubDouble.received).toEqual([feedback(1, 'a1', 'useful').id]);
    expect((await getDefinitions(db)).assets.map((a) => a.id)).toContain('a-hub');
    expect(await getLead(db, 'ada')).toBeUndefined(); // another workspace's leads are gone
    advance(UNDO_WINDOW_MS);
    await hub.sync(true);
    expect(hubDouble.received).toHaveLength(2);
    expect((await listEvents(db)).every((e) => e.delivery === 'delivered')).toBe(true);
    // Definitions unchanged: the hub answered 304 and nothing was rewritten.
    expect(hubDouble.requests.filter((r) => r.path === '/v1/workspace').length).toBe(2);
  });

  it('backs off after a failed sync, then catches up', async () => {
    const { db, hub, hubDouble, advance, now } = await setup();
    await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    await addEvent(db, feedback(3, 'a1', 'useful', { at: now() - 60_000 }), 'pending');
    hubDouble.setDown(true);
    const failed = await hub.sync();
    expect(failed.failures).toBe(1);
    expect(failed.lastError).toMatch(/could not be reached/);
    hubDouble.setDown(false);
    const calls = hubDouble.fetch.mock.calls.length;
    await hub.sync(); // inside the backoff: nothing is tried
    expect(hubDouble.fetch.mock.calls.length).toBe(calls);
    advance(60_000);
    const ok = await hub.sync();
    expect(ok).toMatchObject({ failures: 0 });
    expect(hubDouble.received).toContain(feedback(3, 'a1', 'useful').id);
  });

  it('fetches a record’s lead from the hub into the local store, and falls back when it is down', async () => {
    const { db, hub, hubDouble } = await setup();
    await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    expect((await hub.fetchLead(ADA_DETECTED))?.key).toBe('hub-lead');
    expect((await getLead(db, 'hub-lead'))?.email).toBe('zed@example.com');
    hubDouble.setDown(true);
    expect(await hub.fetchLead(ADA_DETECTED)).toBeUndefined();
  });

  it('takes the hub’s ranking of the whole workspace for the sidebar’s standing, asking by ETag', async () => {
    const { db, hub, hubDouble, now } = await setup();
    const rankedAt = now() - 3_600_000;
    // Descending on the wire: the store keeps them ascending whatever the hub sent.
    const totals = Array.from({ length: 40 }, (_, i) => 97.5 - i * 2.5);
    hubDouble.setRanking({ version: 3, rankedAt, totals });
    await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    expect(await scoreRankingStatus(db)).toEqual({
      rankedAt,
      leads: 40,
      current: true,
      source: 'hub',
    });
    expect((await readScoreRanking(db))?.totals).toEqual([...totals].reverse());

    // A record of a lead the hub holds: it stands among the hub's 40 leads, not among the one
    // this store holds.
    expect((await hub.fetchLead(ADA_DETECTED))?.key).toBe('hub-lead');
    const ctx = await buildLeadContext(db, ADA_DETECTED, { now: now(), timeZone: 'UTC' });
    if (ctx.status !== 'matched') throw new Error(`not matched: ${ctx.status}`);
    const above = totals.filter((t) => t > ctx.score.total).length;
    expect(ctx.standing).toEqual({
      rank: Math.min(40, above + 1),
      of: 40,
      topPercent: Math.max(1, Math.ceil((Math.min(40, above + 1) * 100) / 40)),
      rankedAt,
    });

    // The next sync sends the ETag; the hub answers 304 and nothing is rewritten.
    await hub.sync(true);
    const asks = hubDouble.requests.filter((r) => r.path === '/v1/ranking');
    expect(asks.map((r) => r.etag)).toEqual([null, `"r3-${rankedAt}"`]);
    expect((await scoreRankingStatus(db))?.rankedAt).toBe(rankedAt);

    // A ranking the hub made under other definitions than the store took is not taken.
    hubDouble.setRanking({ version: 2, rankedAt: now(), totals: totals.slice(0, 30) });
    await hub.sync(true);
    expect(await scoreRankingStatus(db)).toMatchObject({ rankedAt, leads: 40, current: true });

    // The store's definitions written since (a local import): the hub's ranking no longer
    // counts, and one the hub makes later is not stored under definitions it was not made for.
    await replaceWorkspace(db, makeBundle({ events: [] }));
    expect(await scoreRankingStatus(db)).toMatchObject({ current: false });
    hubDouble.setRanking({ version: 3, rankedAt: now(), totals });
    await hub.sync(true);
    expect(await scoreRankingStatus(db)).toMatchObject({ rankedAt, current: false });
  });

  it('syncs without a ranking from a hub that has none yet or predates rankings', async () => {
    const { db, hub, hubDouble } = await setup();
    const connected = await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    expect(connected).not.toHaveProperty('lastError');
    expect(await readScoreRanking(db)).toBeUndefined();
    hubDouble.setRanking(null);
    const state = await hub.sync(true);
    expect(state).toMatchObject({ failures: 0 });
    expect(state.lastError).toBeUndefined();
    expect(await readScoreRanking(db)).toBeUndefined();
  });

  it('takes the definitions again when it did not keep the revision they were stored at', async () => {
    const { db, hub, hubDouble, now } = await setup();
    await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    // As an extension that connected before rankings existed kept its state.
    const { hubState } = (await fakeBrowser.storage.local.get('hubState')) as {
      hubState: Record<string, unknown>;
    };
    delete hubState.definitionsRevision;
    await fakeBrowser.storage.local.set({ hubState });
    hubDouble.setRanking({ version: 3, rankedAt: now(), totals: [1, 2, 3] });
    await hub.sync(true);
    const workspaceAsks = hubDouble.requests.filter((r) => r.path === '/v1/workspace');
    expect(workspaceAsks.at(-1)?.etag).toBeNull();
    expect(await scoreRankingStatus(db)).toMatchObject({ current: true, source: 'hub', leads: 3 });
  });

  it('remembers whether a hub is configured until the settings or the policy change', async () => {
    const { hub } = await setup();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await hub.configured()).toBe(false);
    expect(await hub.configured()).toBe(false);
    expect(get.mock.calls.filter(([k]) => k === 'settings')).toHaveLength(1);
    await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    expect(await hub.configured()).toBe(true);
    await hub.handlers.disconnectHub({}, {});
    expect(await hub.configured()).toBe(false);
    await fakeBrowser.storage.managed.set({ hub: { url: URL_, token: TOKEN } });
    expect(await hub.configured()).toBe(true);
  });

  it('disconnects and forgets the hub', async () => {
    const { hub } = await setup();
    await hub.handlers.connectHub({ url: URL_, token: TOKEN }, {});
    expect(await hub.handlers.disconnectHub({}, {})).toEqual({ connected: false });
    expect(await hub.configured()).toBe(false);
  });
});
