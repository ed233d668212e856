import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { waitFor } from '@testing-library/react';
import { act } from 'react';
import { mountSidebar, type MountedSidebar } from '../../components/sidebar/mount';
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
