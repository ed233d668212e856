import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataSource } from '../../components/options/DataSections';
import { t } from '../../lib/i18n';
import type { DataSummary } from '../../lib/messaging/protocol';

afterEach(cleanup);

const AT = Date.UTC(2026, 11, 7, 9, 30);
const summary = (ranking?: DataSummary['ranking']): DataSummary => ({
  workspace: { id: 'demo', name: 'Demo', updatedAt: AT },
  counts: { leads: 380 },
  imports: [],
  ...(ranking ? { ranking } : {}),
});

function show(value: DataSummary, onRank = vi.fn(async () => {}), hub = false) {
  render(
    <DataSource state={{ kind: 'ready', value }} onRetry={vi.fn()} onRank={onRank} hub={hub} />,
  );
  return onRank;
}

describe('the data source section: ranking of lead scores', () => {
  it('says how many leads were ranked and when, under the current definitions', () => {
    show(summary({ rankedAt: AT, leads: 1234, current: true, source: 'local' }));
    expect(screen.getByTestId('score-ranking').textContent).toContain(
      t('dataRanked', '1,234', new Date(AT).toLocaleString()),
    );
  });

  it('says when the team hub ranked them, over the whole workspace', () => {
    show(summary({ rankedAt: AT, leads: 9876, current: true, source: 'hub' }));
    const text = screen.getByTestId('score-ranking').textContent;
    expect(text).toContain(t('dataRankedByHub', '9,876', new Date(AT).toLocaleString()));
    expect(text).not.toContain(t('dataRanked', '9,876', new Date(AT).toLocaleString()));
  });

  it('with a team hub, waits for the hub’s ranking and asks the hub for it', () => {
    const onRank = show(
      summary({ rankedAt: AT, leads: 380, current: false, source: 'local' }),
      undefined,
      true,
    );
    expect(screen.getByTestId('score-ranking').textContent).toContain(t('dataNotRankedHub'));
    expect(screen.getByTestId('score-ranking').textContent).not.toContain(t('dataNotRanked'));
    fireEvent.click(screen.getByRole('button', { name: t('dataRankFromHub') }));
    expect(onRank).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: t('dataRankNow') })).toBeNull();
  });

  it('says the scores are not ranked when there is no ranking or it is of other definitions', () => {
    show(summary({ rankedAt: AT, leads: 380, current: false, source: 'local' }));
    expect(screen.getByTestId('score-ranking').textContent).toContain(t('dataNotRanked'));
    cleanup();
    show(summary());
    expect(screen.getByTestId('score-ranking').textContent).toContain(t('dataNotRanked'));
  });

  it('ranks on request, busy meanwhile, and says what went wrong when it fails', async () => {
    let finish!: () => void;
    const onRank = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    show(summary(), onRank);
    const button = screen.getByRole('button', { name: t('dataRankNow') });
    fireEvent.click(button);
    expect(onRank).toHaveBeenCalledOnce();
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe(t('loading'));
    finish();
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByRole('status').textContent).toBe('');

    onRank.mockImplementationOnce(() => Promise.reject(new Error('the store is closed')));
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(t('errorGeneric', 'the store is closed')),
    );
  });
});
