import { useId, useState } from 'react';
import type { MatchedLeadContext } from '../../lib/model';
import { leadName } from '../../lib/model';
import { t, type MessageKey } from '../../lib/i18n';
import { hoursBetween, relativeTime } from '../ui/format';
import { LinkRecord, type LinkActions } from './LinkRecord';
import { targetOf } from '../../lib/feedback';
import type { FeedbackActions } from '../feedback/actions';
import { VerdictControl } from '../feedback/VerdictControl';

export function Header({
  context,
  now,
  linkActions,
  feedbackActions,
}: {
  context: MatchedLeadContext;
  now: number;
  linkActions?: LinkActions;
  /** The MQL verdict (accept, or reject with a reason), shown on MQLs. */
  feedbackActions?: FeedbackActions;
}) {
  const [correcting, setCorrecting] = useState(false);
  const [explaining, setExplaining] = useState(false);
  const criteriaId = useId();
  const { lead, detected, match, sla, dataUpdatedAt, score, stages } = context;
  // The stage the score points to, when it is not the stage the lead is in (a lead past the
  // MQL threshold, an MQL whose score has decayed below it).
  const suggested = score.stageSuggestion !== sla.stage ? score.stageSuggestion : undefined;
  const stageName = t(`stage_${sla.stage}` as MessageKey);
  // The CRM page is the source of truth for who this is; marketing data fills the gaps.
  const name = detected.fields.name?.value || leadName(lead);
  const email = detected.fields.email?.value || lead.email;
  const title = detected.fields.title?.value || lead.title;
  const company = detected.fields.company?.value || lead.company;
  return (
    <header className="section header" aria-labelledby="tandem-record-name">
      <h1 id="tandem-record-name" className="name" data-testid="record-name">
        {name}
      </h1>
      {(title || company) && (
        <p className="muted">{[title, company].filter(Boolean).join(' · ')}</p>
      )}
      {email && (
        <p className="muted" data-testid="record-email">
          {email}
        </p>
      )}
      <p className="meta" data-testid="match">
        {t(
          'headerMatchedBy',
          t(`matchRule_${match.rule}` as MessageKey),
          Math.round(match.confidence * 100),
        )}
        {linkActions && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              aria-expanded={correcting}
              onClick={() => setCorrecting((c) => !c)}
            >
              {correcting ? t('linkCancel') : t('matchWrong')}
            </button>
          </>
        )}
      </p>
      {linkActions && correcting && (
        <section aria-label={t('matchCorrectTitle')}>
          <LinkRecord actions={linkActions} initialQuery={email ?? name} />
        </section>
      )}
      <p className="meta">
        {stages.length > 0 ? (
          // The stage opens what sales and marketing agreed it means.
          <button
            type="button"
            className="badge stage-button"
            aria-expanded={explaining}
            aria-controls={criteriaId}
            title={t('stageCriteriaShow')}
            onClick={() => setExplaining((e) => !e)}
          >
            <span data-testid="stage">{stageName}</span>
            <span className="sr-only">{`, ${t('stageCriteriaShow')}`}</span>
          </button>
        ) : (
          <span className="badge" data-testid="stage">
            {stageName}
          </span>
        )}{' '}
        {suggested && (
          <>
            <span className="suggestion" data-testid="stage-suggestion">
              {t('stageScoreSays', t(`stage_${suggested}` as MessageKey))}
            </span>{' '}
          </>
        )}
        {sla.stage === 'mql' && sla.since !== undefined && sla.dueAt !== undefined && (
          <span className={sla.overdue ? 'sla overdue' : 'sla'} data-testid="sla">
            {t('slaMqlFor', hoursBetween(sla.since, now))}
            {': '}
            {sla.overdue
              ? t('slaOverdue', relativeTime(sla.dueAt, now))
              : t('slaDueIn', relativeTime(sla.dueAt, now))}
          </span>
        )}
      </p>
      {stages.length > 0 && (
        <div
          id={criteriaId}
          className="stage-criteria"
          data-testid="stage-criteria"
          hidden={!explaining}
        >
          {stages.map((d) => (
            <p key={d.stage}>
              <strong>{d.label}</strong>
              {`: ${d.criteria}`}
            </p>
          ))}
        </div>
      )}
      {dataUpdatedAt !== undefined && (
        <p className="meta" data-testid="freshness">
          {t('headerDataUpdated', relativeTime(dataUpdatedAt, now))}
        </p>
      )}
      {feedbackActions && (sla.stage === 'mql' || sla.stage === 'sal') && (
        <VerdictControl
          target={targetOf(context)}
          reasons={context.rejectionReasons}
          actions={feedbackActions}
        />
      )}
    </header>
  );
}
