import { t, type MessageKey } from '../../lib/i18n';
import type { CustomCrmTest } from '../../lib/messaging/protocol';
import type { IdentityFieldName } from '../../lib/model';

export type TestState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; result: CustomCrmTest };

const FIELDS: readonly IdentityFieldName[] = ['name', 'email', 'company', 'title', 'phone'];

const recordType = (type: string) => t(`crmRecord_${type}` as MessageKey) || type;

/**
 * What "test on the open CRM tab" found: the record the URL gives and each field (value and
 * where it came from), or why nothing could be read.
 */
export function TestPreview(props: {
  state: TestState;
  host: string;
  /** The built-in CRM's label for "same as" CRMs; undefined for the user's own rules. */
  adapterLabel?: string;
  /** The fields the user gave selectors for (rules); every field for a built-in CRM. */
  fields?: readonly IdentityFieldName[];
}) {
  const { state } = props;
  let body: React.ReactNode = null;
  if (state.kind === 'busy') body = <p>{t('crmTesting')}</p>;
  else if (state.kind === 'error') body = <p>{t('crmTestFailed', state.message)}</p>;
  else if (state.kind === 'done') {
    const r = state.result;
    if (r.status === 'no_access') body = <p>{t('crmTestNoAccess', props.host)}</p>;
    else if (r.status === 'no_tab') body = <p>{t('crmTestNoTab', props.host)}</p>;
    else if (r.status === 'failed') body = <p>{t('crmTestFailed', r.message)}</p>;
    else {
      const shown = props.fields ?? FIELDS;
      body = (
        <>
          <p className="muted">{t('crmTestedOn', r.url)}</p>
          <p data-testid="crm-test-record">
            {r.record
              ? t('crmTestRecord', recordType(r.record.objectType), r.record.recordId)
              : props.adapterLabel
                ? t('crmTestNoRecordAdapter', props.adapterLabel)
                : t('crmTestNoRecordRules')}
          </p>
          {!r.viewFound && <p>{t('crmTestNoView', props.adapterLabel ?? '')}</p>}
          {r.viewFound && shown.length > 0 && (
            <dl className="crm-test-fields">
              {shown.map((name) => {
                const field = r.fields[name];
                const error = r.selectorErrors[name];
                return (
                  <div key={name}>
                    <dt>{t(`crmIdentityLabel_${name}` as MessageKey)}</dt>
                    <dd>
                      {field ? (
                        <>
                          <span>{field.value}</span>{' '}
                          <span className="muted">{t('crmTestFrom', field.provenance.detail)}</span>
                        </>
                      ) : error ? (
                        <span className="field-error">{t('crmTestSelectorError', error)}</span>
                      ) : (
                        <span className="muted">{t('crmTestNotFound')}</span>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
        </>
      );
    }
  }
  return (
    <div className="crm-test" role="status" aria-live="polite" data-testid="crm-test">
      {body}
    </div>
  );
}
