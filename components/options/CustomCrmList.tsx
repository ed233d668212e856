import { useRef, useState } from 'react';
import { t, type MessageKey } from '../../lib/i18n';
import type { CrmSettings } from '../../lib/messaging/protocol';
import type { CustomCrm } from '../../lib/model/settings';
import type { BuiltInCrm } from './types';

type Status =
  | { kind: 'idle' }
  | { kind: 'removed'; label: string; host: string }
  | { kind: 'error'; label: string; message: string };

/** The CRMs the user added, each with Remove (and Allow access when the permission is gone). */
export function CustomCrmList(props: {
  crms: CrmSettings['customCrms'];
  builtIns: readonly BuiltInCrm[];
  headingId: string;
  onRemove: (id: string) => Promise<void>;
  requestAccess: (origin: string) => Promise<boolean>;
  /** Reloads the list (after access was granted from here). */
  onReload: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);

  const kindText = (crm: CustomCrm) =>
    crm.kind.type === 'adapter'
      ? t('crmAddedSameAs', labelOf(props.builtIns, crm.kind.adapterId))
      : t('crmAddedRules', t(`crmObjectType_${crm.kind.objectType}` as MessageKey));

  const remove = async (crm: CustomCrm) => {
    setBusy(crm.id);
    setStatus({ kind: 'idle' });
    try {
      await props.onRemove(crm.id);
      setStatus({ kind: 'removed', label: crm.label, host: crm.host });
      // The button is gone: keep keyboard focus in the list instead of losing it to the page.
      heading.current?.focus();
    } catch (e) {
      setStatus({
        kind: 'error',
        label: crm.label,
        message: e instanceof Error ? e.message : String(e),
      });
    } finally {
      setBusy(null);
    }
  };

  const allow = (origin: string) => {
    void props.requestAccess(origin).then(
      (granted) => granted && props.onReload(),
      () => {},
    );
  };

  return (
    <>
      <h3 id={props.headingId} ref={heading} tabIndex={-1}>
        {t('crmAddedHeading')}
      </h3>
      {props.crms.length === 0 ? (
        <p data-testid="crm-added-empty">{t('crmAddedEmpty')}</p>
      ) : (
        <ul className="crm-added">
          {props.crms.map(({ crm, origin, access }) => (
            <li key={crm.id}>
              <div>
                <strong>{crm.label}</strong>{' '}
                <span className="mono">
                  {crm.protocol}://{crm.host}
                </span>
                <div className="muted">{kindText(crm)}</div>
                {!access && (
                  <p className="warning">
                    {t('crmNoAccess', crm.host)}{' '}
                    <button
                      type="button"
                      onClick={() => allow(origin)}
                      aria-label={t('crmAllowAccessLabel', crm.host)}
                    >
                      {t('crmAllowAccess')}
                    </button>
                  </p>
                )}
              </div>
              <button
                type="button"
                onClick={() => void remove(crm)}
                disabled={busy === crm.id}
                aria-label={t('crmRemoveLabel', crm.label)}
              >
                {busy === crm.id ? t('crmRemoving') : t('crmRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {status.kind === 'removed' && (
        <p role="status">{t('crmRemoved', status.label, status.host)}</p>
      )}
      {status.kind === 'error' && (
        <p role="alert">{t('crmRemoveFailed', status.label, status.message)}</p>
      )}
    </>
  );
}

const labelOf = (builtIns: readonly BuiltInCrm[], id: string) =>
  builtIns.find((b) => b.id === id)?.label ?? id;
