import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { waitFor } from '@testing-library/react';
import { act } from 'react';
import {
  LOADING_DELAY_MS,
  mountSidebar,
  type MountedSidebar,
} from '../../components/sidebar/mount';
import { listen } from '../../lib/messaging/server';
import { detected, noHistory } from './context-fixture';

let mounted: MountedSidebar | undefined;
afterEach(() => {
  act(() => mounted?.unmount());
  mounted = undefined;
});

const shadow = () => document.querySelector('tandem-sidebar')?.shadowRoot;

describe('mountSidebar', () => {
  it('renders the context in an open shadow root and removes everything on unmount', async () => {
    listen({ getLeadContext: () => noHistory });
    act(() => {
      mounted = mountSidebar(document, detected);
    });
    await waitFor(() => expect(shadow()?.querySelector('[data-testid="no-history"]')).toBeTruthy());
    expect(shadow()!.querySelector('style')).toBeTruthy();
    act(() => mounted!.unmount());
    mounted = undefined;
    expect(document.querySelector('tandem-sidebar')).toBeNull();
  });

  it('renders the record directly when its data comes quickly: no loading frame first', async () => {
    listen({ getLeadContext: () => noHistory });
    const seen: string[] = [];
    const watch = new MutationObserver(() => {
      const root = shadow();
      if (!root) return;
      for (const el of root.querySelectorAll('[data-testid]'))
        seen.push(el.getAttribute('data-testid')!);
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
    act(() => {
      mounted = mountSidebar(document, detected);
    });
    const root = shadow()!;
    watch.observe(root, { childList: true, subtree: true });
    await waitFor(() => expect(root.querySelector('[data-testid="no-history"]')).toBeTruthy());
    watch.disconnect();
    expect(seen).toContain('no-history');
    expect(seen).not.toContain('loading');
  });

  it('shows the loading state when the data is slow, then the record', async () => {
    let answer: () => void = () => {};
    listen({
      getLeadContext: () =>
        new Promise<typeof noHistory>((resolve) => (answer = () => resolve(noHistory))),
    });
    act(() => {
      mounted = mountSidebar(document, detected);
    });
    expect(shadow()!.querySelector('[data-testid]')).toBeNull();
    await waitFor(() => expect(shadow()!.querySelector('[data-testid="loading"]')).toBeTruthy(), {
      timeout: LOADING_DELAY_MS + 1000,
    });
    act(() => answer());
    await waitFor(() => expect(shadow()!.querySelector('[data-testid="no-history"]')).toBeTruthy());
    expect(shadow()!.querySelector('[data-testid="loading"]')).toBeNull();
  });

  it('shows an error with a retry when the background fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    listen({
      getLeadContext: () => {
        throw new Error('store unavailable');
      },
    });
    act(() => {
      mounted = mountSidebar(document, detected);
    });
    await waitFor(() =>
      expect(shadow()?.querySelector('[role="alert"]')?.textContent).toMatch(/store unavailable/),
    );
  });

  it('remembers collapsed per CRM: toggle, then a new mount starts collapsed', async () => {
    listen({ getLeadContext: () => noHistory });
    act(() => {
      mounted = mountSidebar(document, detected);
    });
    await waitFor(() => expect(shadow()?.querySelector('[data-testid="record"]')).toBeTruthy());
    act(() => mounted!.toggle());
    await waitFor(() => expect(shadow()?.querySelector('button.tab')).toBeTruthy());
    await waitFor(async () =>
      expect((await fakeBrowser.storage.local.get('sidebarLayout')).sidebarLayout).toEqual({
        salesforce: { collapsed: true, width: 360 },
      }),
    );
    act(() => mounted!.unmount());
    act(() => {
      mounted = mountSidebar(document, detected);
    });
    await waitFor(() => expect(shadow()?.querySelector('button.tab')).toBeTruthy());
  });

  it('keeps keys typed in the sidebar away from the CRM page', async () => {
    listen({ getLeadContext: () => noHistory });
    act(() => {
      mounted = mountSidebar(document, detected);
    });
    let pageSaw = 0;
    const onKey = () => pageSaw++;
    document.addEventListener('keydown', onKey);
    shadow()!
      .querySelector('.root')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'g', bubbles: true, composed: true }));
    document.removeEventListener('keydown', onKey);
    expect(pageSaw).toBe(0);
  });
});
