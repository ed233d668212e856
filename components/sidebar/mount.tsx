/**
 * Mounts the sidebar for one detected record inside `<tandem-sidebar>` (open shadow root) and
 * feeds it one `getLeadContext` result. Each record gets its own lifetime: `unmount()` aborts the
 * request, unmounts React and removes the element, so an old record's data can never show.
 */
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { DetectedRecord } from '../../lib/model';
import { send } from '../../lib/messaging/client';
import { Sidebar, type SidebarState } from './Sidebar';
import { useNow } from '../ui/useNow';
import css from './styles.css?inline';

export const SIDEBAR_TAG = 'tandem-sidebar';

/** Keys typed in the sidebar stay in the sidebar: the CRM's shortcuts never see them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input'] as const;

export interface MountedSidebar {
  unmount(): void;
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
  const root: Root = createRoot(container);
  root.render(
    <StrictMode>
      <SidebarApp detected={detected} signal={controller.signal} />
    </StrictMode>,
  );
  return {
    unmount() {
      controller.abort();
      root.unmount();
      host.remove();
    },
  };
}

function SidebarApp({ detected, signal }: { detected: DetectedRecord; signal: AbortSignal }) {
  const [state, setState] = useState<SidebarState>({ kind: 'loading' });
  const [collapsed, setCollapsed] = useState(false);
  const [attempt, setAttempt] = useState(0);

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

  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const clock = useNow();
  return (
    <Sidebar
      state={state}
      now={state.kind === 'ready' ? state.context.computedAt : clock}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
      collapsed={collapsed}
      onToggleCollapsed={() => setCollapsed((c) => !c)}
      onRetry={retry}
    />
  );
}
