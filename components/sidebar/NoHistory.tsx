import type { LeadContext } from '../../lib/model';
import { t } from '../../lib/i18n';
import { LinkRecord, type LinkActions } from './LinkRecord';

export function NoHistory({
  context,
  linkActions,
}: {
  context: LeadContext;
  now: number;
  linkActions?: LinkActions;
}) {
  const f = context.detected.fields;
  const who = f.name?.value || f.email?.value || context.detected.ref.recordId;
  const detectedList = Object.entries(f)
    .map(([k, v]) => `${k}: ${v.value}`)
    .join(', ');
  return (
    <section className="section" data-testid="no-history" aria-labelledby="tandem-no-history">
      <h1 id="tandem-no-history" className="name" data-testid="record-name">
        {who}
      </h1>
      <h2>{t('noHistoryTitle')}</h2>
      <p>{t('noHistoryDetected', who)}</p>
      {detectedList && <p className="muted">{t('noHistoryDetectedFields', detectedList)}</p>}
      {linkActions && (
        <LinkRecord actions={linkActions} initialQuery={f.email?.value ?? f.name?.value ?? ''} />
      )}
    </section>
  );
}
