import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { originPattern } from '../../lib/crm/custom';
import { validateCustomCrm, type FieldError } from '../../lib/crm/custom-validate';
import { t, type MessageKey } from '../../lib/i18n';
import type { CustomCrmTest } from '../../lib/messaging/protocol';
import type { IdentityFieldName } from '../../lib/model';
import type { CustomCrm, CustomObjectType } from '../../lib/model/settings';
import { TestPreview, type TestState } from './TestPreview';
import type { BuiltInCrm } from './types';

const FIELDS: readonly IdentityFieldName[] = ['name', 'email', 'company', 'title', 'phone'];
const OBJECT_TYPES: readonly CustomObjectType[] = ['lead', 'contact', 'person'];

interface Draft {
  label: string;
  host: string;
  protocol: 'https' | 'http';
  mode: 'adapter' | 'rules';
  adapterId: string;
  pattern: string;
  objectType: CustomObjectType;
  selectors: Record<IdentityFieldName, string>;
}

const emptyDraft = (adapterId: string): Draft => ({
  label: '',
  host: '',
  protocol: 'https',
  mode: adapterId ? 'adapter' : 'rules',
  adapterId,
  pattern: '',
  objectType: 'lead',
  selectors: { name: '', email: '', company: '', title: '', phone: '' },
});

type Status =
  | { kind: 'idle' }
  | { kind: 'invalid'; count: number }
  | { kind: 'busy' }
  | { kind: 'added'; label: string }
  | { kind: 'denied'; host: string }
  | { kind: 'error'; message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * "Add a CRM you host": host, protocol, and either a self-hosted CRM Tandem knows or the user's
 * own rules, with a message next to each field and a test on the open CRM tab. The host
 * permission is requested first thing in the click handler (browsers require a user gesture).
 */
export function AddCrmForm(props: {
  selfHosted: readonly BuiltInCrm[];
  existing: readonly CustomCrm[];
  onAdd: (crm: CustomCrm) => Promise<void>;
  onTest: (crm: CustomCrm) => Promise<CustomCrmTest>;
  requestAccess: (origin: string) => Promise<boolean>;
  newId: () => string;
  clock: () => number;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [crmId, setCrmId] = useState(props.newId);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(props.selfHosted[0]?.id ?? ''));
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  // Messages update as the user types only once a first check has shown them.
  const [checked, setChecked] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [test, setTest] = useState<TestState>({ kind: 'idle' });

  const candidate = (d: Draft) => ({
    id: crmId,
    label: d.label,
    host: d.host,
    protocol: d.protocol,
    addedAt: props.clock(),
    kind:
      d.mode === 'adapter'
        ? { type: 'adapter', adapterId: d.adapterId }
        : {
            type: 'rules',
            recordUrlPattern: d.pattern,
            objectType: d.objectType,
            selectors: d.selectors,
          },
  });
  const validate = (d: Draft) => validateCustomCrm(candidate(d), { existing: props.existing });

  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setTest({ kind: 'idle' }); // a preview of other rules would mislead
    if (status.kind !== 'busy') setStatus({ kind: 'idle' });
    if (checked) {
      const v = validate(next);
      setErrors(v.ok ? [] : v.errors);
    }
  };

  useEffect(() => {
    if (focusRequest) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  /** Validates; on problems shows them and moves focus to the first one. */
  const check = (): CustomCrm | null => {
    setChecked(true);
    const v = validate(draft);
    setErrors(v.ok ? [] : v.errors);
    if (v.ok) return v.crm;
    setStatus({ kind: 'invalid', count: v.errors.length });
    setFocusRequest((n) => n + 1);
    return null;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (status.kind === 'busy') return;
    const crm = check();
    if (!crm) return;
    // Synchronously, inside the user's gesture: after an await the browser would refuse.
    const access = props.requestAccess(originPattern(crm));
    setStatus({ kind: 'busy' });
    void (async () => {
      try {
        if (!(await access)) return setStatus({ kind: 'denied', host: crm.host });
        await props.onAdd(crm);
        setStatus({ kind: 'added', label: crm.label });
        setDraft(emptyDraft(props.selfHosted[0]?.id ?? ''));
        setChecked(false);
        setTest({ kind: 'idle' });
        setCrmId(props.newId());
      } catch (err) {
        setStatus({ kind: 'error', message: message(err) });
      }
    })();
  };

  const onTestClick = () => {
    const crm = check();
    if (!crm) return;
    const access = props.requestAccess(originPattern(crm));
    setTest({ kind: 'busy' });
    void (async () => {
      try {
        if (!(await access)) {
          return setTest({
            kind: 'done',
            result: { status: 'no_access', origin: originPattern(crm) },
          });
        }
        setTest({ kind: 'done', result: await props.onTest(crm) });
      } catch (err) {
        setTest({ kind: 'error', message: message(err) });
      }
    })();
  };

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  /** A labelled control with its hint and its message, wired for assistive technology. */
  const field = (
    name: string,
    label: string,
    control: (a: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode,
    hint?: string,
  ) => {
    const controlId = `${id}-${name}`;
    const error = errorOf(name);
    const describedBy = [hint && `${controlId}-hint`, error && `${controlId}-error`]
      .filter(Boolean)
      .join(' ');
    return (
      <div className="field">
        <label htmlFor={controlId}>{label}</label>
        {control({
          id: controlId,
          'aria-invalid': !!error,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        })}
        {hint && (
          <p id={`${controlId}-hint`} className="muted hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${controlId}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const selectorsError = errorOf('selectors');
  const adapter = props.selfHosted.find((a) => a.id === draft.adapterId);
  const busy = status.kind === 'busy';

  return (
    <form ref={formRef} className="crm-form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('crmAddIntro')}</p>
      {field(
        'host',
        t('crmHostLabel'),
        (a) => (
          <input
            {...a}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={draft.host}
            onChange={(e) => update({ host: e.currentTarget.value })}
          />
        ),
        t('crmHostHint'),
      )}
      {field('protocol', t('crmProtocolLabel'), (a) => (
        <select
          {...a}
          value={draft.protocol}
          onChange={(e) => update({ protocol: e.currentTarget.value as Draft['protocol'] })}
        >
          <option value="https">https</option>
          <option value="http">http</option>
        </select>
      ))}
      {field(
        'label',
        t('crmLabelLabel'),
        (a) => (
          <input
            {...a}
            type="text"
            value={draft.label}
            onChange={(e) => update({ label: e.currentTarget.value })}
          />
        ),
        t('crmLabelHint'),
      )}

      <fieldset>
        <legend>{t('crmKindLegend')}</legend>
        {props.selfHosted.length > 0 && (
          <label className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              value="adapter"
              checked={draft.mode === 'adapter'}
              onChange={() => update({ mode: 'adapter' })}
            />
            {t('crmKindAdapter')}
          </label>
        )}
        <label className="choice">
          <input
            type="radio"
            name={`${id}-mode`}
            value="rules"
            checked={draft.mode === 'rules'}
            onChange={() => update({ mode: 'rules' })}
          />
          {t('crmKindRules')}
        </label>
      </fieldset>

      {draft.mode === 'adapter' ? (
        field('adapterId', t('crmAdapterLabel'), (a) => (
          <select
            {...a}
            value={draft.adapterId}
            onChange={(e) => update({ adapterId: e.currentTarget.value })}
          >
            {props.selfHosted.map((crm) => (
              <option key={crm.id} value={crm.id}>
                {crm.label}
              </option>
            ))}
          </select>
        ))
      ) : (
        <>
          {field(
            'recordUrlPattern',
            t('crmPatternLabel'),
            (a) => (
              <input
                {...a}
                type="text"
                className="mono"
                autoComplete="off"
                spellCheck={false}
                value={draft.pattern}
                onChange={(e) => update({ pattern: e.currentTarget.value })}
              />
            ),
            t('crmPatternHint'),
          )}
          {field('objectType', t('crmObjectTypeLabel'), (a) => (
            <select
              {...a}
              value={draft.objectType}
              onChange={(e) => update({ objectType: e.currentTarget.value as CustomObjectType })}
            >
              {OBJECT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`crmObjectType_${type}` as MessageKey)}
                </option>
              ))}
            </select>
          ))}
          <fieldset
            aria-describedby={`${id}-selectors-hint${selectorsError ? ` ${id}-selectors-error` : ''}`}
          >
            <legend>{t('crmSelectorsLegend')}</legend>
            <p id={`${id}-selectors-hint`} className="muted hint">
              {t('crmSelectorsHint')}
            </p>
            {selectorsError && (
              <p id={`${id}-selectors-error`} className="field-error">
                {selectorsError}
              </p>
            )}
            {FIELDS.map((name) => (
              <div key={name}>
                {field(`selectors.${name}`, t(`crmIdentityLabel_${name}` as MessageKey), (a) => (
                  <input
                    {...a}
                    type="text"
                    className="mono"
                    autoComplete="off"
                    spellCheck={false}
                    // The fieldset-level message ("email or name at least") concerns these two.
                    aria-invalid={
                      a['aria-invalid'] ||
                      (!!selectorsError && (name === 'email' || name === 'name'))
                    }
                    value={draft.selectors[name]}
                    onChange={(e) =>
                      update({ selectors: { ...draft.selectors, [name]: e.currentTarget.value } })
                    }
                  />
                ))}
              </div>
            ))}
          </fieldset>
        </>
      )}

      <div className="actions">
        <button
          type="button"
          onClick={onTestClick}
          disabled={test.kind === 'busy'}
          aria-describedby={`${id}-test-hint`}
        >
          {t('crmTest')}
        </button>
        <button type="submit" disabled={busy}>
          {busy ? t('crmAdding') : t('crmAdd')}
        </button>
      </div>
      <p id={`${id}-test-hint`} className="muted hint">
        {t('crmTestHint')}
      </p>
      <TestPreview
        state={test}
        host={draft.host.trim().toLowerCase()}
        adapterLabel={draft.mode === 'adapter' ? adapter?.label : undefined}
        fields={
          draft.mode === 'rules' ? FIELDS.filter((f) => draft.selectors[f].trim()) : undefined
        }
      />
      <FormStatus status={status} />
    </form>
  );
}

function FormStatus({ status }: { status: Status }) {
  switch (status.kind) {
    case 'invalid':
      return <p role="alert">{t('crmFixFields', status.count)}</p>;
    case 'denied':
      return <p role="alert">{t('crmAccessDenied', status.host)}</p>;
    case 'error':
      return <p role="alert">{t('crmAddFailed', status.message)}</p>;
    case 'added':
      return <p role="status">{t('crmAdded', status.label)}</p>;
    case 'busy':
      return <p role="status">{t('crmAdding')}</p>;
    default:
      return <p role="status" />;
  }
}
