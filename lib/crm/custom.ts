/**
 * CRMs the user adds: turning the stored settings into adapters, the host map for self-hosted
 * installs, the registration's match pattern, and the "test on a tab" preview.
 *
 * The detector (injected on record pages) imports this file, so it imports the model's *types*
 * only: no zod here. What the bootstrap on every CRM page needs is in ./custom-urls.ts.
 * Validation (zod plus the DOM checks of selectors) lives in ./custom-validate.ts.
 */
import type { DetectedField, IdentityFieldName } from '../model';
import type { CustomCrm } from '../model/settings';
import { ADAPTERS } from './adapters';
import {
  crmSettingsOf,
  customHostMap,
  customUrlAdapter,
  fromRulesCrms,
  hostnameOf,
  type RulesCrm,
} from './custom-urls';
import { toField, type DetectedFields } from './detect';
import { matchUrl } from './match';
import type { CrmAdapter, FieldProbe, UrlRecord } from './types';

export {
  customAdapterId,
  customHostMap,
  hostnameOf,
  originPattern,
  type RulesCrm,
} from './custom-urls';

/**
 * The bootstrap content script (`.output/<target>/content-scripts/crm.js`, WXT's layout): the
 * manifest declares it on the supported CRMs, the background registers it on the CRMs the user
 * added. It injects the detector (`CRM_DETECTOR_SCRIPT`) once a record URL shows.
 */
export const CRM_CONTENT_SCRIPT = 'content-scripts/crm.js';
/** The detector (adapters' DOM probes, record watcher), injected by the background. */
export const CRM_DETECTOR_SCRIPT = '/crm-detector.js';
/** Prefix of every dynamic content-script registration Tandem makes. */
export const CUSTOM_SCRIPT_PREFIX = 'tandem-custom-';

export const scriptId = (crm: Pick<CustomCrm, 'id'>) => `${CUSTOM_SCRIPT_PREFIX}${crm.id}`;

/** The adapter for a CRM described by the user's own rules. Throws on an invalid pattern. */
export function customAdapter(crm: RulesCrm): CrmAdapter {
  const probes: CrmAdapter['probes'] = {};
  for (const [name, selector] of Object.entries(crm.kind.selectors) as [
    IdentityFieldName,
    string,
  ][]) {
    if (!selector) continue;
    // The element's text; for a form field (empty text) its value.
    probes[name] = [{ selector }, { selector, read: 'value' }];
  }
  return { ...customUrlAdapter(crm), probes };
}

/**
 * The adapters for every rules-kind CRM in `crms`. Settings come from storage: an entry that
 * cannot be turned into an adapter (an old or hand-edited one) is skipped, never thrown.
 */
export function customAdapters(crms: readonly CustomCrm[]): CrmAdapter[] {
  return fromRulesCrms(crms, customAdapter);
}

/** What the detector needs from the stored settings (read without zod). */
export interface CrmRuntimeSettings {
  disabled: readonly string[];
  adapters: readonly CrmAdapter[];
  customHosts: ReadonlyMap<string, string>;
}

/** Turns the raw `settings` value from storage into the detector's inputs. */
export function crmRuntimeSettings(raw: unknown): CrmRuntimeSettings {
  const { disabled, crms } = crmSettingsOf(raw);
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
