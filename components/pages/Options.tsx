import { useState, type ReactNode } from 'react';
import type { StoreStatus } from '../../lib/messaging/protocol';
import { t } from '../../lib/i18n';
import type { AsyncState } from '../ui/useAsync';
import { StoreStatusView } from './StoreStatusView';

export function Options(props: {
  status: AsyncState<StoreStatus>;
  onRetry: () => void;
  onResetDemo: () => Promise<void>;
  confirm: (question: string) => boolean;
  version: string;
  now: number;
  /** The CRMs section (components/options), wired by the entry point. */
  crms?: ReactNode;
  /** The rep's identity section (components/options), wired by the entry point. */
  rep?: ReactNode;
  /** The team hub connection. */
  hub?: ReactNode;
  /** Where the data comes from and the import history, under the data heading. */
  dataSource?: ReactNode;
  /** The imports section (file input, mapping, progress, report). */
  imports?: ReactNode;
  /** The exports section. */
  exports?: ReactNode;
  /** What is stored, storage used, purge and delete, under the privacy heading. */
  privacy?: ReactNode;
}) {
  const [reset, setReset] = useState<
    { kind: 'idle' | 'busy' | 'done' } | { kind: 'error'; message: string }
  >({
    kind: 'idle',
  });
  const onReset = async () => {
    if (!props.confirm(t('optionsResetConfirm'))) return;
    setReset({ kind: 'busy' });
    try {
      await props.onResetDemo();
      setReset({ kind: 'done' });
    } catch (e) {
      setReset({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('optionsDataHeading')}</h2>
        <StoreStatusView state={props.status} onRetry={props.onRetry} now={props.now} />
        {props.dataSource}
      </section>
      {props.hub}
      {props.imports}
      {props.exports}
      {props.rep}
      {props.crms}
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t('optionsPrivacyHeading')}</h2>
        {props.privacy}
        <div className="actions">
          <button type="button" onClick={onReset} disabled={reset.kind === 'busy'}>
            {t('optionsResetDemo')}
          </button>
        </div>
        <p role="status" aria-live="polite">
          {reset.kind === 'busy' && t('loading')}
          {reset.kind === 'done' && t('optionsResetDone')}
          {reset.kind === 'error' && t('errorGeneric', reset.message)}
        </p>
      </section>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t('optionsAboutHeading')}</h2>
        <p>{t('optionsAbout', props.version)}</p>
      </section>
    </main>
  );
}
