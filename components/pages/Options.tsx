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
      {props.crms}
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('optionsDataHeading')}</h2>
        <StoreStatusView state={props.status} onRetry={props.onRetry} now={props.now} />
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
