import { useState, type ReactNode } from 'react';
import type { StoreStatus } from '../../lib/messaging/protocol';
import { t, type MessageKey } from '../../lib/i18n';
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
  // The page is long: every section is one link away, in the order it appears.
  const parts: { id: string; label: MessageKey; body?: ReactNode }[] = [
    { id: 'hub', label: 'hubHeading', body: props.hub },
    { id: 'import', label: 'optionsImportsHeading', body: props.imports },
    { id: 'export', label: 'optionsExportsHeading', body: props.exports },
    { id: 'identity', label: 'repHeading', body: props.rep },
    { id: 'crms', label: 'optionsCrmsHeading', body: props.crms },
  ];
  const shown = parts.filter((p) => p.body);
  const links: { id: string; label: MessageKey }[] = [
    { id: 'data', label: 'optionsDataHeading' },
    ...shown,
    { id: 'privacy', label: 'optionsPrivacyHeading' },
    { id: 'about', label: 'optionsAboutHeading' },
  ];
  return (
    <main className="options">
      <h1>{t('optionsTitle')}</h1>
      <div className="options-layout">
        <nav className="options-nav" aria-label={t('optionsNavLabel')}>
          <ul>
            {links.map((l) => (
              <li key={l.id}>
                <a href={`#${l.id}`}>{t(l.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="options-body">
          <section id="data" aria-labelledby="data-heading">
            <h2 id="data-heading">{t('optionsDataHeading')}</h2>
            <StoreStatusView state={props.status} onRetry={props.onRetry} now={props.now} />
            {props.dataSource}
          </section>
          {shown.map((p) => (
            <div key={p.id} id={p.id} className="options-part">
              {p.body}
            </div>
          ))}
          <section id="privacy" aria-labelledby="privacy-heading">
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
          <section id="about" aria-labelledby="about-heading">
            <h2 id="about-heading">{t('optionsAboutHeading')}</h2>
            <p>{t('optionsAbout', props.version)}</p>
          </section>
        </div>
      </div>
    </main>
  );
}
