import { describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../lib/background/handlers';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';
import { dispatch } from '../../lib/messaging/server';
import { dumpAll, openTandemDb } from '../../lib/store';

const NOW = Date.UTC(2026, 10, 23, 12);
const sender = { id: 'test' };
const dana = SHOWCASE_LEADS[0]!;
const detected = {
  ref: dana.crmRefs[0]!,
  url: `https://acme.lightning.force.com/lightning/r/Lead/${dana.crmRefs[0]!.recordId}/view`,
  adapterId: 'salesforce-lightning',
  fields: {},
};

describe('background handlers', () => {
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

    const after = await dispatch(
      { tandem: 1, name: 'getStoreStatus', data: {} },
      sender,
      bg.handlers,
    );
    expect(after.ok && after.value).toMatchObject({ seeded: true });
    expect(after.ok && (after.value as { leads: number }).leads).toBeGreaterThanOrEqual(300);
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
});
