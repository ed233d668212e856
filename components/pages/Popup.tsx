import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { targetOf } from '../../lib/feedback';
import { t, type MessageKey } from '../../lib/i18n';
import type { FeedbackOptions, OutboxStatus, RepIdentity } from '../../lib/messaging/protocol';
import { leadName, type LeadContext, type Rep } from '../../lib/model';
import type { FeedbackActions } from '../feedback/actions';
import { ContentFeedback } from '../feedback/ContentFeedback';
import { InsightForm } from '../feedback/InsightForm';
import { RepForm } from '../feedback/RepForm';
import { VerdictControl } from '../feedback/VerdictControl';
import type { AsyncState } from '../ui/useAsync';

const TABS = ['content', 'verdict', 'insight'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = {
  content: 'popupTabContent',
  verdict: 'popupTabVerdict',
  insight: 'popupTabInsight',
};

export interface PopupProps {
  /** The lead context of the record on the current tab; `null` when the tab shows none. */
  record: AsyncState<LeadContext | null>;
  options: AsyncState<FeedbackOptions>;
  rep: AsyncState<RepIdentity>;
  outbox: AsyncState<OutboxStatus>;
  actions: FeedbackActions;
  onSaveRep: (rep: Rep) => Promise<void>;
  onRetry: () => void;
  onOpenDashboard: () => void;
  onOpenOptions: () => void;
}

/** The toolbar popup: who is on this tab, and the three one-click feedback actions. */
export function Popup(props: PopupProps) {
  const { record, options, rep, outbox } = props;
  const context = record.kind === 'ready' ? record.value : null;
  return (
    <main className="popup">
      <h1>{t('popupTitle')}</h1>
      <RecordSummary record={record} />
      {rep.kind === 'ready' && !rep.value.rep && (
        <section aria-labelledby="popup-rep" className="notice">
          <h2 id="popup-rep">{t('repMissing')}</h2>
          <RepForm identity={rep.value} onSave={props.onSaveRep} compact />
        </section>
      )}
      {options.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {options.kind === 'error' && (
        <div role="alert">
          <p>{t('errorGeneric', options.message)}</p>
          <button type="button" onClick={props.onRetry}>
            {t('retry')}
          </button>
        </div>
      )}
      {options.kind === 'ready' && record.kind !== 'loading' && (
        <FeedbackTabs context={context} options={options.value} actions={props.actions} />
      )}
      <OutboxLine outbox={outbox} />
      <div className="actions">
        <button type="button" onClick={props.onOpenDashboard}>
          {t('openDashboard')}
        </button>
        <button type="button" onClick={props.onOpenOptions}>
          {t('openSettings')}
        </button>
      </div>
    </main>
  );
}

function RecordSummary({ record }: { record: AsyncState<LeadContext | null> }) {
  if (record.kind === 'loading')
    return (
      <p role="status" data-testid="popup-record-loading">
        {t('popupRecordLoading')}
      </p>
    );
  if (record.kind === 'error')
    return (
      <p role="alert" data-testid="popup-record-error">
        {t('popupRecordError', record.message)}
      </p>
    );
  const ctx = record.value;
  if (!ctx)
    return (
      <p className="muted" data-testid="popup-no-record">
        {t('popupNoRecord')}
      </p>
    );
  const fields = ctx.detected.fields;
  if (ctx.status === 'no-history') {
    return (
      <section className="record" data-testid="popup-record" aria-label={t('sidebarLabel')}>
        <p className="name">
          {fields.name?.value ?? fields.email?.value ?? ctx.detected.ref.recordId}
        </p>
        <p className="muted">{t('noHistoryTitle')}</p>
      </section>
    );
  }
  const name = fields.name?.value || leadName(ctx.lead);
  const title = fields.title?.value || ctx.lead.title;
  const company = fields.company?.value || ctx.lead.company;
  return (
    <section className="record" data-testid="popup-record" aria-label={name}>
      <p className="name" data-testid="popup-record-name">
        {name}
      </p>
      {(title || company) && (
        <p className="muted">{[title, company].filter(Boolean).join(' · ')}</p>
      )}
      <p className="muted">
        {t(
          'popupRecordSummary',
          ctx.persona.top?.personaName ?? '—',
          ctx.standing
            ? t('popupScoreTop', ctx.score.total, ctx.standing.topPercent)
            : ctx.score.total,
          t(`stage_${ctx.sla.stage}` as MessageKey),
        )}
      </p>
    </section>
  );
}

function FeedbackTabs({
  context,
  options,
  actions,
}: {
  context: LeadContext | null;
  options: FeedbackOptions;
  actions: FeedbackActions;
}) {
  const id = useId();
  const [tab, setTab] = useState<Tab>('content');
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({
    content: null,
    verdict: null,
    insight: null,
  });
  const target = targetOf(context);
  const campaignNames = useMemo(
    () => new Map(options.campaigns.map((c) => [c.id, c.name])),
    [options.campaigns],
  );
  const recommendedIds = useMemo(
    () => (context?.status === 'matched' ? context.recommendations.map((r) => r.assetId) : []),
    [context],
  );
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };
  const matched = context?.status === 'matched' ? context : null;
  return (
    <>
      <div role="tablist" aria-label={t('popupTabs')} className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              refs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            data-testid={`popup-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${tab}`}
        className="panel"
      >
        {tab === 'content' && (
          <ContentFeedback
            key={target.leadKey ?? 'none'}
            target={target}
            assets={options.assets}
            recentIds={options.recentAssetIds}
            recommendedIds={recommendedIds}
            campaignNames={campaignNames}
            actions={actions}
          />
        )}
        {tab === 'verdict' &&
          (matched ? (
            <>
              {matched.sla.stage !== 'mql' && (
                <p className="muted">
                  {t('verdictNotMql', t(`stage_${matched.sla.stage}` as MessageKey))}
                </p>
              )}
              <VerdictControl
                target={target}
                reasons={options.rejectionReasons}
                actions={actions}
              />
            </>
          ) : (
            <p className="muted" data-testid="verdict-needs-lead">
              {t('verdictNeedsLead')}
            </p>
          ))}
        {tab === 'insight' && <InsightForm target={target} actions={actions} />}
      </div>
    </>
  );
}

function OutboxLine({ outbox }: { outbox: AsyncState<OutboxStatus> }) {
  if (outbox.kind === 'loading') return <p role="status">{t('outboxLoading')}</p>;
  if (outbox.kind === 'error') return <p role="alert">{t('outboxError', outbox.message)}</p>;
  const o = outbox.value;
  return (
    <section aria-label={t('outboxHeading')} className="outbox" data-testid="outbox-status">
      <p>{t('outboxCounts', o.queued, o.delivered, o.local)}</p>
      {!o.hubConfigured && <p className="muted">{t('outboxNoHub')}</p>}
      {o.failing > 0 && <p className="error">{t('outboxFailing', o.failing, o.lastError ?? '')}</p>}
    </section>
  );
}
