import { useId, useState } from 'react';
import { t } from '../../lib/i18n';
import type { HubStatus } from '../../lib/messaging/protocol';
import { HubConfig, type HubConfigInput } from '../../lib/model';
import { relativeTime } from '../ui/format';
import type { AsyncState } from '../ui/useAsync';

type Phase = { kind: 'idle' | 'busy' } | { kind: 'error'; message: string };

/** Options page: connect to the team hub (URL + token), see its sync state, disconnect. */
export function HubSection({
  state,
  now,
  onRetry,
  onConnect,
  onDisconnect,
  onSync,
}: {
  state: AsyncState<HubStatus>;
  now: number;
  onRetry: () => void;
  /** Asks for the hub's origin (user gesture) and connects; rejects with the reason. */
  onConnect: (config: HubConfigInput) => Promise<void>;
  onDisconnect: () => Promise<void>;
  onSync: () => Promise<void>;
}) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const run = async (task: () => Promise<void>) => {
    setPhase({ kind: 'busy' });
    try {
      await task();
      setPhase({ kind: 'idle' });
    } catch (e) {
      setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const connect = () => {
    const parsed = HubConfig.safeParse({ url, token });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === 'token' ? t('hubToken') : t('hubUrl');
      setPhase({ kind: 'error', message: t('feedbackInvalid', field, issue?.message ?? '') });
      return;
    }
    void run(() => onConnect({ url: parsed.data.url, token: parsed.data.token }));
  };

  return (
    <section aria-labelledby={`${id}-h`} data-testid="hub-section">
      <h2 id={`${id}-h`}>{t('hubHeading')}</h2>
      {state.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {state.kind === 'error' && (
        <div role="alert">
          <p>{t('errorGeneric', state.message)}</p>
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && !state.value.connected && (
        <form
          className="hub-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            connect();
          }}
        >
          <p className="muted">{t('hubHint')}</p>
          <label htmlFor={`${id}-url`}>{t('hubUrl')}</label>
          <input
            id={`${id}-url`}
            data-testid="hub-url"
            type="url"
            placeholder="https://hub.example.com"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <label htmlFor={`${id}-token`}>{t('hubToken')}</label>
          <input
            id={`${id}-token`}
            data-testid="hub-token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <div className="actions">
            <button type="submit" data-testid="hub-connect" disabled={phase.kind === 'busy'}>
              {t('hubConnect')}
            </button>
          </div>
        </form>
      )}
      {state.kind === 'ready' && state.value.connected && (
        <div data-testid="hub-connected">
          <p>
            {state.value.who
              ? t('hubConnectedAs', state.value.url, state.value.who.name, state.value.who.role)
              : t('hubConnectedTo', state.value.url)}
          </p>
          <p className="muted">
            {state.value.lastSyncAt !== undefined
              ? t('hubLastSync', relativeTime(state.value.lastSyncAt, now))
              : t('hubNeverSynced')}
            {state.value.definitionsVersion !== undefined &&
              ` · ${t('hubDefinitionsVersion', state.value.definitionsVersion)}`}
          </p>
          {state.value.lastError && (
            <p className="error" role="alert">
              {t('hubSyncError', state.value.lastError)}
            </p>
          )}
          {state.value.managed && <p className="muted">{t('hubManaged')}</p>}
          <div className="actions">
            <button
              type="button"
              data-testid="hub-sync"
              disabled={phase.kind === 'busy'}
              onClick={() => void run(onSync)}
            >
              {t('hubSyncNow')}
            </button>
            {!state.value.managed && (
              <button
                type="button"
                data-testid="hub-disconnect"
                disabled={phase.kind === 'busy'}
                onClick={() => void run(onDisconnect)}
              >
                {t('hubDisconnect')}
              </button>
            )}
          </div>
        </div>
      )}
      <p role={phase.kind === 'error' ? 'alert' : 'status'} data-testid="hub-status">
        {phase.kind === 'busy' && t('loading')}
        {phase.kind === 'error' && phase.message}
      </p>
    </section>
  );
}
