import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackActions } from '../../components/feedback/actions';
import { assetGroups, AssetPicker } from '../../components/feedback/AssetPicker';
import { InsightForm, parseTags } from '../../components/feedback/InsightForm';
import { VerdictControl } from '../../components/feedback/VerdictControl';
import { Sidebar } from '../../components/sidebar/Sidebar';
import { repRef } from '../../lib/feedback';
import { TandemEvent, type EventDraftInput } from '../../lib/model';
import { matchedContext, NOW, sectionsBelow } from './context-fixture';

afterEach(cleanup);
const REP = { name: 'Rita Rep', email: 'rita@seller.example' };

/** Actions over an in-memory "background" that stores by id, like the real one. */
function fakeActions(overrides: Partial<FeedbackActions> = {}) {
  let time = NOW;
  let ids = 0;
  const stored = new Map<string, TandemEvent>();
  const record = vi.fn(async (draft: EventDraftInput) => {
    const event = TandemEvent.parse({ ...draft, rep: REP });
    const status = stored.has(event.id) ? ('duplicate' as const) : ('added' as const);
    if (status === 'added') stored.set(event.id, event);
    return { status, event: stored.get(event.id)!, undoUntil: event.at + 10_000 };
  });
  const undo = vi.fn(async (id: string) => ({ undone: stored.delete(id) }));
  const actions: FeedbackActions = {
    record,
    undo,
    copy: vi.fn(async () => {}),
    newId: () => `0190a000-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    clock: () => time,
    rep: REP,
    ...overrides,
  };
  return {
    actions,
    record,
    undo,
    stored,
    advance: (ms: number) => (time += ms),
  };
}

async function showSidebar(actions: FeedbackActions, context = matchedContext()) {
  render(
    <Sidebar
      state={{ kind: 'ready', context }}
      now={NOW}
      timeZone="UTC"
      collapsed={false}
      onToggleCollapsed={() => {}}
      onRetry={() => {}}
      feedbackActions={actions}
    />,
  );
  await sectionsBelow();
}

const firstAsset = () => screen.getAllByTestId('asset')[0]!;

describe('inline content feedback in the sidebar', () => {
  it('records one rating per click with the record, lead and what the rep saw', async () => {
    const fake = fakeActions();
    await showSidebar(fake.actions);
    const useful = within(firstAsset()).getByTestId('feedback-useful');
    // A double click: the second click lands while the first is saving.
    fireEvent.click(useful);
    fireEvent.click(useful);
    await within(firstAsset()).findByText('Saved: marketing will see it.');
    expect(fake.record).toHaveBeenCalledOnce();
    expect(fake.stored.size).toBe(1);
    expect([...fake.stored.values()][0]).toMatchObject({
      kind: 'content_feedback',
      assetId: 'a1',
      rating: 'useful',
      leadKey: 'L-0001',
      record: { recordId: '00Q5g00000ABCDeEAP' },
      context: { personaName: 'Demand Gen Leader', score: expect.any(Number), stage: 'mql' },
    });
    expect(useful.getAttribute('aria-pressed')).toBe('true');
  });

  it('stores a double click that outran the reply once; the same rating later is new', async () => {
    const fake = fakeActions();
    await showSidebar(fake.actions);
    const useful = within(firstAsset()).getByTestId('feedback-useful');
    fireEvent.click(useful);
    await within(firstAsset()).findByText('Saved: marketing will see it.');
    fireEvent.click(useful);
    await within(firstAsset()).findByText('Already saved.');
    expect(fake.record).toHaveBeenCalledTimes(2);
    expect(fake.stored.size).toBe(1);
    fake.advance(60_000);
    fireEvent.click(useful);
    await within(firstAsset()).findByText('Saved: marketing will see it.');
    expect(fake.stored.size).toBe(2);
  });

  it('offers undo for 10 seconds, then withdraws the event', async () => {
    const fake = fakeActions();
    await showSidebar(fake.actions);
    fireEvent.click(within(firstAsset()).getByTestId('feedback-outdated'));
    const undo = await within(firstAsset()).findByTestId('undo');
    expect(undo.textContent).toBe('Undo (10 s)');
    fireEvent.click(undo);
    await within(firstAsset()).findByTestId('undone');
    expect(fake.undo).toHaveBeenCalledWith([...fake.record.mock.calls][0]![0].id);
    expect(fake.stored.size).toBe(0);
  });

  it('hides undo once the window has passed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const fake = fakeActions();
      await showSidebar(fake.actions);
      fireEvent.click(within(firstAsset()).getByTestId('feedback-useful'));
      await vi.waitFor(() => within(firstAsset()).getByTestId('undo'));
      fake.advance(10_001);
      // The undo countdown ticks on an interval; its re-render may take a moment on a busy machine.
      await vi.waitFor(async () => {
        await act(async () => {
          vi.advanceTimersByTime(300);
        });
        expect(within(firstAsset()).queryByTestId('undo')).toBeNull();
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the background’s error and retries with the same id (stored once)', async () => {
    const fake = fakeActions();
    const flaky = vi
      .fn<FeedbackActions['record']>()
      .mockRejectedValueOnce(new Error('the worker restarted'))
      .mockImplementation((d) => fake.actions.record(d));
    await showSidebar({ ...fake.actions, record: flaky });
    const button = within(firstAsset()).getByTestId('feedback-not_relevant');
    fireEvent.click(button);
    expect((await within(firstAsset()).findByRole('alert')).textContent).toMatch(
      /the worker restarted/,
    );
    fireEvent.click(button);
    await within(firstAsset()).findByText('Saved: marketing will see it.');
    expect(flaky.mock.calls[0]![0].id).toBe(flaky.mock.calls[1]![0].id);
  });

  it('copies a tracked link and records the copy; falls back to a selectable field', async () => {
    const fake = fakeActions();
    await showSidebar(fake.actions);
    fireEvent.click(within(firstAsset()).getByTestId('asset-copy'));
    await within(firstAsset()).findByText('Tracked link copied.');
    const link = new URL(vi.mocked(fake.actions.copy).mock.calls[0]![0]);
    expect(link.searchParams.get('utm_content')).toBe('a1');
    expect(link.searchParams.get('tandem_rep')).toBe(repRef(REP));
    expect([...fake.stored.values()][0]).toMatchObject({ kind: 'asset_usage', action: 'copied' });

    cleanup();
    const blocked = fakeActions({ copy: vi.fn(async () => Promise.reject(new Error('denied'))) });
    await showSidebar(blocked.actions);
    fireEvent.click(within(firstAsset()).getByTestId('asset-copy'));
    const field = (await within(firstAsset()).findByTestId('asset-link')) as HTMLInputElement;
    expect(field.value).toMatch(/^https:\/\/www\.acme-revenue\.example\/r\/1\?utm_source=tandem/);
    expect(blocked.stored.size).toBe(1);
  });

  it('marks an asset as sent; an asset without a web link cannot be copied', async () => {
    const fake = fakeActions();
    await showSidebar(fake.actions);
    const second = screen.getAllByTestId('asset')[1]!; // its URL is javascript:
    expect((within(second).getByTestId('asset-copy') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(second).getByTestId('asset-sent'));
    await within(second).findByText('Marked as sent.');
    expect([...fake.stored.values()][0]).toMatchObject({ action: 'sent', assetId: 'a2' });
  });

  it('is read-only without actions', async () => {
    render(
      <Sidebar
        state={{ kind: 'ready', context: matchedContext() }}
        now={NOW}
        collapsed={false}
        onToggleCollapsed={() => {}}
        onRetry={() => {}}
      />,
    );
    await sectionsBelow();
    expect(screen.getAllByTestId('asset').length).toBeGreaterThan(0);
    expect(screen.queryByTestId('feedback-useful')).toBeNull();
    expect(screen.queryByTestId('verdict-accept')).toBeNull();
  });
});

describe('the MQL verdict', () => {
  it('appears on MQLs in the sidebar header and not on other stages', async () => {
    const fake = fakeActions();
    await showSidebar(fake.actions);
    expect(screen.getByTestId('verdict-accept')).toBeTruthy();
    cleanup();
    const ctx = matchedContext();
    await showSidebar(fake.actions, { ...ctx, sla: { ...ctx.sla, stage: 'customer' } });
    expect(screen.queryByTestId('verdict-accept')).toBeNull();
  });

  it('needs a reason to reject, then records it with the note', async () => {
    const fake = fakeActions();
    render(
      <VerdictControl
        target={{ leadKey: 'L-1' }}
        reasons={[
          { id: 'not_ready', label: 'Not ready' },
          { id: 'student', label: 'Student or personal address' },
        ]}
        actions={fake.actions}
      />,
    );
    fireEvent.click(screen.getByTestId('verdict-reject'));
    fireEvent.click(screen.getByTestId('verdict-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Choose why you reject this lead.');
    expect(fake.record).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('verdict-reason'), { target: { value: 'student' } });
    fireEvent.change(screen.getByTestId('verdict-note'), { target: { value: 'gmail address' } });
    fireEvent.click(screen.getByTestId('verdict-submit'));
    await screen.findByText('MQL rejected: Student or personal address.');
    expect([...fake.stored.values()][0]).toMatchObject({
      verdict: 'rejected',
      reasonId: 'student',
      note: 'gmail address',
      leadKey: 'L-1',
    });
  });

  it('refuses an over-long note before sending, naming the field', async () => {
    const fake = fakeActions();
    render(
      <VerdictControl
        target={{ leadKey: 'L-1' }}
        reasons={[{ id: 'not_ready', label: 'Not ready' }]}
        actions={fake.actions}
      />,
    );
    fireEvent.click(screen.getByTestId('verdict-reject'));
    fireEvent.change(screen.getByTestId('verdict-reason'), { target: { value: 'not_ready' } });
    fireEvent.change(screen.getByTestId('verdict-note'), { target: { value: 'x'.repeat(1005) } });
    expect(screen.getByText('5 characters too many')).toBeTruthy();
    fireEvent.click(screen.getByTestId('verdict-submit'));
    expect((await screen.findByTestId('action-error')).textContent).toBe(
      'note: notes are limited to 1000 characters',
    );
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('accepts in one click', async () => {
    const fake = fakeActions();
    render(<VerdictControl target={{ leadKey: 'L-1' }} reasons={[]} actions={fake.actions} />);
    fireEvent.click(screen.getByTestId('verdict-accept'));
    await screen.findByText('MQL accepted.');
    expect([...fake.stored.values()][0]).toMatchObject({ verdict: 'accepted' });
  });
});

describe('field insights', () => {
  it('sends category, text and tags, then clears the form', async () => {
    const fake = fakeActions();
    render(<InsightForm target={{}} actions={fake.actions} />);
    fireEvent.click(screen.getByTestId('insight-competitor'));
    fireEvent.change(screen.getByTestId('insight-text'), {
      target: { value: 'Evaluating Acme Cloud' },
    });
    fireEvent.change(screen.getByTestId('insight-tags'), {
      target: { value: 'acme, pricing,, acme' },
    });
    fireEvent.click(screen.getByTestId('insight-submit'));
    await screen.findByText('Insight saved: marketing will see it.');
    expect([...fake.stored.values()][0]).toMatchObject({
      kind: 'field_insight',
      category: 'competitor',
      text: 'Evaluating Acme Cloud',
      tags: ['acme', 'pricing'],
    });
    expect((screen.getByTestId('insight-text') as HTMLTextAreaElement).value).toBe('');
  });

  it('says what is missing when the text is empty', async () => {
    const fake = fakeActions();
    render(<InsightForm target={{}} actions={fake.actions} />);
    fireEvent.click(screen.getByTestId('insight-submit'));
    expect((await screen.findByTestId('action-error')).textContent).toBe(
      'text: say what you heard',
    );
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('parses tags', () => {
    expect(parseTags(' a, b ,,a , c')).toEqual(['a', 'b', 'c']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('the asset picker', () => {
  const assets = matchedContext().assets.concat([
    { ...matchedContext().assets[0]!, id: 'a3', title: 'Café pricing FAQ', type: 'faq' as never },
  ]);
  const names = new Map([['c1', 'Q4 nurture']]);

  it('lists this lead’s recent assets, then recommendations, then the rest, each once', () => {
    const groups = assetGroups(assets, '', ['a2'], ['a2', 'a1'], names);
    expect(groups.map((g) => [g.label, g.assets.map((a) => a.id)])).toEqual([
      ['Used with this lead', ['a2']],
      ['Recommended', ['a1']],
      ['Content library', ['a3']],
    ]);
  });

  it('searches titles, types and campaigns, ignoring case and accents', () => {
    expect(assetGroups(assets, 'cafe FAQ', [], [], names)[0]!.assets.map((a) => a.id)).toEqual([
      'a3',
    ]);
    expect(assetGroups(assets, 'calculator', [], [], names)[0]!.assets.map((a) => a.id)).toEqual([
      'a2',
    ]);
  });

  it('is driven by the keyboard and says when nothing matches', () => {
    const onSelect = vi.fn();
    render(
      <AssetPicker
        assets={assets}
        recentIds={[]}
        recommendedIds={[]}
        campaignNames={names}
        onSelect={onSelect}
      />,
    );
    const box = screen.getByRole('combobox');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(assets[1]!.id);
    fireEvent.change(box, { target: { value: 'zzz' } });
    expect(screen.getByText('No asset matches “zzz”.')).toBeTruthy();
  });
});
