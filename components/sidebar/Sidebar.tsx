import { startTransition, useEffect, useState } from 'react';
import type React from 'react';
import type { LeadContext } from '../../lib/model';
import { t } from '../../lib/i18n';
import { ContentSection } from './ContentSection';
import { Header } from './Header';
import { NoHistory } from './NoHistory';
import { PersonaSection } from './PersonaSection';
import { ScoreSection } from './ScoreSection';
import { TimelineSection } from './TimelineSection';
import type { LinkActions } from './LinkRecord';
import { targetOf } from '../../lib/feedback';
import type { FeedbackActions } from '../feedback/actions';
import { useWithRep } from '../feedback/useWithRep';

export type SidebarState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; context: LeadContext };

export interface SidebarProps {
  state: SidebarState;
  now: number;
  timeZone?: string;
  collapsed: boolean;
  onToggleCollapsed: () => void;
  onRetry: () => void;
  /** Panel width in px (remembered per CRM by the mount). */
  width?: number;
  onResize?: (width: number) => void;
  /** Search the marketing data and link this record to a lead (no-history, wrong match). */
  linkActions?: LinkActions;
  /** Usage, content feedback and the MQL verdict; without them the sidebar is read-only. */
  feedbackActions?: FeedbackActions;
}

export const MIN_WIDTH = 280;
export const MAX_WIDTH = 720;
const KEY_STEP = 16;

/** The whole sidebar: props in, no browser calls (mounting and data live in ./mount.tsx). */
export function Sidebar({
  state,
  now,
  timeZone,
  collapsed,
  onToggleCollapsed,
  onRetry,
  width = 360,
  onResize,
  linkActions,
  feedbackActions,
}: SidebarProps) {
  const actions = useWithRep(feedbackActions);
  if (collapsed) {
    return (
      <button
        type="button"
        className="tab"
        onClick={onToggleCollapsed}
        aria-label={t('sidebarExpand')}
        aria-expanded={false}
      >
        <span aria-hidden="true">Tandem</span>
      </button>
    );
  }
  return (
    <aside className="panel" aria-label={t('sidebarLabel')} style={{ width }}>
      {onResize && <ResizeHandle width={width} onResize={onResize} />}
      <div className="toolbar">
        <span className="brand">Tandem</span>
        <button
          type="button"
          className="icon-button"
          onClick={onToggleCollapsed}
          aria-label={t('sidebarCollapse')}
          aria-expanded={true}
        >
          <span aria-hidden="true">»</span>
        </button>
      </div>
      <div className="scroll">
        <Body
          state={state}
          now={now}
          timeZone={timeZone}
          onRetry={onRetry}
          linkActions={linkActions}
          feedbackActions={actions}
        />
      </div>
    </aside>
  );
}

function Body({
  state,
  now,
  timeZone,
  onRetry,
  linkActions,
  feedbackActions,
}: Pick<
  SidebarProps,
  'state' | 'now' | 'timeZone' | 'onRetry' | 'linkActions' | 'feedbackActions'
>) {
  if (state.kind === 'loading') {
    return (
      <p className="status" role="status" aria-live="polite" data-testid="loading">
        {t('sidebarLoading')}
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="status error" role="alert" data-testid="error">
        <p>{t('sidebarError', state.message)}</p>
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  return (
    <Record
      context={state.context}
      now={now}
      timeZone={timeZone}
      linkActions={linkActions}
      feedbackActions={feedbackActions}
    />
  );
}

/**
 * A record's data. The first commit holds what fills the first screen (who this is, the match,
 * stage and SLA, the score and why); the sections below it (persona, touches, content) follow
 * once the browser has painted it (`useAfterPaint`). The rep sees the record sooner, and a long
 * history never holds up its name and score.
 */
function Record({
  context: ctx,
  now,
  timeZone,
  linkActions,
  feedbackActions,
}: Pick<SidebarProps, 'now' | 'timeZone' | 'linkActions' | 'feedbackActions'> & {
  context: LeadContext;
}) {
  const below = useAfterPaint();
  const ref = ctx.detected.ref;
  return (
    <div
      data-testid="record"
      data-crm={ref.crm}
      data-object-type={ref.objectType}
      data-record-id={ref.recordId}
    >
      {ctx.status === 'no-history' ? (
        <NoHistory context={ctx} now={now} linkActions={linkActions} />
      ) : (
        <>
          <Header
            context={ctx}
            now={now}
            linkActions={linkActions}
            feedbackActions={feedbackActions}
          />
          <SectionJumps touches={ctx.timeline.total} content={ctx.recommendations.length} />
          <ScoreSection score={ctx.score} standing={ctx.standing} now={now} />
          {below ? (
            <>
              <PersonaSection persona={ctx.persona} personas={ctx.personas} />
              <TimelineSection
                timeline={ctx.timeline}
                campaigns={ctx.campaigns}
                assets={ctx.assets}
                timeZone={timeZone}
              />
              <ContentSection
                recommendations={ctx.recommendations}
                assets={ctx.assets}
                personaName={ctx.persona.top?.personaName}
                campaigns={ctx.campaigns}
                target={targetOf(ctx)}
                actions={feedbackActions}
              />
            </>
          ) : (
            <p className="status" role="status" aria-live="polite">
              {t('sidebarLoadingMore')}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** The sections a record's jump bar leads to: the heading each one opens with. */
const JUMPS = [
  { heading: 'tandem-score', label: () => t('jumpScore') },
  { heading: 'tandem-persona', label: () => t('jumpPersona') },
  { heading: 'tandem-timeline', label: (n: Counts) => t('jumpTouches', n.touches) },
  { heading: 'tandem-content', label: (n: Counts) => t('jumpContent', n.content) },
] as const;
type Counts = { touches: number; content: number };

/**
 * A bar of the record's sections, under the header; it stays at the top of the sidebar while
 * the rep scrolls (a long touch history sits between the score and the content). A jump scrolls
 * the sidebar alone (never the CRM page) to the section and moves focus to its heading. A section
 * not rendered yet (the moment after the first screen) is not jumped to.
 */
function SectionJumps(counts: Counts) {
  const jump = (button: HTMLButtonElement, id: string) => {
    const root = button.getRootNode() as Document | ShadowRoot;
    const heading = root.getElementById(id);
    if (!heading) return;
    const scroller = heading.closest('.scroll');
    if (scroller) {
      const bar = button.closest('.jumps')?.getBoundingClientRect().height ?? 0;
      const top = heading.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      scroller.scrollTop += top - bar - 8;
    }
    heading.focus({ preventScroll: true });
  };
  return (
    <nav className="jumps" aria-label={t('jumpLabel')} data-testid="section-jumps">
      {JUMPS.map((j) => (
        <button
          key={j.heading}
          type="button"
          className="jump"
          onClick={(e) => jump(e.currentTarget, j.heading)}
        >
          {j.label(counts)}
        </button>
      ))}
    </nav>
  );
}

/**
 * False for the first commit; true once the browser has produced the frame after it. The
 * sections below the first screen are then rendered (a transition: in slices the browser can
 * paint between), so none of their work runs between the first screen's commit and its frame.
 * A document that gets no frames (a hidden tab) is not waited for: a timer stands in.
 */
function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
      startTransition(() => setPainted(true));
    };
    const frame = requestAnimationFrame(() => (timer = setTimeout(done, 0)));
    const fallback = setTimeout(done, AFTER_PAINT_FALLBACK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [painted]);
  return painted;
}
const AFTER_PAINT_FALLBACK_MS = 250;

const clamp = (w: number) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(w)));

/** Drag the left edge, or focus it and use the arrow keys. */
function ResizeHandle({ width, onResize }: { width: number; onResize: (w: number) => void }) {
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const startX = e.clientX;
    const startWidth = width;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => onResize(clamp(startWidth + (startX - ev.clientX)));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowLeft') onResize(clamp(width + KEY_STEP));
    else if (e.key === 'ArrowRight') onResize(clamp(width - KEY_STEP));
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('sidebarResize')}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
