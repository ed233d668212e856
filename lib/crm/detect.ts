import type { DetectedField, DetectedRecord, IdentityFieldName } from '../model';
import { ADAPTERS } from './adapters';
import { cleanText, deepQuery, deepQueryAll, hiddenByMarkup, isVisible, ShadowIndex } from './dom';
import { matchUrl, type UrlMatch } from './match';
import type { CrmAdapter, FieldProbe } from './types';

export type DetectedFields = DetectedRecord['fields'];

/**
 * The adapter's active record view, or the document itself (adapters without one). For each
 * selector in order: candidates hidden by their markup are skipped; a single one left is the
 * view; among several, the first the browser reports visible. Computed visibility forces a style
 * update of the whole page, so it is asked only when the markup cannot tell.
 */
export function activeView(adapter: CrmAdapter, doc: Document): ParentNode | null {
  if (!adapter.activeView?.length) return doc;
  for (const selector of adapter.activeView) {
    let candidates: NodeListOf<Element>;
    try {
      candidates = doc.querySelectorAll(selector);
    } catch {
      continue; // a selector this browser does not support (e.g. :has) skips to the next one
    }
    const shown = [...candidates].filter((el) => !hiddenByMarkup(el));
    if (shown.length === 1) return shown[0]!;
    for (const el of shown) {
      if (isVisible(el)) return el;
    }
  }
  return null;
}

/** The value element of a label-value probe: the sibling after the label with that text. */
function labelled(
  root: ParentNode,
  probe: FieldProbe,
  label: NonNullable<FieldProbe['label']>,
  index: ShadowIndex,
) {
  const wanted = label.text.map((t) => t.toLowerCase());
  for (const cell of deepQueryAll(root, probe.selector, index)) {
    const text = cleanText(cell.textContent)
      .replace(/\s*[:*]$/, '')
      .toLowerCase();
    if (!wanted.includes(text)) continue;
    for (let sib = cell.nextElementSibling; sib; sib = sib.nextElementSibling) {
      if (sib.matches(label.value)) return sib;
    }
  }
  return null;
}

function findProbe(root: ParentNode, probe: FieldProbe, index: ShadowIndex): Element | null {
  if (probe.label) return labelled(root, probe, probe.label, index);
  if (probe.visibleOnly) return deepQueryAll(root, probe.selector, index).find(isVisible) ?? null;
  return deepQuery(root, probe.selector, index);
}

/** Where a probe's value came from, for provenance. */
export function probeDetail(probe: FieldProbe): string {
  return probe.label
    ? `${probe.selector}[text="${probe.label.text[0]}"] ~ ${probe.label.value}`
    : probe.selector;
}

/** What a probe reads from the page, before any cleaning; null when its element is missing. */
function readRaw(
  root: ParentNode,
  doc: Document,
  probe: FieldProbe,
  index: ShadowIndex,
): string | null {
  // `title` (the document title) is the one probe that lives outside the record view.
  if (probe.selector === 'title') return doc.title;
  const el = findProbe(root, probe, index);
  if (!el) return null;
  if (probe.read === 'value') return (el as HTMLInputElement).value ?? el.getAttribute('value');
  if (typeof probe.read === 'object') return el.getAttribute(probe.read.attr);
  return el.textContent;
}

/**
 * Turns a probe's raw reading into a field: whitespace cleaned, the probe's own clean-up, a
 * stray "mailto:" off emails, provenance attached. Null when nothing is left (the next probe
 * gets its turn). Shared by the detector and the "test on the current tab" preview.
 */
export function toField(
  name: IdentityFieldName,
  probe: FieldProbe,
  raw: string | null | undefined,
): DetectedField | null {
  if (raw === null || raw === undefined) return null;
  let value = cleanText(raw);
  if (probe.clean) value = cleanText(probe.clean(value));
  if (name === 'email') value = value.replace(/^mailto:/i, '').trim();
  if (!value) return null;
  return {
    value,
    provenance: {
      source: probe.selector === 'title' ? 'title' : probe.read === 'value' ? 'input' : 'dom',
      detail: probeDetail(probe),
    },
  };
}

/** Reads every identity field the adapter knows from the active view. Never throws. */
export function readFields(adapter: CrmAdapter, doc: Document): DetectedFields {
  return readView(adapter, doc).fields;
}

/** The active view and the fields read from it (none when there is no view). */
function readView(
  adapter: CrmAdapter,
  doc: Document,
): { view: ParentNode | null; fields: DetectedFields } {
  const fields: DetectedFields = {};
  const root = activeView(adapter, doc);
  if (!root) return { view: null, fields };
  const index = new ShadowIndex(); // one walk for shadow roots per pass, shared by all probes
  for (const [name, probes] of Object.entries(adapter.probes) as [
    IdentityFieldName,
    readonly FieldProbe[],
  ][]) {
    for (const probe of probes) {
      let field: DetectedField | null;
      try {
        field = toField(name, probe, readRaw(root, doc, probe, index));
      } catch {
        continue; // a selector a page makes throw must not stop the other probes
      }
      if (!field) continue;
      fields[name] = field;
      break;
    }
  }
  return { view: root, fields };
}

export function toDetected(m: UrlMatch, href: string, fields: DetectedFields): DetectedRecord {
  return {
    ref: {
      crm: m.adapter.crm,
      tenant: m.record.tenant,
      objectType: m.record.objectType,
      recordId: m.record.recordId,
    },
    url: href,
    adapterId: m.adapter.id,
    fields,
  };
}

/**
 * Pure detection: the record reference from the URL plus whatever identity fields the page
 * shows right now, each with its provenance. Null when the URL is not a lead/contact record.
 */
export function detect(
  href: string,
  doc: Document,
  adapters: readonly CrmAdapter[] = ADAPTERS,
  disabled: readonly string[] = [],
  customHosts?: ReadonlyMap<string, string>,
): DetectedRecord | null {
  const m = matchUrl(href, adapters, disabled, customHosts);
  if (!m) return null;
  return toDetected(m, href, readFields(m.adapter, doc));
}

/** Identity fields worth waiting for: both resolve identities, email best. */
const WANTED: IdentityFieldName[] = ['email', 'name'];

/** Once one wanted field shows, how long to wait for the other before reporting. */
const GRACE_MS = 400;

/** Attributes by which CRMs hide a view they keep in the DOM (cached pages, console tabs). */
const HIDING_ATTRIBUTES = ['class', 'hidden', 'style'];

/**
 * The element whose subtree the fields render into: the adapter's active record view, when it
 * declares one and it is on the page (and is not the whole body); otherwise null.
 */
function recordScope(adapter: CrmAdapter, doc: Document, view: ParentNode | null): Element | null {
  if (!adapter.activeView?.length || !view || view.nodeType !== 1) return null;
  return view === doc.body || view === doc.documentElement ? null : (view as Element);
}

/**
 * Detects, waiting (bounded) for identity fields that render late. Reports as soon as both
 * email and name are there, or `GRACE_MS` after the first of them appeared (Lightning shows
 * the email only on the Details tab), or with whatever is known when `timeoutMs` runs out.
 *
 * While waiting it observes the record view only: the adapter's active view when it is on the
 * page (its subtree, plus the visibility attributes of it and its ancestors and its container's
 * children, so that the view being hidden or replaced by another one moves the observation to
 * the new active view); the body only while no view is known (it may not exist yet) or for
 * adapters without one. The page's other mutations (feeds, lists, clocks) never cause a read.
 * Everything is disconnected as soon as a result is reported or `signal` aborts (then the
 * result is null).
 */
export function detectWhenReady(
  href: string,
  doc: Document,
  opts: {
    signal: AbortSignal;
    timeoutMs?: number;
    adapters?: readonly CrmAdapter[];
    disabled?: readonly string[];
    customHosts?: ReadonlyMap<string, string>;
    /**
     * The previous record's fields. Right after an in-app navigation the page still shows
     * them (the URL changes before the CRM re-renders): a value equal to one of these is
     * treated as not there yet, so one record's name can never be reported for another.
     */
    stale?: DetectedFields;
  },
): Promise<DetectedRecord | null> {
  const adapters = opts.adapters ?? ADAPTERS;
  const m = matchUrl(href, adapters, opts.disabled ?? [], opts.customHosts);
  if (!m || opts.signal.aborted) return Promise.resolve(null);
  const found = (f: DetectedFields) => WANTED.filter((k) => f[k]).length;
  const read = () => {
    const r = readView(m.adapter, doc);
    return {
      view: recordScope(m.adapter, doc, r.view),
      fields: withoutStale(r.fields, opts.stale),
    };
  };
  const first = read();
  if (found(first.fields) === WANTED.length)
    return Promise.resolve(toDetected(m, href, first.fields));

  return new Promise((resolve) => {
    let best = first.fields;
    let scheduled = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    // Documents made with createHTMLDocument (and some frames) have no defaultView.
    const MO = doc.defaultView?.MutationObserver ?? MutationObserver;
    const schedule = () => {
      // Coalesce bursts of mutations (and both observers) into one read per microtask.
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(check);
      }
    };
    /** Mutations inside the scope: fields rendering. */
    const inside = new MO(schedule);
    /** The scope's own fate: hidden, or a sibling view added or removed. */
    const around = new MO(schedule);
    let scope: Element | null | undefined;
    const observe = (view: Element | null) => {
      if (view === scope) return;
      scope = view;
      inside.disconnect();
      around.disconnect();
      inside.observe(view ?? doc.body ?? doc.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      const container = view?.parentNode;
      for (let n: Element | null = view; n; n = n.parentElement) {
        around.observe(n, {
          attributes: true,
          attributeFilter: HIDING_ATTRIBUTES,
          childList: n === container,
        });
      }
    };
    const finish = (result: DetectedRecord | null) => {
      inside.disconnect();
      around.disconnect();
      clearTimeout(timer);
      clearTimeout(grace);
      opts.signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const startGrace = () => {
      grace ??= setTimeout(() => finish(toDetected(m, href, best)), GRACE_MS);
    };
    const check = () => {
      scheduled = false;
      const { view, fields } = read();
      if (Object.keys(fields).length >= Object.keys(best).length) best = fields;
      const n = found(fields);
      if (n === WANTED.length) return finish(toDetected(m, href, fields));
      observe(view);
      if (n > 0) startGrace();
    };
    const onAbort = () => finish(null);
    const timer = setTimeout(() => finish(toDetected(m, href, best)), opts.timeoutMs ?? 4000);
    opts.signal.addEventListener('abort', onAbort, { once: true });
    observe(first.view);
    if (found(first.fields) > 0) startGrace();
  });
}

function withoutStale(fields: DetectedFields, stale: DetectedFields | undefined): DetectedFields {
  if (!stale) return fields;
  const out: DetectedFields = {};
  for (const [k, f] of Object.entries(fields) as [
    IdentityFieldName,
    DetectedFields[IdentityFieldName],
  ][]) {
    if (f && f.value !== stale[k]?.value) out[k] = f;
  }
  return out;
}
