/**
 * Mounts the sidebar for one detected record inside `<tandem-sidebar>` (open shadow root) and
 * feeds it one `getLeadContext` result. Each record gets its own lifetime: `unmount()` aborts the
 * request, unmounts React and removes the element, so an old record's data can never show.
 * Collapsed state and width are remembered per CRM.
 */
import {
  StrictMode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { SidebarLayouts, type CrmId, type DetectedRecord, type LeadContext } from '../../lib/model';
import { send } from '../../lib/messaging/client';
import { Sidebar, type SidebarState } from './Sidebar';
import { messagingFeedbackActions } from '../feedback/messaging';
import { useNow } from '../ui/useNow';
import css from './styles.css?inline';
import feedbackCss from '../feedback/feedback.css?inline';

export const SIDEBAR_TAG = 'tandem-sidebar';
const LAYOUT_KEY = 'sidebarLayout';
type Layout = { collapsed: boolean; width: number };
const DEFAULT_LAYOUT: Layout = { collapsed: false, width: 360 };
/** How long the first render waits for the record's data before showing the loading state. */
export const LOADING_DELAY_MS = 150;
/** The user's time zone: resolving it builds a formatter, so once per page, not per render. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Keys typed in the sidebar stay in the sidebar: the CRM's shortcuts never see them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input'] as const;

export interface MountedSidebar {
  unmount(): void;
  /** Collapses or expands (the keyboard shortcut). */
  toggle(): void;
}

/**
 * The layouts this page has read or saved, per CRM: the page's next sidebar renders its first
 * frame with it at once instead of waiting for a storage read (the read still runs, and a
 * layout changed in another tab meanwhile is applied when it answers).
 */
const knownLayouts = new Map<CrmId, Layout>();

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
  knownLayouts.set(crm, layout);
  try {
    const raw = (await browser.storage.local.get(LAYOUT_KEY))[LAYOUT_KEY];
    const parsed = SidebarLayouts.safeParse(raw ?? {});
    const all = parsed.success ? parsed.data : {};
    await browser.storage.local.set({ [LAYOUT_KEY]: { ...all, [crm]: layout } });
  } catch {
    // Not worth an error on the CRM page: the layout just is not remembered.
  }
}

/**
 * The record's data, as a tiny store the React tree reads with `useSyncExternalStore`. The
 * request starts at mount (or earlier: the detector starts it while the sidebar UI script is
 * still being injected), not in an effect after React's first commit and paint; and when the
 * answer is already there at the first render, the sidebar renders it directly, without a
 * loading frame in between.
 */
function leadContextStore(
  detected: DetectedRecord,
  signal: AbortSignal,
  first: Promise<LeadContext> | undefined,
) {
  let state: SidebarState = { kind: 'loading' };
  let attempt = 0;
  let settle: () => void = () => {};
  /** Resolves once the first answer (data or error) is in. */
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const listeners = new Set<() => void>();
  const set = (next: SidebarState) => {
    if (signal.aborted) return;
    state = next;
    for (const l of listeners) l();
    if (next.kind !== 'loading') settle();
  };
  const load = (request: Promise<LeadContext>) => {
    const mine = ++attempt;
    request.then(
      (context) => mine === attempt && set({ kind: 'ready', context }),
      (e: unknown) =>
        mine === attempt &&
        set({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  load(first ?? send('getLeadContext', detected));
  return {
    settled,
    get: () => state,
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    retry: () => {
      set({ kind: 'loading' });
      load(send('getLeadContext', detected));
    },
  };
}
type LeadContextStore = ReturnType<typeof leadContextStore>;

export interface MountOptions {
  /** A `getLeadContext` request for this record already under way. */
  context?: Promise<LeadContext>;
}

export function mountSidebar(
  doc: Document,
  detected: DetectedRecord,
  opts: MountOptions = {},
): MountedSidebar {
  const host = doc.createElement(SIDEBAR_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  // The sidebar's styles and the feedback controls' it renders (both inside the shadow root).
  style.textContent = `${css}\n${feedbackCss}`;
  const container = doc.createElement('div');
  container.className = 'root';
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation());
  doc.documentElement.append(host);

  // The data and the remembered layout are asked for at once, in parallel, not by the first
  // render. The first render waits for the data (a loading frame that lasts a few ms is only a
  // flash, and rendering it delays the record), up to LOADING_DELAY_MS; then it shows the
  // loading state. Either way it is committed synchronously, not left to React's scheduler,
  // which would yield to the page's own tasks in between.
  const controller = new AbortController();
  const toggles = new EventTarget();
  const root: Root = createRoot(container);
  const store = leadContextStore(detected, controller.signal, opts.context);
  const crm = detected.ref.crm;
  let knownLayout: Layout | undefined = knownLayouts.get(crm);
  const initialLayout = loadLayout(crm).then((l) => {
    if (!controller.signal.aborted) knownLayouts.set(crm, l);
    return (knownLayout = l);
  });
  let rendered = false;
  const render = () => {
    if (rendered || controller.signal.aborted) return;
    rendered = true;
    clearTimeout(loadingTimer);
    flushSync(() =>
      root.render(
        <StrictMode>
          <SidebarApp
            detected={detected}
            store={store}
            initialLayout={initialLayout}
            knownLayout={knownLayout}
            signal={controller.signal}
            toggles={toggles}
          />
        </StrictMode>,
      ),
    );
  };
  const loadingTimer = setTimeout(render, LOADING_DELAY_MS);
  // The remembered layout (one storage read) usually comes before the data; waiting for both
  // means the first frame already has it: no expanded flash of a sidebar the rep collapsed.
  // Once this page knows it, the data alone is waited for: when it is already there (asked
  // for while the record's fields rendered), the record renders before the next frame.
  void (knownLayout ? store.settled : Promise.all([store.settled, initialLayout])).then(
    render,
    render,
  );
  return {
    unmount() {
      controller.abort();
      clearTimeout(loadingTimer);
      // Off the page at once, so nothing of this record shows any more; its requests and state
      // updates stopped with the abort above. React's own teardown of the detached tree waits
      // until the browser has rendered a frame: run while the page's layout is dirty (a CRM
      // page that has just rendered the next record), its commit forces a style and layout
      // pass of the whole page (measured: 20-60 ms on a large page), right on the way to
      // detecting and showing the next record. Hidden tabs get no frames: a timer stands in.
      host.remove();
      const win = doc.defaultView;
      let done = false;
      const teardown = () => {
        if (done) return;
        done = true;
        root.unmount();
      };
      win?.requestAnimationFrame(() => setTimeout(teardown, 0));
      setTimeout(teardown, win ? 1000 : 0);
    },
    toggle() {
      toggles.dispatchEvent(new Event('toggle'));
    },
  };
}

function SidebarApp({
  detected,
  store,
  initialLayout,
  knownLayout,
  signal,
  toggles,
}: {
  detected: DetectedRecord;
  store: LeadContextStore;
  initialLayout: Promise<Layout>;
  /** The remembered layout, when it was read before the first render. */
  knownLayout?: Layout;
  signal: AbortSignal;
  toggles: EventTarget;
}) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const [layout, setLayout] = useState<Layout>(knownLayout ?? DEFAULT_LAYOUT);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const crm = detected.ref.crm;

  useEffect(() => {
    void initialLayout.then((l) => {
      if (signal.aborted) return;
      // Unchanged (the usual case): no second render of the whole sidebar.
      setLayout((current) =>
        current.collapsed === l.collapsed && current.width === l.width ? current : l,
      );
    });
  }, [initialLayout, signal]);

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

  const retry = store.retry;
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
      timeZone={TIME_ZONE}
      collapsed={layout.collapsed}
      width={layout.width}
      onToggleCollapsed={() => update((l) => ({ ...l, collapsed: !l.collapsed }))}
      onResize={(width) => update((l) => ({ ...l, width }))}
      onRetry={retry}
      linkActions={linkActions}
      feedbackActions={messagingFeedbackActions}
    />
  );
}
