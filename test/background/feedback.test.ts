import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '../../lib/background/handlers';
import { dispatch } from '../../lib/messaging/server';
import type {
  MessageInput,
  MessageName,
  MessageOutput,
  Result,
} from '../../lib/messaging/protocol';
import { UNDO_WINDOW_MS } from '../../lib/outbox/outbox';
import { listEvents, openTandemDb, replaceWorkspace } from '../../lib/store';
import { ADA_SF, eventId, makeBundle, REP, T0 } from '../store/fixtures';

const NOW = T0 + 30 * 86_400_000;
let clock = NOW;
const tabSender = (tabId: number) => ({ id: 'test', tab: { id: tabId } as never, frameId: 0 });

async function setup() {
  clock = NOW;
  const bg = createBackground(
    () => openTandemDb('feedback-test'),
    () => clock,
  );
  // A small workspace instead of the demo one: two assets, one rejection reason, no events.
  await replaceWorkspace(await bg.db(), makeBundle({ events: [] }));
  const call = <N extends MessageName>(name: N, data: MessageInput<N>, sender: object = {}) =>
    dispatch({ tandem: 1, name, data }, { id: 'test', ...sender }, bg.handlers) as Promise<
      Result<MessageOutput<N>>
    >;
  return { bg, call };
}

const feedbackDraft = (n: number, fields: Record<string, unknown> = {}) => ({
  id: eventId(n),
  at: NOW,
  kind: 'content_feedback' as const,
  assetId: 'a1',
  rating: 'useful' as const,
  leadKey: 'ada',
  record: ADA_SF,
  context: { score: 42, grade: 'B', stage: 'mql' as const, personaName: 'Marketing Ops' },
  ...fields,
});

describe('recording feedback events', () => {
  beforeEach(() => {
    clock = NOW;
  });

  it('refuses events until the rep has said who they are, and stores nothing', async () => {
    const { bg, call } = await setup();
    const res = await call('recordEvent', feedbackDraft(1));
    expect(res).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
    expect(!res.ok && res.error.message).toMatch(/name and email/);
    expect(await listEvents(await bg.db())).toEqual([]);
  });

  it('stores an event once with the rep, the record, the lead and what the rep saw', async () => {
    const { bg, call } = await setup();
    expect(await call('setRep', REP)).toMatchObject({ ok: true, value: { rep: REP } });
    const first = await call('recordEvent', feedbackDraft(1));
    expect(first).toMatchObject({
      ok: true,
      value: { status: 'added', undoUntil: NOW + UNDO_WINDOW_MS, event: { rep: REP } },
    });
    // A double click or a retried message carries the same id.
    const again = await call('recordEvent', feedbackDraft(1));
    expect(again).toMatchObject({ ok: true, value: { status: 'duplicate' } });
    const events = await listEvents(await bg.db());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: eventId(1),
      kind: 'content_feedback',
      rep: REP,
      leadKey: 'ada',
      record: ADA_SF,
      context: { score: 42, stage: 'mql', personaName: 'Marketing Ops' },
      delivery: 'local',
    });
  });

  it.each([
    ['an over-long note', { note: 'x'.repeat(1001) }, /notes are limited to 1000 characters/],
    ['an unknown rating', { rating: 'meh' }, /rating/],
    ['a malformed id', { id: 'not-a-uuid' }, /id/],
  ])('rejects %s at the boundary with a clear message', async (_label, fields, message) => {
    const { bg, call } = await setup();
    await call('setRep', REP);
    const res = await call('recordEvent', feedbackDraft(2, fields) as never);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!res.ok && res.error.message).toMatch(message);
    expect(await listEvents(await bg.db())).toEqual([]);
  });

  it('rejects references to things the workspace does not have, naming them', async () => {
    const { bg, call } = await setup();
    await call('setRep', REP);
    const cases: [unknown, RegExp][] = [
      [feedbackDraft(3, { assetId: 'a-gone' }), /asset \(a-gone\)/],
      [feedbackDraft(4, { leadKey: 'nobody' }), /lead \(nobody\)/],
      [
        {
          id: eventId(5),
          at: NOW,
          kind: 'lead_verdict',
          verdict: 'rejected',
          reasonId: 'too-cold',
          leadKey: 'ada',
        },
        /“too-cold” is not one of this workspace's rejection reasons/,
      ],
      [{ id: eventId(6), at: NOW, kind: 'lead_verdict', verdict: 'accepted' }, /needs a lead/],
      [feedbackDraft(7, { at: NOW + 3_600_000 }), /future/],
    ];
    for (const [draft, message] of cases) {
      const res = await call('recordEvent', draft as never);
      expect(res.ok, String(message)).toBe(false);
      expect(!res.ok && res.error.message).toMatch(message);
    }
    const noReason = await call('recordEvent', {
      id: eventId(8),
      at: NOW,
      kind: 'lead_verdict',
      verdict: 'rejected',
      leadKey: 'ada',
    });
    expect(!noReason.ok && noReason.error.message).toMatch(/a rejection needs a reason/);
    expect(await listEvents(await bg.db())).toEqual([]);
  });

  it('stores a rejection with a configured reason, and an insight with no record', async () => {
    const { bg, call } = await setup();
    await call('setRep', REP);
    const verdict = await call('recordEvent', {
      id: eventId(9),
      at: NOW,
      kind: 'lead_verdict',
      verdict: 'rejected',
      reasonId: 'bad-fit',
      note: '  student address  ',
      leadKey: 'ada',
    });
    expect(verdict.ok).toBe(true);
    const insight = await call('recordEvent', {
      id: eventId(10),
      at: NOW,
      kind: 'field_insight',
      category: 'competitor',
      text: 'They are trialling Acme',
      tags: ['acme'],
    });
    expect(insight.ok).toBe(true);
    const events = await listEvents(await bg.db());
    expect(events.map((e) => e.kind)).toEqual(['lead_verdict', 'field_insight']);
    expect(events[0]).toMatchObject({ note: 'student address', reasonId: 'bad-fit' });
  });
});

describe('undo', () => {
  it('withdraws an event inside its window and refuses after it', async () => {
    const { bg, call } = await setup();
    await call('setRep', REP);
    await call('recordEvent', feedbackDraft(11));
    await call('recordEvent', feedbackDraft(12));
    clock = NOW + UNDO_WINDOW_MS - 1;
    expect(await call('undoEvent', { id: eventId(11) })).toEqual({
      ok: true,
      value: { undone: true },
    });
    // A second click on undo finds it gone: still undone.
    expect(await call('undoEvent', { id: eventId(11) })).toMatchObject({
      value: { undone: true },
    });
    clock = NOW + UNDO_WINDOW_MS + 60_000;
    expect(await call('undoEvent', { id: eventId(12) })).toMatchObject({
      value: { undone: false },
    });
    expect((await listEvents(await bg.db())).map((e) => e.id)).toEqual([eventId(12)]);
  });
});

describe('outbox status and feedback options', () => {
  it('counts local events and offers this rep’s recent assets for the lead first', async () => {
    const { call } = await setup();
    await call('setRep', REP);
    const usage = (n: number, assetId: string, at: number) => ({
      id: eventId(n),
      at,
      kind: 'asset_usage' as const,
      action: 'sent' as const,
      assetId,
      leadKey: 'ada',
    });
    await call('recordEvent', usage(20, 'a1', NOW - 2000));
    await call('recordEvent', usage(21, 'a2', NOW - 1000));
    await call('recordEvent', feedbackDraft(22));
    const status = await call('getOutboxStatus', {});
    expect(status).toEqual({
      ok: true,
      value: { queued: 0, delivered: 0, local: 3, failing: 0, hubConfigured: false },
    });
    const options = await call('getFeedbackOptions', { leadKey: 'ada' });
    expect(options.ok && options.value.recentAssetIds).toEqual(['a2', 'a1']);
    expect(options.ok && options.value.rejectionReasons).toEqual([
      { id: 'bad-fit', label: 'Bad fit' },
    ]);
    expect(options.ok && options.value.assets.map((a) => a.title)).toEqual([
      'Pricing sheet',
      'ROI guide',
    ]);
    const other = await call('getFeedbackOptions', { leadKey: 'jose' });
    expect(other.ok && other.value.recentAssetIds).toEqual([]);
  });
});

describe('rep identity', () => {
  it('prefers the administrator’s policy and refuses to change it', async () => {
    const { call } = await setup();
    await call('setRep', REP);
    const policy = { name: 'Pat Policy', email: 'pat@corp.example' };
    await fakeBrowser.storage.managed.set({ rep: policy });
    expect(await call('getRep', {})).toEqual({ ok: true, value: { rep: policy, managed: true } });
    const change = await call('setRep', REP);
    expect(!change.ok && change.error.message).toMatch(/administrator/);
  });

  it('ignores an invalid policy and falls back to the options page', async () => {
    const { call } = await setup();
    await call('setRep', REP);
    await fakeBrowser.storage.managed.set({ rep: { name: '', email: 'nope' } });
    expect(await call('getRep', {})).toEqual({ ok: true, value: { rep: REP, managed: false } });
  });

  it('refuses an invalid email with a message naming the field', async () => {
    const { call } = await setup();
    const res = await call('setRep', { name: 'Rita', email: 'rita at example' });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!res.ok && res.error.message).toMatch(/email/);
  });
});

describe('the record on a tab', () => {
  it('remembers what a tab asked about while the tab still shows it', async () => {
    const { call } = await setup();
    const tab = await fakeBrowser.tabs.create({
      url: `https://acme.lightning.force.com/lightning/r/Lead/${ADA_SF.recordId}/view`,
    });
    const detected = {
      ref: ADA_SF,
      url: tab.url!,
      adapterId: 'salesforce-lightning',
      fields: {},
    };
    expect(await call('getTabRecord', { tabId: tab.id! })).toEqual({
      ok: true,
      value: { detected: null },
    });
    await call('getLeadContext', detected, tabSender(tab.id!));
    // Written right after the answer was posted (off the sidebar's path).
    await expect
      .poll(async () => {
        const found = await call('getTabRecord', { tabId: tab.id! });
        return found.ok && found.value.detected?.ref;
      })
      .toEqual(ADA_SF);
    // The rep navigated elsewhere in the CRM.
    await fakeBrowser.tabs.update(tab.id!, {
      url: 'https://acme.lightning.force.com/lightning/page/home',
    });
    expect(await call('getTabRecord', { tabId: tab.id! })).toEqual({
      ok: true,
      value: { detected: null },
    });
  });

  it('a record asked about from its URL alone is remembered with its fields once the tab tells them', async () => {
    const { call } = await setup();
    const url = `https://acme.lightning.force.com/lightning/r/Lead/${ADA_SF.recordId}/view`;
    const tab = await fakeBrowser.tabs.create({ url });
    const known = { ref: ADA_SF, url, adapterId: 'salesforce-lightning', fields: {} };
    await call('getLeadContext', known, tabSender(tab.id!));
    const name = {
      value: 'Ada Lovelace',
      provenance: { source: 'dom' as const, detail: 'lightning-formatted-name' },
    };
    expect(
      await call('rememberRecord', { ...known, fields: { name } }, tabSender(tab.id!)),
    ).toEqual({ ok: true, value: { remembered: true } });
    const found = await call('getTabRecord', { tabId: tab.id! });
    expect(found.ok && found.value.detected?.fields.name?.value).toBe('Ada Lovelace');
    // The URL-only ask's own remembering (after its answer) never writes over the fields.
    await new Promise((r) => setTimeout(r, 20));
    const later = await call('getTabRecord', { tabId: tab.id! });
    expect(later.ok && later.value.detected?.fields.name?.value).toBe('Ada Lovelace');
    // Not from a tab (an extension page): nothing to remember.
    expect(await call('rememberRecord', known)).toEqual({
      ok: true,
      value: { remembered: false },
    });
  });

  it('a closed tab leaves nothing behind, not even the write that waited for an answer', async () => {
    const { bg, call } = await setup();
    const url = `https://acme.lightning.force.com/lightning/r/Lead/${ADA_SF.recordId}/view`;
    const tab = await fakeBrowser.tabs.create({ url });
    const stored = async () => Object.keys(await fakeBrowser.storage.session.get(null));
    const known = { ref: ADA_SF, url, adapterId: 'salesforce-lightning', fields: {} };
    // Told with its fields, then asked about: the answer's own write is still to come when
    // the tab is closed.
    await call('rememberRecord', known, tabSender(tab.id!));
    expect(await stored()).toEqual([`tabRecord:${tab.id}`]);
    await call('getLeadContext', known, tabSender(tab.id!));
    await bg.forgetTab(tab.id!);
    expect(await stored()).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    expect(await stored()).toEqual([]);
    // Another tab's record is not touched by it.
    const other = await fakeBrowser.tabs.create({ url });
    await call('rememberRecord', known, tabSender(other.id!));
    await bg.forgetTab(tab.id!);
    expect(await stored()).toEqual([`tabRecord:${other.id}`]);
  });
});
