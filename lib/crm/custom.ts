/**
 * CRMs the user adds: turning the stored settings into adapters, the host map for self-hosted
 * installs, the registration's match pattern, and the "test on a tab" preview.
 *
 * The content script imports this file, so it imports the model's *types* only: no zod here.
 * Validation (zod plus the DOM checks of selectors) lives in ./custom-validate.ts.
 */
import type { DetectedField, IdentityFieldName } from '../model';
import type { CustomCrm, CustomCrmRules } from '../model/settings';
import { ADAPTERS } from './adapters';
import { toField, type DetectedFields } from './detect';
import { matchUrl } from './match';
import type { CrmAdapter, FieldProbe, UrlRecord } from './types';

export type RulesCrm = CustomCrm & { kind: CustomCrmRules };

/** The built content script (`.output/<target>/content-scripts/crm.js`, WXT's layout). */
export const CRM_CONTENT_SCRIPT = 'content-scripts/crm.js';
/** Prefix of every dynamic content-script registration Tandem makes. */
export const CUSTOM_SCRIPT_PREFIX = 'tandem-custom-';

export const scriptId = (crm: Pick<CustomCrm, 'id'>) => `${CUSTOM_SCRIPT_PREFIX}${crm.id}`;
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

/** The adapter for a CRM described by the user's own rules. Throws on an invalid pattern. */
export function customAdapter(crm: RulesCrm): CrmAdapter {
  const hostname = hostnameOf(crm.host);
  const { recordUrlPattern, objectType, selectors } = crm.kind;
  const probes: CrmAdapter['probes'] = {};
  for (const [name, selector] of Object.entries(selectors) as [IdentityFieldName, string][]) {
    if (!selector) continue;
    // The element's text; for a form field (empty text) its value.
    probes[name] = [{ selector }, { selector, read: 'value' }];
  }
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
    probes,
  };
}

const isRules = (crm: CustomCrm): crm is RulesCrm => crm.kind.type === 'rules';

/**
 * The adapters for every rules-kind CRM in `crms`. Settings come from storage: an entry that
 * cannot be turned into an adapter (an old or hand-edited one) is skipped, never thrown.
 */
export function customAdapters(crms: readonly CustomCrm[]): CrmAdapter[] {
  const out: CrmAdapter[] = [];
  for (const crm of crms) {
    try {
      if (isRules(crm)) out.push(customAdapter(crm));
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

/** What the content script needs from the stored settings (read without zod). */
export interface CrmRuntimeSettings {
  disabled: readonly string[];
  adapters: readonly CrmAdapter[];
  customHosts: ReadonlyMap<string, string>;
}

/** Turns the raw `settings` value from storage into the content script's inputs. */
export function crmRuntimeSettings(raw: unknown): CrmRuntimeSettings {
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
  return {
    disabled,
    adapters: [...ADAPTERS, ...customAdapters(crms)],
    customHosts: customHostMap(crms),
  };
}

/** The adapter whose rules apply on a CRM the user added (built-in or from its rules). */
export function adapterFor(crm: CustomCrm): CrmAdapter {
  const kind = crm.kind;
  if (kind.type === 'rules') return customAdapter({ ...crm, kind });
  const adapterId = kind.adapterId;
  const adapter = ADAPTERS.find((a) => a.id === adapterId && a.selfHosted);
  if (!adapter) throw new Error(`not a self-hosted adapter: ${adapterId}`);
  return adapter;
}

// ---------------------------------------------------------------------------------------------
// Test on a tab. `collectProbes` runs inside the CRM page (scripting.executeScript serializes
// it), so it is self-contained: it imports nothing and calls no function defined outside it.
// It reads what every probe points at; `finishTest` then applies the probes' `clean` functions
// (which cannot travel) and the first-non-empty-wins order, exactly as `readFields` does.
// ---------------------------------------------------------------------------------------------

/** A probe without its functions: what can be passed to `executeScript`. */
export interface SpecProbe {
  selector: string;
  read?: FieldProbe['read'];
  label?: { text: readonly string[]; value: string };
  visibleOnly?: boolean;
}

export interface ProbeSpec {
  activeView?: readonly string[];
  probes: Partial<Record<IdentityFieldName, SpecProbe[]>>;
}

/** What `collectProbes` found in the page. */
export interface CollectedPage {
  url: string;
  /** False when the adapter's active record view is not on the page. */
  viewFound: boolean;
  /** Per field, per probe (same order): the raw value read, or null when nothing matched. */
  raw: Partial<Record<IdentityFieldName, (string | null)[]>>;
  /** Per field: the first selector that throws, with the browser's message. */
  errors: Partial<Record<IdentityFieldName, string>>;
}

export function probeSpec(adapter: CrmAdapter): ProbeSpec {
  const probes: ProbeSpec['probes'] = {};
  for (const [name, list] of Object.entries(adapter.probes) as [
    IdentityFieldName,
    readonly FieldProbe[],
  ][]) {
    probes[name] = list.map((p) => ({
      selector: p.selector,
      ...(p.read ? { read: p.read } : {}),
      ...(p.label ? { label: { text: [...p.label.text], value: p.label.value } } : {}),
      ...(p.visibleOnly ? { visibleOnly: true } : {}),
    }));
  }
  return { ...(adapter.activeView ? { activeView: [...adapter.activeView] } : {}), probes };
}

/**
 * Reads every probe of `spec` in `doc` (the page's own document when injected). Mirrors
 * `readFields` in ./detect.ts and `deepQuery`/`isVisible` in ./dom.ts; a test checks both give
 * the same result on every self-hosted adapter's fixture page.
 */
export function collectProbes(spec: ProbeSpec, doc: Document = document): CollectedPage {
  const win = doc.defaultView as (Window & { happyDOM?: unknown }) | null;
  const shadowHosts = (root: ParentNode): Element[] => {
    const hosts: Element[] = [];
    const owner = (root as Node).ownerDocument ?? (root as Document);
    const walker = owner.createTreeWalker(root as Node, 1);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n as Element).shadowRoot) hosts.push(n as Element);
    }
    return hosts;
  };
  const queryAll = (root: ParentNode, selector: string): Element[] => {
    const out = [...root.querySelectorAll(selector)];
    for (const host of shadowHosts(root)) out.push(...queryAll(host.shadowRoot!, selector));
    return out;
  };
  const visible = (el: Element): boolean => {
    const e = el as Element & { checkVisibility?: (o?: object) => boolean };
    if (typeof e.checkVisibility === 'function' && !win?.happyDOM) {
      return e.checkVisibility({ visibilityProperty: true });
    }
    for (let n: Node | null = el; n;) {
      if (n.nodeType === 1) {
        const h = n as HTMLElement;
        if (h.hasAttribute('hidden')) return false;
        const style = win?.getComputedStyle?.(h);
        if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
      }
      const parent: Node | null = n.parentNode;
      n =
        parent && parent.nodeType === 11 && (parent as ShadowRoot).host
          ? (parent as ShadowRoot).host
          : parent;
    }
    return true;
  };
  const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

  let root: ParentNode | null = doc;
  if (spec.activeView?.length) {
    root = null;
    for (const selector of spec.activeView) {
      try {
        root = [...doc.querySelectorAll(selector)].find(visible) ?? null;
      } catch {
        root = null;
      }
      if (root) break;
    }
  }

  const raw: CollectedPage['raw'] = {};
  const errors: CollectedPage['errors'] = {};
  for (const [name, probes] of Object.entries(spec.probes) as [IdentityFieldName, SpecProbe[]][]) {
    raw[name] = probes.map((probe) => {
      // As in readFields: no record view, no fields (not even the document title).
      if (!root) return null;
      if (probe.selector === 'title') return doc.title;
      try {
        let el: Element | null = null;
        if (probe.label) {
          const wanted = probe.label.text.map((t) => t.toLowerCase());
          for (const cell of queryAll(root, probe.selector)) {
            const label = text(cell.textContent)
              .replace(/\s*[:*]$/, '')
              .toLowerCase();
            if (!wanted.includes(label)) continue;
            for (let sib = cell.nextElementSibling; sib && !el; sib = sib.nextElementSibling) {
              if (sib.matches(probe.label.value)) el = sib;
            }
            if (el) break;
          }
        } else if (probe.visibleOnly) {
          el = queryAll(root, probe.selector).find(visible) ?? null;
        } else {
          el = queryAll(root, probe.selector)[0] ?? null;
        }
        if (!el) return null;
        if (probe.read === 'value') {
          return (el as HTMLInputElement).value ?? el.getAttribute('value');
        }
        if (probe.read && typeof probe.read === 'object') return el.getAttribute(probe.read.attr);
        return el.textContent;
      } catch (e) {
        errors[name] ??= e instanceof Error ? e.message : String(e);
        return null;
      }
    });
  }
  return { url: doc.location?.href ?? '', viewFound: root !== null, raw, errors };
}

/** What the preview shows: the record the URL gives, and the fields the page gives. */
export interface CustomCrmTestResult {
  url: string;
  record: UrlRecord | null;
  fields: DetectedFields;
  viewFound: boolean;
  selectorErrors: Partial<Record<IdentityFieldName, string>>;
}

/**
 * The fields `readFields` would give, from what `collectProbes` read: each probe's `clean`
 * applied, the first non-empty value per field wins, with the same provenance.
 */
export function fieldsFromPage(adapter: CrmAdapter, page: CollectedPage): DetectedFields {
  const fields: DetectedFields = {};
  for (const [name, probes] of Object.entries(adapter.probes) as [
    IdentityFieldName,
    readonly FieldProbe[],
  ][]) {
    const raws = page.raw[name] ?? [];
    for (const [i, probe] of probes.entries()) {
      let field: DetectedField | null;
      try {
        field = toField(name, probe, raws[i]);
      } catch {
        continue; // an adapter's clean-up that throws must not stop the other probes
      }
      if (!field) continue;
      fields[name] = field;
      break;
    }
  }
  return fields;
}

/** Applies the URL rules and the probes' cleaning to what `collectProbes` read. */
export function finishTest(crm: CustomCrm, page: CollectedPage): CustomCrmTestResult {
  const adapter = adapterFor(crm);
  const customHosts =
    crm.kind.type === 'adapter' ? new Map([[hostnameOf(crm.host), crm.kind.adapterId]]) : undefined;
  const match = matchUrl(page.url, [adapter], [], customHosts);
  return {
    url: page.url,
    record: match?.record ?? null,
    fields: fieldsFromPage(adapter, page),
    viewFound: page.viewFound,
    selectorErrors: page.errors,
  };
}

/**
 * What detection finds for a CRM the user is adding, on a page given as `href` + `doc`: the
 * same steps the background runs in the live tab (collect in the page, finish here).
 */
export function testCustomCrm(crm: CustomCrm, href: string, doc: Document): CustomCrmTestResult {
  const page = collectProbes(probeSpec(adapterFor(crm)), doc);
  return finishTest(crm, { ...page, url: href });
}
