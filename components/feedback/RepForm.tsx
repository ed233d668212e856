import { useId, useState } from 'react';
import { t } from '../../lib/i18n';
import { Rep } from '../../lib/model';
import type { RepIdentity } from '../../lib/messaging/protocol';

/**
 * The rep's name and work email, attached to every event. Locked (read-only) when an
 * administrator's policy sets them.
 */
export function RepForm({
  identity,
  onSave,
  compact,
}: {
  identity: RepIdentity;
  onSave: (rep: Rep) => Promise<void>;
  /** The popup's first-use prompt: no hint paragraph. */
  compact?: boolean;
}) {
  const id = useId();
  const [name, setName] = useState(identity.rep?.name ?? '');
  const [email, setEmail] = useState(identity.rep?.email ?? '');
  const [phase, setPhase] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  if (identity.managed && identity.rep) {
    return (
      <p data-testid="rep-managed">{t('repManaged', identity.rep.name, identity.rep.email)}</p>
    );
  }
  const save = async () => {
    const parsed = Rep.safeParse({ name: name.trim(), email: email.trim() });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === 'email' ? t('repEmail') : t('repName');
      setPhase({ kind: 'error', message: t('feedbackInvalid', field, issue?.message ?? '') });
      return;
    }
    setPhase({ kind: 'saving' });
    try {
      await onSave(parsed.data);
      setPhase({ kind: 'saved' });
    } catch (e) {
      setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <form
      className="rep-form"
      data-testid="rep-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {!compact && <p className="muted">{t('repHint')}</p>}
      <label htmlFor={`${id}-name`}>{t('repName')}</label>
      <input
        id={`${id}-name`}
        data-testid="rep-name"
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor={`${id}-email`}>{t('repEmail')}</label>
      <input
        id={`${id}-email`}
        data-testid="rep-email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <div className="actions">
        <button type="submit" data-testid="rep-save" disabled={phase.kind === 'saving'}>
          {t('repSave')}
        </button>
      </div>
      <p
        role={phase.kind === 'error' ? 'alert' : 'status'}
        className={phase.kind === 'error' ? 'error' : undefined}
      >
        {phase.kind === 'saving' && t('feedbackSaving')}
        {phase.kind === 'saved' && t('repSaved')}
        {phase.kind === 'error' && phase.message}
      </p>
    </form>
  );
}
