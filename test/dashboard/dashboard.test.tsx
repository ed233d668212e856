import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dashboard, type DashboardFilters } from '../../components/pages/Dashboard';
import { aggregateDashboard } from '../../lib/dashboard/aggregate';
import { FROM, NOW, TZ, defs, sampleEvents, usage } from './fixture';

afterEach(cleanup);
const filters: DashboardFilters = { range: '30d', campaignId: '', search: '' };
const props = { filters, onFilters: () => {}, onRetry: () => {}, onPrint: () => {} };
const data = (events = sampleEvents()) =>
  aggregateDashboard(events, defs, { query: { from: FROM, timeZone: TZ }, now: NOW });

describe('dashboard page', () => {
  it('shows loading, then an error with a retry', () => {
    const onRetry = vi.fn();
    const { rerender } = render(<Dashboard {...props} state={{ kind: 'loading' }} />);
    expect(screen.getByTestId('dashboard-loading').getAttribute('role')).toBe('status');
    rerender(
      <Dashboard {...props} onRetry={onRetry} state={{ kind: 'error', message: 'no worker' }} />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/no worker/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('explains how data arrives when there are no events at all', () => {
    render(<Dashboard {...props} state={{ kind: 'ready', data: data([]), refreshing: false }} />);
    expect(screen.getByTestId('dashboard-empty').textContent).toMatch(/sidebar on a CRM record/);
    expect(screen.getByTestId('usage-table')).toBeTruthy(); // the library, all zeros
    expect(screen.getByTestId('feedback-table-empty')).toBeTruthy();
  });

  it('says when the filters exclude every event', () => {
    const onlyOld = [
      usage(FROM - 1, { name: 'A', email: 'a@x.io' }, { action: 'copied', assetId: 'A1' }),
    ];
    render(
      <Dashboard {...props} state={{ kind: 'ready', data: data(onlyOld), refreshing: false }} />,
    );
    expect(screen.getByTestId('dashboard-empty-range')).toBeTruthy();
    expect(screen.queryByTestId('dashboard-empty')).toBeNull();
  });

  it('shows the numbers, sorts a table by its header and keeps stale data while refreshing', () => {
    render(<Dashboard {...props} state={{ kind: 'ready', data: data(), refreshing: true }} />);
    expect(screen.getByTestId('total-feedback').textContent).toBe('8');
    expect(screen.getByText('Updating…')).toBeTruthy();
    const table = screen.getByTestId('usage-table');
    const keys = () =>
      within(table)
        .getAllByTestId('usage-table-row')
        .map((r) => r.getAttribute('data-key'));
    expect(keys()).toEqual(['A1', 'A3', 'A2', 'A4']);
    const header = within(table).getByRole('button', { name: /^Asset/ });
    fireEvent.click(header);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(keys()).toEqual(['A2', 'A3', 'A4', 'A1']); // Buyer…, Case…, Old…, ROI…
    fireEvent.click(header);
    expect(keys()).toEqual(['A1', 'A4', 'A3', 'A2']);
    fireEvent.change(screen.getByTestId('usage-table-filter'), { target: { value: 'case' } });
    expect(keys()).toEqual(['A3']);
    expect(screen.getByTestId('feedback-falling')).toBeTruthy();
  });

  it('exports a table as formula-safe CSV', async () => {
    const hostile = { name: '=HYPERLINK("http://x")', email: 'h@x.io' };
    const d = data([usage(FROM, hostile, { action: 'sent', assetId: 'A1' })]);
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:test';
    });
    render(<Dashboard {...props} state={{ kind: 'ready', data: d, refreshing: false }} />);
    fireEvent.click(screen.getByTestId('reps-table-csv'));
    const text = await blob!.text();
    expect(text.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",h@x\.io,0,1,1,/);
  });

  it('changes filters and searches insights by tag', () => {
    const onFilters = vi.fn();
    render(
      <Dashboard
        {...props}
        onFilters={onFilters}
        state={{ kind: 'ready', data: data(), refreshing: false }}
      />,
    );
    fireEvent.change(screen.getByTestId('filter-campaign'), { target: { value: 'C2' } });
    expect(onFilters).toHaveBeenLastCalledWith({ ...filters, campaignId: 'C2' });
    fireEvent.click(screen.getByRole('button', { name: /Search for security/ }));
    expect(onFilters).toHaveBeenLastCalledWith({ ...filters, search: 'security' });
  });
});
