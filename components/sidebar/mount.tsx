/**
 * Mounts the sidebar for one detected record inside `<tandem-sidebar>` (open shadow root) and
 * feeds it one `getLeadContext` result. Each record gets its own lifetime: `unmount()` aborts the
 * request, unmounts React and removes the element, so an old record's data can never show.
 * Collapsed state and width are remembered per CRM.
 */
import { StrictMode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { SidebarLayouts, type CrmId, type DetectedRecord } from '../../lib/model';
import { send } from '../../lib/messaging/client';
import { Sidebar, type SidebarState } from './Sidebar';
import { useNow } from '../ui/useNow';
import css from './styles.css?inline';

export const SIDEBAR_TAG = 'tandem-sidebar';
const LAYOUT_KEY = 'sidebarLayout';
type Layout = { collapsed: boolean; width: number };
const DEFAULT_LAYOUT: Layout = { collapsed: false, width: 360 };

/** Keys typed in the sidebar stay in the sidebar: the CRM's shortcuts never see them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input'] as const;

export interface MountedSidebar {
  unmount(): void;
  /** Collapses or expands (the keyboard shortcut). */
  toggle(): void;
}

async function loadLayout(crm: CrmId): Promise<Layout> {
  try {
    const raw = (await browser.storage.local.get(LAYOUT_KEY))[LAYOUT_KEY];
    const parsed = SidebarLayouts.safeParse(raw ?? {});
    return (parsed.success && parsed.data[crm]) || DEFAULT_LAYOUT;
  } catch {
    return DEFAULT_LAYOUT; // storage unavailable (extension updated under the page)
  }
}

async function saveLayout(crm: CrmId, layout: Layout): Promise<void> {
  try {
    const raw = (await browser.storage.local.get(LAYOUT_KEY))[LAYOUT_KEY];
    const parsed = SidebarLayouts.safeParse(raw ?? {});
    const all = parsed.success ? parsed.data : {};
    await browser.storage.local.set({ [LAYOUT_KEY]: { ...all, [crm]: layout } });
  } catch {
    // Not worth an error on the CRM page: the layout just is not remembered.
  }
}

export function mountSidebar(doc: Document, detected: DetectedRecord): MountedSidebar {
  const host = doc.createElement(SIDEBAR_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  container.className = 'root';
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation());
  doc.documentElement.append(host);

  const controller = new AbortController();
  const toggles = new EventTarget();
  const root: Root = createRoot(container);
  root.render(
    <StrictMode>
      <SidebarApp detected={detected} signal={controller.signal} toggles={toggles} />
    </StrictMode>,
  );
  return {
    unmount() {
      controller.abort();
      root.unmount();
      host.remove();
    },
    toggle() {
      toggles.dispatchEvent(new Event('toggle'));
    },
  };
}

function SidebarApp({
  detected,
  signal,
  toggles,
}: {
  detected: DetectedRecord;
  signal: AbortSignal;
  toggles: EventTarget;
}) {
  const [state, setState] = useState<SidebarState>({ kind: 'loading' });
  const [layout, setLayout] = useState<Layout>(DEFAULT_LAYOUT);
  const [attempt, setAttempt] = useState(0);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const crm = detected.ref.crm;

  useEffect(() => {
    let live = true;
    send('getLeadContext', detected).then(
      (context) => live && !signal.aborted && setState({ kind: 'ready', context }),
      (e: unknown) =>
        live &&
        !signal.aborted &&
        setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [detected, signal, attempt]);

  useEffect(() => {
    let live = true;
    void loadLayout(crm).then((l) => live && setLayout(l));
    return () => {
      live = false;
    };
  }, [crm]);

  const update = useCallback(
    (next: (l: Layout) => Layout) => {
      setLayout((current) => {
        const l = next(current);
        clearTimeout(saveTimer.current);
        saveTimer.current = setTimeout(() => void saveLayout(crm, l), 250);
        return l;
      });
    },
    [crm],
  );

  useEffect(() => {
    const onToggle = () => update((l) => ({ ...l, collapsed: !l.collapsed }));
    toggles.addEventListener('toggle', onToggle);
    return () => toggles.removeEventListener('toggle', onToggle);
  }, [toggles, update]);

  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const clock = useNow();
  const linkActions = useMemo(
    () => ({
      search: (query: string) => send('searchLeads', { query }),
      link: async (leadKey: string) => {
        await send('linkRecord', { leadKey, ref: detected.ref });
        retry(); // reload: the record now resolves by its CRM id
      },
    }),
    [detected, retry],
  );
  return (
    <Sidebar
      state={state}
      now={state.kind === 'ready' ? state.context.computedAt : clock}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
      collapsed={layout.collapsed}
      width={layout.width}
      onToggleCollapsed={() => update((l) => ({ ...l, collapsed: !l.collapsed }))}
      onResize={(width) => update((l) => ({ ...l, width }))}
      onRetry={retry}
      linkActions={linkActions}
    />
  );
}
