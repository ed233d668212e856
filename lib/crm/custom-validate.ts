/**
 * Validation of a CRM the user adds, with messages that name the field and say what is wrong
 * ("record URL pattern: unterminated group"). Runs in the options page (with the DOM: selectors
 * are checked there) and in the background (no DOM in a service worker: shape, host and pattern
 * only). Kept apart from ./custom.ts so the content script never carries zod.
 */
import type { z } from 'zod';
import { t, type MessageKey } from '../i18n';
import { IdentityFieldName } from '../model';
import { CustomCrm, type CustomCrmIssueCode } from '../model/settings';
import { ADAPTERS } from './adapters';
import { hostnameOf } from './custom';

/**
 * The form field an error belongs to: `host`, `protocol`, `label`, `adapterId`,
 * `recordUrlPattern`, `objectType`, `selectors` (none given) or `selectors.<field>`.
 */
export type CustomCrmField = string;

export interface FieldError {
  field: CustomCrmField;
  message: string;
}

export type CustomCrmValidation =
  { ok: true; crm: CustomCrm } | { ok: false; errors: FieldError[] };

const FIELD_LABELS: Record<string, MessageKey> = {
  host: 'crmFieldHost',
  protocol: 'crmFieldProtocol',
  label: 'crmFieldLabel',
  adapterId: 'crmFieldAdapter',
  type: 'crmFieldKind',
  recordUrlPattern: 'crmFieldPattern',
  objectType: 'crmFieldObjectType',
  selectors: 'crmFieldSelectors',
};

function fieldLabel(field: CustomCrmField): string {
  const selector = /^selectors\.(\w+)$/.exec(field)?.[1];
  if (selector) return t('crmFieldSelector', t(`crmIdentity_${selector}` as MessageKey));
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

/** "email selector: '##' is not a valid CSS selector". */
export function fieldMessage(field: CustomCrmField, detail: string): string {
  return t('crmIssue', fieldLabel(field), detail);
}

function issueDetail(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' && issue.message.startsWith('crmErr')) {
    const subs = (issue.params as { subs?: string[] } | undefined)?.subs ?? [];
    return t(issue.message as CustomCrmIssueCode, ...subs);
  }
  if (issue.code === 'too_big') return t('crmErrTooLong', String(issue.maximum));
  return t('crmErrInvalid');
}

/** Trims what a person types; the host lower-cased without a trailing dot or default port. */
function normalize(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const c = { ...(input as Record<string, unknown>) };
  if (typeof c.host === 'string') {
    let host = c.host
      .trim()
      .toLowerCase()
      .replace(/\.(?=$|:)/, '');
    if (
      (c.protocol === 'https' && /:443$/.test(host)) ||
      (c.protocol === 'http' && /:80$/.test(host))
    ) {
      host = host.replace(/:\d+$/, '');
    }
    c.host = host;
  }
  if (typeof c.label === 'string') c.label = c.label.trim() || c.host;
  if (c.kind && typeof c.kind === 'object') {
    const kind = { ...(c.kind as Record<string, unknown>) };
    if (typeof kind.recordUrlPattern === 'string')
      kind.recordUrlPattern = kind.recordUrlPattern.trim();
    if (kind.selectors && typeof kind.selectors === 'object') {
      const selectors: Record<string, string> = {};
      for (const [k, v] of Object.entries(kind.selectors as Record<string, unknown>)) {
        if (typeof v === 'string' && v.trim()) selectors[k] = v.trim();
      }
      kind.selectors = selectors;
    }
    c.kind = kind;
  }
  return c;
}

/**
 * Checks that need more than the CRM itself: a host a built-in adapter already covers, and a
 * host already in the user's list (`customHosts` is keyed by host name: one CRM per host).
 */
export function crossCheckCustomCrm(
  crm: CustomCrm,
  existing: readonly CustomCrm[] = [],
): FieldError[] {
  const hostname = hostnameOf(crm.host);
  const builtIn = ADAPTERS.find((a) => a.hostPattern.test(hostname));
  if (builtIn) {
    return [
      {
        field: 'host',
        message: fieldMessage('host', t('crmErrHostBuiltIn', hostname, builtIn.label)),
      },
    ];
  }
  const twin = existing.find((c) => c.id !== crm.id && hostnameOf(c.host) === hostname);
  if (twin) {
    return [
      {
        field: 'host',
        message: fieldMessage('host', t('crmErrHostDuplicate', hostname, twin.label)),
      },
    ];
  }
  return [];
}

/** The browser's verdict on a CSS selector, or null when it parses. */
export function selectorError(selector: string, doc: Document): string | null {
  try {
    doc.createDocumentFragment().querySelector(selector);
    return null;
  } catch {
    return t('crmErrSelectorInvalid', selector);
  }
}

/**
 * Validates a CRM the user is adding. With a `document` (options page, tests) selectors are
 * also parsed by the browser; without one (the service worker) they are checked in the page
 * when used. At most one error per field, in form order.
 */
export function validateCustomCrm(
  input: unknown,
  opts: { existing?: readonly CustomCrm[]; document?: Document | null } = {},
): CustomCrmValidation {
  const doc = opts.document === undefined ? (globalThis.document ?? null) : opts.document;
  const candidate = normalize(input);
  const parsed = CustomCrm.safeParse(candidate);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (e: FieldError) => {
    if (seen.has(e.field)) return;
    seen.add(e.field);
    errors.push(e);
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p) => p !== 'kind').map(String);
      const field = path.length ? path.join('.') : 'host';
      add({ field, message: fieldMessage(field, issueDetail(issue)) });
    }
  }
  // Selectors are checked even when other fields fail, so every problem shows at once.
  const kind = (candidate as { kind?: { type?: unknown; selectors?: unknown } } | null)?.kind;
  if (doc && kind?.type === 'rules' && kind.selectors && typeof kind.selectors === 'object') {
    for (const name of IdentityFieldName.options) {
      const selector = (kind.selectors as Record<string, unknown>)[name];
      if (typeof selector !== 'string') continue;
      const error = selectorError(selector, doc);
      if (error)
        add({ field: `selectors.${name}`, message: fieldMessage(`selectors.${name}`, error) });
    }
  }
  if (parsed.success) for (const e of crossCheckCustomCrm(parsed.data, opts.existing)) add(e);
  if (errors.length || !parsed.success) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, crm: parsed.data };
}

const FORM_ORDER = [
  'label',
  'host',
  'protocol',
  'type',
  'adapterId',
  'recordUrlPattern',
  'objectType',
  'selectors',
];

function sortErrors(errors: FieldError[]): FieldError[] {
  const rank = (f: string) => {
    if (f.startsWith('selectors.'))
      return (
        FORM_ORDER.length + IdentityFieldName.options.indexOf(f.slice(10) as IdentityFieldName)
      );
    const i = FORM_ORDER.indexOf(f);
    return i < 0 ? 99 : i;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}
