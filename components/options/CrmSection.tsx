import { useId } from 'react';
import { t } from '../../lib/i18n';
import type { CrmSettings, CustomCrmTest } from '../../lib/messaging/protocol';
import type { CustomCrm } from '../../lib/model/settings';
import type { AsyncState } from '../ui/useAsync';
import { AdapterSwitches } from './AdapterSwitches';
import { AddCrmForm } from './AddCrmForm';
import { CustomCrmList } from './CustomCrmList';
import type { BuiltInCrm } from './types';

export interface CrmSectionProps {
  state: AsyncState<CrmSettings>;
  builtIns: readonly BuiltInCrm[];
  onRetry: () => void;
  /** Fetches the settings again in place (no loading state: the form keeps what was typed). */
  onReload: () => void;
  /** Kill switch: stores the built-in adapter as enabled or disabled. */
  onToggle: (adapterId: string, enabled: boolean) => Promise<void>;
  /** Stores and registers a CRM whose host permission was just granted. */
  onAdd: (crm: CustomCrm) => Promise<void>;
  onRemove: (id: string) => Promise<void>;
  onTest: (crm: CustomCrm) => Promise<CustomCrmTest>;
  /**
   * Asks the browser for one origin's host permission. Called synchronously from click
   * handlers: the browser only shows the prompt during a user gesture.
   */
  requestAccess: (origin: string) => Promise<boolean>;
  newId: () => string;
  clock: () => number;
}

/** The options page's CRMs: kill switches, adding a CRM the user hosts, and the added ones. */
export function CrmSection(props: CrmSectionProps) {
  const id = useId();
  const { state } = props;
  let body: React.ReactNode;
  if (state.kind === 'loading') body = <p role="status">{t('loading')}</p>;
  else if (state.kind === 'error') {
    body = (
      <div role="alert">
        <p>{t('errorGeneric', state.message)}</p>
        <button type="button" onClick={props.onRetry}>
          {t('retry')}
        </button>
      </div>
    );
  } else {
    const settings = state.value;
    body = (
      <>
        <h3 id={`${id}-builtin`}>{t('crmBuiltInHeading')}</h3>
        <AdapterSwitches
          builtIns={props.builtIns}
          disabled={settings.disabledAdapters}
          onToggle={props.onToggle}
        />
        <h3 id={`${id}-add`}>{t('crmAddHeading')}</h3>
        <AddCrmForm
          selfHosted={props.builtIns.filter((b) => b.selfHosted)}
          existing={settings.customCrms.map((c) => c.crm)}
          onAdd={props.onAdd}
          onTest={props.onTest}
          requestAccess={props.requestAccess}
          newId={props.newId}
          clock={props.clock}
        />
        <CustomCrmList
          headingId={`${id}-added`}
          crms={settings.customCrms}
          builtIns={props.builtIns}
          onRemove={props.onRemove}
          requestAccess={props.requestAccess}
          onReload={props.onReload}
        />
      </>
    );
  }
  return (
    <section aria-labelledby={`${id}-heading`} className="crms">
      <h2 id={`${id}-heading`}>{t('optionsCrmsHeading')}</h2>
      {body}
    </section>
  );
}
