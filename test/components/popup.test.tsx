import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackActions } from '../../components/feedback/actions';
import { Popup, type PopupProps } from '../../components/pages/Popup';
import type { FeedbackOptions } from '../../lib/messaging/protocol';
import { TandemEvent, type EventDraftInput } from '../../lib/model';
import { matchedContext, noHistory, NOW } from './context-fixture';

afterEach(cleanup);
const REP = { name: 'Rita Rep', email: 'rita@seller.example' };
const ctx = matchedContext();
const options: FeedbackOptions = {
  assets: ctx.assets,
  campaigns: ctx.campaigns,
  recentAssetIds: ['a2'],
  rejectionReasons: [{ id: 'bad_fit', label: 'Bad fit' }],
};

function show(overrides: Partial<PopupProps> = {}) {
  let ids = 0;
  const record = vi.fn(async (draft: EventDraftInput) => {
    const event = TandemEvent.parse({ ...draft, rep: REP });
    return { status: 'added' as const, event, undoUntil: event.at + 10_000 };
  });
  const actions: FeedbackActions = {
    record,
    undo: vi.fn(async () => ({ undone: true })),
    copy: vi.fn(async () => {}),
    newId: () => `0190a000-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    clock: () => NOW,
  };
  const props: PopupProps = {
    record: { kind: 'ready', value: ctx },
    options: { kind: 'ready', value: options },
    rep: { kind: 'ready', value: { rep: REP, managed: false } },
    outbox: {
      kind: 'ready',
      value: { queued: 2, delivered: 5, local: 1, failing: 0, hubConfigured: false },
    },
    actions,
    onSaveRep: vi.fn(async () => {}),
    onRetry: vi.fn(),
    onOpenDashboard: vi.fn(),
    onOpenOptions: vi.fn(),
    ...overrides,
  };
  render(<Popup {...props} />);
  return { props, record };
}

describe('popup', () => {
  it("sums up the lead's score with where it stands, once the leads were ranked", () => {
    const standing = { rank: 12, of: 380, topPercent: 4, rankedAt: NOW };
    show({ record: { kind: 'ready', value: { ...ctx, standing } } });
    expect(screen.getByTestId('popup-record').textContent).toContain(
      `score ${ctx.score.total} (top 4%) · `,
    );
    cleanup();
    show();
    expect(screen.getByTestId('popup-record').textContent).not.toContain('top');
  });

  it('shows who is on the tab and rates the asset last used with them by default', async () => {
    const { record } = show();
    expect(screen.getByTestId('popup-record-name').textContent).toBe('Dana Whitfield');
    expect(screen.getByTestId('popup-record').textContent).toMatch(/Demand Gen Leader · score/);
    expect(screen.getByTestId('asset-selected').textContent).toBe('Rating: ROI calculator');
    fireEvent.click(screen.getByTestId('chip-needs_pricing'));
    fireEvent.change(screen.getByTestId('feedback-note'), { target: { value: 'asked for EUR' } });
    fireEvent.click(screen.getByTestId('feedback-missing_info'));
    await screen.findByText('Saved: marketing will see it.');
    expect(record.mock.calls[0]![0]).toMatchObject({
      kind: 'content_feedback',
      assetId: 'a2',
      rating: 'missing_info',
      reasons: ['needs_pricing'],
      note: 'asked for EUR',
      leadKey: 'L-0001',
      context: { stage: 'mql', personaName: 'Demand Gen Leader' },
    });
  });

  it('works with no record: content and insights, but no verdict', () => {
    show({ record: { kind: 'ready', value: null } });
    expect(screen.getByTestId('popup-no-record')).toBeTruthy();
    expect(screen.getByTestId('asset-selected').textContent).toBe('Rating: ROI calculator');
    fireEvent.click(screen.getByTestId('popup-tab-verdict'));
    expect(screen.getByTestId('verdict-needs-lead')).toBeTruthy();
    fireEvent.click(screen.getByTestId('popup-tab-insight'));
    expect(screen.getByTestId('insight-text')).toBeTruthy();
  });

  it('shows a record with no marketing data', () => {
    show({ record: { kind: 'ready', value: noHistory } });
    expect(screen.getByTestId('popup-record').textContent).toMatch(/Dana Whitfield/);
  });

  it('moves between the three actions with the arrow keys', () => {
    show();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(screen.getByTestId('popup-tab-verdict').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('popup-tab-verdict'));
    fireEvent.keyDown(tabs[1]!, { key: 'ArrowLeft' });
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowLeft' });
    expect(screen.getByTestId('popup-tab-insight').getAttribute('aria-selected')).toBe('true');
  });

  it('gives a verdict from the verdict tab with the workspace’s reasons', async () => {
    const { record } = show();
    fireEvent.click(screen.getByTestId('popup-tab-verdict'));
    fireEvent.click(screen.getByTestId('verdict-reject'));
    const select = screen.getByTestId('verdict-reason');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a reason', 'Bad fit']);
    fireEvent.change(select, { target: { value: 'bad_fit' } });
    fireEvent.click(screen.getByTestId('verdict-submit'));
    await screen.findByText('MQL rejected: Bad fit.');
    expect(record.mock.calls[0]![0]).toMatchObject({ verdict: 'rejected', reasonId: 'bad_fit' });
  });

  it('asks the rep who they are when nobody is set', async () => {
    const onSaveRep = vi.fn(async () => {});
    show({ rep: { kind: 'ready', value: { managed: false } }, onSaveRep });
    fireEvent.change(screen.getByTestId('rep-name'), { target: { value: 'Rita Rep' } });
    fireEvent.change(screen.getByTestId('rep-email'), { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByTestId('rep-save'));
    expect((await screen.findByText(/^Work email: /)).textContent).toMatch(/email/i);
    expect(onSaveRep).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('rep-email'), { target: { value: 'rita@seller.example' } });
    fireEvent.click(screen.getByTestId('rep-save'));
    await screen.findByText('Saved.');
    expect(onSaveRep).toHaveBeenCalledWith(REP);
  });

  it('shows the outbox counts, failures, and loading and error states', () => {
    show({
      outbox: {
        kind: 'ready',
        value: {
          queued: 3,
          delivered: 7,
          local: 0,
          failing: 2,
          lastError: 'hub unreachable',
          hubConfigured: true,
        },
      },
    });
    const line = screen.getByTestId('outbox-status');
    expect(line.textContent).toMatch(/3 queued · 7 delivered · 0 on this device/);
    expect(line.textContent).toMatch(/2 failed to send, retrying: hub unreachable/);
    cleanup();
    show({
      record: { kind: 'loading' },
      options: { kind: 'error', message: 'worker gone' },
      outbox: { kind: 'loading' },
    });
    expect(screen.getByTestId('popup-record-loading')).toBeTruthy();
    expect(screen.getByText('Reading the outbox…')).toBeTruthy();
    expect(screen.getAllByRole('alert')[0]!.textContent).toMatch(/worker gone/);
  });
});
