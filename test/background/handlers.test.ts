import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '../../lib/background/handlers';
import { RANKING_MAX_AGE_MS } from '../../lib/context/score-totals';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';
import { dispatch } from '../../lib/messaging/server';
import { dumpAll, isSeeded, openTandemDb, readScoreRanking } from '../../lib/store';

const NOW = Date.UTC(2026, 10, 23, 12);
const sender = { id: 'test' };
const dana = SHOWCASE_LEADS[0]!;
const detected = {
  ref: dana.crmRefs[0]!,
  url: `https://acme.lightning.force.com/lightning/r/Lead/${dana.crmRefs[0]!.recordId}/view`,
  adapterId: 'salesforce-lightning',
  fields: {},
};

// These tests seed the whole demo workspace (about 24,000 touches) into IndexedDB: slow on a busy machine.
describe('background handlers', { timeout: 120_000 }, () => {
  it('seeds the demo workspace on first use and answers getLeadContext from it', async () => {
    const bg = createBackground(
      () => openTandemDb('bg-test'),
      () => NOW,
    );
    const before = await dispatch(
      { tandem: 1, name: 'getStoreStatus', data: {} },
      sender,
      bg.handlers,
    );
    expect(before).toMatchObject({ ok: true, value: { seeded: false, leads: 0 } });

    const res = await dispatch(
      { tandem: 1, name: 'getLeadContext', data: detected },
      sender,
      bg.handlers,
    );
    expect(res.ok && res.value).toMatchObject({ status: 'matched', lead: { key: 'L-0001' } });
    // The demo's leads were ranked before its first record was answered.
    const { leads } = await bg.handlers.getStoreStatus({}, sender);
    expect(res.ok && res.value).toMatchObject({ standing: { of: leads, rankedAt: NOW } });

    const after = await dispatch(
      { tandem: 1, name: 'getStoreStatus', data: {} },
      sender,
      bg.handlers,
    );
    expect(after.ok && after.value).toMatchObject({ seeded: true });
    expect(after.ok && (after.value as { leads: number }).leads).toBeGreaterThanOrEqual(300);
  });

  it('answers a record asked for once the demo is written but not yet ranked with its standing', async () => {
    const bg = createBackground(
      () => openTandemDb('bg-seed-rank'),
      () => NOW,
    );
    const install = bg.ensureSeeded(); // as on install
    const db = await bg.db();
    // What an extension page sees first: the store reads as seeded (the launcher waits for it).
    while (!(await isSeeded(db))) await new Promise((r) => setTimeout(r, 1));
    const ctx = await bg.handlers.getLeadContext(detected, sender);
    expect(ctx.status === 'matched' && ctx.standing?.rankedAt).toBe(NOW);
    await install;
  });

  it('seeds once even when several records ask at the same time', async () => {
    const bg = createBackground(
      () => openTandemDb('bg-race'),
      () => NOW,
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        dispatch({ tandem: 1, name: 'getLeadContext', data: detected }, sender, bg.handlers),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    // Every replace of the workspace bumps the definitions revision: exactly one happened.
    const meta = (await dumpAll(await bg.db())).meta!;
    expect(meta.find((m) => m.key === 'definitionsRevision')?.value).toBe(1);
  });

  it('reset to demo replaces the workspace and reports the new status', async () => {
    const bg = createBackground(
      () => openTandemDb('bg-reset'),
      () => NOW,
    );
    await bg.ensureSeeded();
    const status = await bg.handlers.resetDemoWorkspace({}, sender);
    expect(status).toMatchObject({ seeded: true, workspaceName: expect.stringMatching(/Demo/) });
  });

  it('ranks the leads again on request, and when the ranking is stale', async () => {
    let now = NOW;
    const bg = createBackground(
      () => openTandemDb('bg-rank'),
      () => now,
    );
    await bg.ensureSeeded();
    const { leads } = await bg.handlers.getStoreStatus({}, sender);
    now += 3_600_000;
    await bg.ranking.refreshIfStale(); // an hour old: kept
    expect((await readScoreRanking(await bg.db()))?.computedAt).toBe(NOW);
    expect(await bg.handlers.rankScores({}, sender)).toEqual({ rankedAt: now, leads });
    now += RANKING_MAX_AGE_MS;
    await bg.ranking.refreshIfStale();
    expect((await readScoreRanking(await bg.db()))?.computedAt).toBe(now);
    // The options page's data section says so.
    expect((await bg.handlers.getDataSummary({}, sender)).ranking).toEqual({
      rankedAt: now,
      leads,
      current: true,
      source: 'local',
    });
  });

  it('ranks one request at a time, and once more for requests made during one', async () => {
    let now = NOW;
    const bg = createBackground(
      () => openTandemDb('bg-rank-once'),
      () => now++,
    );
    await bg.ensureSeeded();
    const db = await bg.db();
    const put = vi.spyOn(db, 'transaction');
    await Promise.all([bg.ranking.refresh(), bg.ranking.refresh(), bg.ranking.refresh()]);
    const writes = put.mock.calls.filter(
      ([stores, mode]) => stores === 'meta' && mode === 'readwrite',
    );
    expect(writes).toHaveLength(2);
  });

  it('does not rank the local leads when a team hub holds the workspace, and asks the hub instead', async () => {
    let now = NOW;
    const bg = createBackground(
      () => openTandemDb('bg-rank-hub'),
      () => now,
    );
    await bg.ensureSeeded();
    const { leads } = await bg.handlers.getStoreStatus({}, sender);
    await fakeBrowser.storage.managed.set({
      hub: { url: 'https://hub.example', token: 'x'.repeat(32) },
    });
    // The hub is unreachable here (its ranking is taken in test/background/hub.test.ts).
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    const fetch = vi.fn(async (_url: string) => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetch);
    onTestFinished(() => void vi.unstubAllGlobals());
    now += 60_000;
    await bg.handlers.resetDemoWorkspace({}, sender);
    // The ranking made before the hub stays stored, and is not made again: Rank now syncs with
    // the hub, which ranks the whole workspace.
    fetch.mockClear();
    expect(await bg.handlers.rankScores({}, sender)).toEqual({ rankedAt: NOW, leads });
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain(
      'https://hub.example/v1/workspace',
    );
    // The reset changed the definitions: the ranking before it no longer counts (the sidebar
    // shows no standing), and none was made under the new ones.
    expect((await bg.handlers.getDataSummary({}, sender)).ranking).toMatchObject({
      current: false,
      source: 'local',
    });
  });

  it('refuses to inject the sidebar for a sender that is not a tab', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const bg = createBackground(
      () => openTandemDb('bg-inject'),
      () => NOW,
    );
    const res = await dispatch(
      { tandem: 1, name: 'injectSidebarUi', data: {} },
      sender,
      bg.handlers,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
  });

  it('finds a lead by email prefix and links an unknown record to it', async () => {
    const bg = createBackground(
      () => openTandemDb('bg-link'),
      () => NOW,
    );
    const found = await bg.handlers.searchLeads({ query: 'dana.whit' }, sender);
    expect(found.map((l) => l.key)).toContain('L-0001');
    expect(found.find((l) => l.key === 'L-0001')).toMatchObject({ name: 'Dana Whitfield' });
    const ref = {
      crm: 'hubspot' as const,
      tenant: '999',
      objectType: 'contact' as const,
      recordId: '777',
    };
    const unknown = {
      ...detected,
      ref,
      url: 'https://app.hubspot.com/contacts/999/record/0-1/777',
    };
    const before = await bg.handlers.getLeadContext(unknown, sender);
    expect(before.status).toBe('no-history');
    await bg.handlers.linkRecord({ leadKey: 'L-0001', ref }, sender);
    const after = await bg.handlers.getLeadContext(unknown, sender);
    expect(after.status === 'matched' && after.match).toMatchObject({
      leadKey: 'L-0001',
      rule: 'crm_id',
    });
  });

  it('refuses to link to a lead that does not exist', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const bg = createBackground(
      () => openTandemDb('bg-link-bad'),
      () => NOW,
    );
    await bg.ensureSeeded();
    const res = await dispatch(
      { tandem: 1, name: 'linkRecord', data: { leadKey: 'L-9999', ref: detected.ref } },
      sender,
      bg.handlers,
    );
    expect(res).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/no lead L-9999/) },
    });
  });
});
