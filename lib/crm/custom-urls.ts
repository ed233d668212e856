/**
 * The URL half of the CRMs the user adds, and what the bootstrap content script reads from the
 * stored settings: the kill switches, the user's record-URL rules and the self-hosted host map.
 * Types only from the model (no zod): every page of every supported CRM loads this file.
 * The DOM half (the user's selectors as probes) lives in ./custom.ts.
 */
import type { CustomCrm, CustomCrmRules } from '../model/settings';
import type { CrmUrlAdapter, UrlRecord } from './types';

export type RulesCrm = CustomCrm & { kind: CustomCrmRules };

export const customAdapterId = (crm: Pick<CustomCrm, 'id'>) => `custom:${crm.id}`;

/** `10.0.0.5:8080` -> `10.0.0.5`: what `location.hostname` says on that CRM. */
export function hostnameOf(host: string): string {
  return host.replace(/:\d+$/, '').toLowerCase();
}

/**
 * The match pattern of the one origin a CRM the user added runs on: the permission requested,
 * the permission removed, and the content script's `matches`. Chrome's match patterns may name
 * a port; Firefox's may not (they match every port of the host there).
 */
export function originPattern(
  crm: Pick<CustomCrm, 'protocol' | 'host'>,
  browserName: string = import.meta.env.BROWSER,
): string {
  const host = browserName === 'firefox' ? hostnameOf(crm.host) : crm.host;
  return `${crm.protocol}://${host}/*`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a CRM described by the user's own rules runs, and its record URLs. Throws on a bad pattern. */
export function customUrlAdapter(crm: RulesCrm): CrmUrlAdapter {
  const hostname = hostnameOf(crm.host);
  const { recordUrlPattern, objectType } = crm.kind;
  return {
    id: customAdapterId(crm),
    crm: 'custom',
    label: crm.label,
    matches: [originPattern(crm)],
    hostPattern: new RegExp(`^${escapeRegExp(hostname)}$`, 'i'),
    urlRules: [
      {
        seenOn: 'added by the user',
        pattern: new RegExp(recordUrlPattern),
        toRecord: (m): UrlRecord | null => {
          const recordId = (m.groups?.id ?? m[1] ?? '').trim();
          if (!recordId || recordId.length > 200) return null;
          return { objectType, recordId, tenant: hostname };
        },
      },
    ],
  };
}

export const isRulesCrm = (crm: CustomCrm): crm is RulesCrm => crm.kind.type === 'rules';

/**
 * Turns every rules-kind CRM in `crms` with `make`. Settings come from storage: an entry that
 * cannot be turned into an adapter (an old or hand-edited one) is skipped, never thrown.
 */
export function fromRulesCrms<A>(crms: readonly CustomCrm[], make: (crm: RulesCrm) => A): A[] {
  const out: A[] = [];
  for (const crm of crms) {
    try {
      if (isRulesCrm(crm)) out.push(make(crm));
    } catch {
      // skip: an invalid stored rule must not stop detection on the other CRMs
    }
  }
  return out;
}

/** Host name -> built-in adapter id, for the CRMs the user added as "same as" a self-hosted one. */
export function customHostMap(crms: readonly CustomCrm[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const crm of crms) {
    if (crm.kind?.type === 'adapter' && typeof crm.host === 'string') {
      map.set(hostnameOf(crm.host), crm.kind.adapterId);
    }
  }
  return map;
}

/** The CRM part of the raw `settings` value from storage, read without zod (never throws). */
export function crmSettingsOf(raw: unknown): { disabled: string[]; crms: CustomCrm[] } {
  const s = (raw && typeof raw === 'object' ? raw : {}) as {
    disabledAdapters?: unknown;
    customCrms?: unknown;
  };
  const disabled = Array.isArray(s.disabledAdapters)
    ? s.disabledAdapters.filter((x): x is string => typeof x === 'string')
    : [];
  const crms = (Array.isArray(s.customCrms) ? s.customCrms : []).filter(
    (c): c is CustomCrm =>
      !!c && typeof c === 'object' && typeof (c as CustomCrm).host === 'string' && !!c.kind,
  );
  return { disabled, crms };
}

/** The settings keys detection depends on (the sidebar's own settings must not restart it). */
export function detectionKey(raw: unknown): string {
  const s = (raw ?? {}) as { disabledAdapters?: unknown; customCrms?: unknown };
  return JSON.stringify([s.disabledAdapters ?? [], s.customCrms ?? []]);
}
