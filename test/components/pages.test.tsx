import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Options } from '../../components/pages/Options';
import { StoreStatusView } from '../../components/pages/StoreStatusView';

afterEach(cleanup);
const NOW = Date.UTC(2026, 10, 23, 12);
const ready = {
  kind: 'ready' as const,
  value: {
    seeded: true,
    workspaceName: 'Demo',
    leads: 300,
    touches: 20456,
    dataUpdatedAt: NOW - 3 * 3_600_000,
  },
};

describe('store status on the options page', () => {
  it('shows loading, error with retry, empty and ready states', () => {
    const onRetry = vi.fn();
    const common = { onRetry, now: NOW };
    const { rerender } = render(<StoreStatusView state={{ kind: 'loading' }} {...common} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    rerender(<StoreStatusView state={{ kind: 'error', message: 'no worker' }} {...common} />);
    expect(screen.getByRole('alert').textContent).toMatch(/no worker/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
    rerender(
      <StoreStatusView
        state={{ kind: 'ready', value: { seeded: false, leads: 0, touches: 0 } }}
        {...common}
      />,
    );
    expect(screen.getByTestId('store-empty')).toBeTruthy();
    rerender(<StoreStatusView state={ready} {...common} />);
    expect(screen.getByTestId('store-status').textContent).toMatch(/300 leads, 20,456 touches/);
  });
});

describe('options: reset to demo', () => {
  const base = { status: ready, onRetry: () => {}, version: '0.1.0', now: NOW };

  it('does nothing when the user does not confirm', () => {
    const onResetDemo = vi.fn(async () => {});
    render(<Options {...base} onResetDemo={onResetDemo} confirm={() => false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset to the demo workspace' }));
    expect(onResetDemo).not.toHaveBeenCalled();
  });

  it('reports success', async () => {
    render(<Options {...base} onResetDemo={async () => {}} confirm={() => true} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset to the demo workspace' }));
    await waitFor(() => expect(screen.getByText('The demo workspace is loaded.')).toBeTruthy());
  });

  it('reports a failure with its reason', async () => {
    const fail = async () => {
      throw new Error('quota exceeded');
    };
    render(<Options {...base} onResetDemo={fail} confirm={() => true} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset to the demo workspace' }));
    await waitFor(() => expect(screen.getByText(/quota exceeded/)).toBeTruthy());
  });
});

describe('options: the list of sections', () => {
  const base = {
    status: ready,
    onRetry: () => {},
    version: '0.1.0',
    now: NOW,
    onResetDemo: async () => {},
    confirm: () => false,
  };
  const section = (heading: string) => (
    <section aria-labelledby={`${heading}-h`}>
      <h2 id={`${heading}-h`}>{heading}</h2>
    </section>
  );

  it('links every section it shows, in page order, each link to the section under its name', () => {
    const { container } = render(
      <Options
        {...base}
        hub={section('Team hub')}
        imports={section('Import')}
        rep={section('Your identity')}
        crms={section('CRMs')}
      />,
    );
    const nav = screen.getByRole('navigation', { name: 'Sections of the settings' });
    const links = [...nav.querySelectorAll('a')];
    const names = links.map((a) => a.textContent);
    // Export was not given: no link to it.
    expect(names).toEqual([
      'Data',
      'Team hub',
      'Import',
      'Your identity',
      'CRMs',
      'Privacy',
      'About',
    ]);
    const targets = links.map((a) => container.querySelector(a.getAttribute('href')!));
    // Each target holds the heading the link names, and the targets follow the links' order.
    targets.forEach((target, i) => expect(target?.querySelector('h2')?.textContent).toBe(names[i]));
    for (let i = 1; i < targets.length; i++) {
      const order = targets[i - 1]!.compareDocumentPosition(targets[i]!);
      expect(order & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });
});
