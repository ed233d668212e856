import { useId, useState } from 'react';
import type { LeadSummary } from '../../lib/model';
import { t } from '../../lib/i18n';

export interface LinkActions {
  search: (query: string) => Promise<LeadSummary[]>;
  /** Links the detected CRM record to this lead; the sidebar reloads afterwards. */
  link: (leadKey: string) => Promise<void>;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'results'; query: string; leads: LeadSummary[] }
  | { kind: 'error'; message: string };

/** Search the local marketing data by email or name and link the CRM record to a lead. */
export function LinkRecord({
  actions,
  initialQuery = '',
}: {
  actions: LinkActions;
  initialQuery?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [linking, setLinking] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);

  const onSearch = async (e: React.FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    setPhase({ kind: 'searching' });
    try {
      setPhase({ kind: 'results', query: q, leads: await actions.search(q) });
    } catch (err) {
      setPhase({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const onLink = async (key: string) => {
    setLinking(key);
    setLinkError(null);
    try {
      await actions.link(key);
    } catch (err) {
      setLinkError(err instanceof Error ? err.message : String(err));
    } finally {
      setLinking(null);
    }
  };

  return (
    <div className="link-record" data-testid="link-record">
      <form onSubmit={onSearch} role="search">
        <label htmlFor={`${id}-q`}>{t('linkSearchLabel')}</label>
        <div className="search-row">
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            maxLength={200}
          />
          <button type="submit">{t('linkSearchButton')}</button>
        </div>
      </form>
      <div aria-live="polite">
        {phase.kind === 'searching' && <p role="status">{t('linkSearching')}</p>}
        {phase.kind === 'error' && <p role="alert">{t('linkSearchError', phase.message)}</p>}
        {phase.kind === 'results' && phase.leads.length === 0 && (
          <p>{t('linkNoResults', phase.query)}</p>
        )}
      </div>
      {phase.kind === 'results' && phase.leads.length > 0 && (
        <ul className="link-results">
          {phase.leads.map((l) => (
            <li key={l.key} data-testid="link-candidate" data-lead-key={l.key}>
              <span className="link-name">{l.name || l.email}</span>
              <span className="muted">
                {[l.title, l.company, l.email].filter(Boolean).join(' · ')}
              </span>
              <button type="button" onClick={() => void onLink(l.key)} disabled={linking !== null}>
                {linking === l.key ? t('linkLinking') : t('linkButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {linkError && <p role="alert">{t('linkError', linkError)}</p>}
    </div>
  );
}
