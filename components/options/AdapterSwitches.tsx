import { useId, useState } from 'react';
import { t } from '../../lib/i18n';
import type { BuiltInCrm } from './types';

/** How many host patterns to list before "and N more" (Dynamics has 21 regional hosts). */
const SHOWN_HOSTS = 3;

function hostsText(crm: BuiltInCrm): string {
  if (!crm.hosts.length) return t('crmRunsOnYourHosts');
  const shown = crm.hosts.slice(0, SHOWN_HOSTS).join(', ');
  const more = crm.hosts.length - SHOWN_HOSTS;
  const text = more > 0 ? t('crmRunsOnMore', shown, more) : t('crmRunsOn', shown);
  return crm.selfHosted ? `${text}; ${t('crmAlsoYourHosts')}` : text;
}

/** The kill switch per built-in CRM: off stops Tandem on its pages (open pages follow live). */
export function AdapterSwitches(props: {
  builtIns: readonly BuiltInCrm[];
  disabled: readonly string[];
  onToggle: (adapterId: string, enabled: boolean) => Promise<void>;
}) {
  const base = useId();
  // The state a switch is moving to while the background stores it.
  const [pending, setPending] = useState<Readonly<Record<string, boolean>>>({});
  const [error, setError] = useState<string | null>(null);

  const toggle = async (crm: BuiltInCrm, enabled: boolean) => {
    setError(null);
    setPending((p) => ({ ...p, [crm.id]: enabled }));
    try {
      await props.onToggle(crm.id, enabled);
    } catch (e) {
      setError(t('crmToggleFailed', crm.label, e instanceof Error ? e.message : String(e)));
    } finally {
      setPending(({ [crm.id]: _done, ...rest }) => rest);
    }
  };

  return (
    <>
      <p className="muted">{t('crmBuiltInHint')}</p>
      <ul className="crm-switches">
        {props.builtIns.map((crm) => {
          const hostsId = `${base}-${crm.id}-hosts`;
          const busy = crm.id in pending;
          const on = busy ? pending[crm.id]! : !props.disabled.includes(crm.id);
          return (
            <li key={crm.id}>
              <label className="crm-switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  aria-describedby={hostsId}
                  aria-busy={busy || undefined}
                  disabled={busy}
                  onChange={(e) => void toggle(crm, e.currentTarget.checked)}
                />
                <span>{crm.label}</span>
              </label>
              <span id={hostsId} className="muted crm-hosts">
                {hostsText(crm)}
              </span>
            </li>
          );
        })}
      </ul>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
