import type { LeadContext } from '../../lib/model';
import { t } from '../../lib/i18n';
import { ContentSection } from './ContentSection';
import { Header } from './Header';
import { NoHistory } from './NoHistory';
import { PersonaSection } from './PersonaSection';
import { ScoreSection } from './ScoreSection';
import { TimelineSection } from './TimelineSection';

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
}

/** The whole sidebar: props in, no browser calls (mounting and data live in ./mount.tsx). */
export function Sidebar({
  state,
  now,
  timeZone,
  collapsed,
  onToggleCollapsed,
  onRetry,
}: SidebarProps) {
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
    <aside className="panel" aria-label={t('sidebarLabel')}>
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
        <Body state={state} now={now} timeZone={timeZone} onRetry={onRetry} />
      </div>
    </aside>
  );
}

function Body({
  state,
  now,
  timeZone,
  onRetry,
}: Pick<SidebarProps, 'state' | 'now' | 'timeZone' | 'onRetry'>) {
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
  const ctx = state.context;
  const ref = ctx.detected.ref;
  return (
    <div
      data-testid="record"
      data-crm={ref.crm}
      data-object-type={ref.objectType}
      data-record-id={ref.recordId}
    >
      {ctx.status === 'no-history' ? (
        <NoHistory context={ctx} now={now} />
      ) : (
        <>
          <Header context={ctx} now={now} />
          <ScoreSection score={ctx.score} />
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
          />
        </>
      )}
    </div>
  );
}
