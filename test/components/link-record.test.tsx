import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '../../components/sidebar/Sidebar';
import type { LinkActions } from '../../components/sidebar/LinkRecord';
import { matchedContext, noHistory, NOW } from './context-fixture';

afterEach(cleanup);

const leads = [
  {
    key: 'L-0001',
    name: 'Dana Whitfield',
    email: 'dana.whitfield@northwind-analytics.com',
    company: 'Northwind Analytics',
  },
  { key: 'L-0077', name: 'Dana Whitman', email: 'dana@whitman.example', company: 'Whitman & Co' },
];

function show(context = noHistory, actions: Partial<LinkActions> = {}) {
  const linkActions: LinkActions = {
    search: vi.fn(async () => leads),
    link: vi.fn(async () => {}),
    ...actions,
  };
  render(
    <Sidebar
      state={{ kind: 'ready', context }}
      now={NOW}
      collapsed={false}
      onToggleCollapsed={() => {}}
      onRetry={() => {}}
      linkActions={linkActions}
    />,
  );
  return linkActions;
}

describe('linking a record to a lead', () => {
  it('no-history: searches with what was detected, then links the chosen lead', async () => {
    const actions = show();
    const box = screen.getByRole('searchbox', { name: /Find the lead/ }) as HTMLInputElement;
    expect(box.value).toBe('dana.whitfield@northwind-analytics.com');
    fireEvent.submit(box.closest('form')!);
    await waitFor(() => expect(screen.getAllByTestId('link-candidate')).toHaveLength(2));
    expect(actions.search).toHaveBeenCalledWith('dana.whitfield@northwind-analytics.com');
    fireEvent.click(screen.getAllByRole('button', { name: 'Link to this record' })[1]!);
    await waitFor(() => expect(actions.link).toHaveBeenCalledWith('L-0077'));
  });

  it('says when nothing matches, and when search or link fail', async () => {
    show(noHistory, { search: async () => [] });
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(screen.getByText(/No lead matches/)).toBeTruthy());
    cleanup();
    show(noHistory, {
      search: async () => {
        throw new Error('store closed');
      },
    });
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/Search failed: store closed/),
    );
    cleanup();
    show(noHistory, {
      link: async () => {
        throw new Error('record already linked elsewhere');
      },
    });
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => screen.getAllByTestId('link-candidate'));
    fireEvent.click(screen.getAllByRole('button', { name: 'Link to this record' })[0]!);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(
        /Could not link: record already linked/,
      ),
    );
  });

  it('a wrong match can be corrected from the header', async () => {
    const actions = show(matchedContext());
    expect(screen.queryByRole('search')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Wrong person?' }));
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => screen.getAllByTestId('link-candidate'));
    fireEvent.click(screen.getAllByRole('button', { name: 'Link to this record' })[1]!);
    await waitFor(() => expect(actions.link).toHaveBeenCalledWith('L-0077'));
  });

  it('does not search for an empty query', () => {
    const actions = show(noHistory);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '   ' } });
    fireEvent.submit(screen.getByRole('search'));
    expect(actions.search).not.toHaveBeenCalled();
  });
});
