import type { CrmId, IdentityFieldName, ObjectType } from '../model';

/**
 * The URL half of a CRM adapter, declared as data: where it runs and how to read a record
 * reference from a URL. It is all that the bootstrap content script, which every page of a
 * supported CRM loads, carries; the DOM half (`CrmAdapter`) is loaded only on record pages.
 */
export interface CrmUrlAdapter {
  /** Unique, stable (used by the kill switch in settings and in logs). */
  id: string;
  crm: CrmId;
  label: string;
  /** Match patterns (Chrome match-pattern syntax); they are the manifest's host permissions. */
  matches: readonly string[];
  /** Exact host test: the match patterns are coarse (`*.salesforce.com`), this is precise. */
  hostPattern: RegExp;
  /**
   * True for CRMs that are (also) self-hosted on hosts nobody can list in advance (SuiteCRM,
   * EspoCRM, Odoo, Twenty, Dynamics on-premises). On a host the user added and assigned to this
   * adapter, its URL rules and probes apply whatever `hostPattern` says.
   */
  selfHosted?: boolean;
  /** Ordered: the first rule whose pattern matches decides. */
  urlRules: readonly UrlRule[];
}

/**
 * A CRM adapter, declared as data: its URL half plus how to find the active record view and
 * the identity fields in it, and examples that the generated adapter tests run (and that every
 * other adapter must reject). Each adapter file exports both halves.
 */
export interface CrmAdapter extends CrmUrlAdapter {
  /**
   * The active record view. Several may exist (cached hidden pages, console tabs): the first
   * visible match is used. Fields are only searched inside it. Omitted: the whole document.
   * Name the active view as the CRM marks it (e.g. Lightning's `.active`): when a selector has a
   * single match not hidden by its markup, that match is the view without asking the browser to
   * compute styles (which, on a large page that has just re-rendered, costs tens of ms).
   */
  activeView?: readonly string[];
  /** Selectors per identity field, tried in order inside the active view. */
  probes: Partial<Record<IdentityFieldName, readonly FieldProbe[]>>;
}
// Each adapter file also exports `examples: readonly AdapterExample[]` beside the adapter: the
// generated tests run them, and keeping them out of the adapter object keeps them out of the
// scripts CRM pages load (see ./adapters/examples.ts).

export interface UrlRule {
  /** Which page this rule was seen on (kept with the rule so nobody has to guess later). */
  seenOn: string;
  /** Tested against `pathname + search + hash` of the URL. */
  pattern: RegExp;
  /**
   * Turns the match into a record reference, or null when the match is not a lead/contact
   * (e.g. an Opportunity id under the same URL shape). `url` is the full URL.
   */
  toRecord: (match: RegExpExecArray, url: URL) => UrlRecord | null;
}

export interface UrlRecord {
  objectType: ObjectType;
  recordId: string;
  tenant: string;
}

export interface FieldProbe {
  selector: string;
  /** What to read: text (default), an attribute, or an input's value. */
  read?: 'text' | 'value' | { attr: string };
  /** Post-processing, e.g. strip "Mailto:" or pick the part before " | ". */
  clean?: (raw: string) => string;
  /**
   * Label-value layouts (Salesforce Classic `td.labelCol` / `td.dataCol`): `selector` finds the
   * label elements; the first whose text is one of `label.text` (case-insensitive; a trailing
   * ":" or "*" ignored) gives the value element: its first following sibling matching
   * `label.value`.
   */
  label?: { text: readonly string[]; value: string };
  /** Skip matches that are hidden (cached views the CRM keeps in the DOM); first visible wins. */
  visibleOnly?: boolean;
}

export interface AdapterExample {
  url: string;
  /** The expected record, or null when this URL on this host is not a lead/contact record. */
  expect: UrlRecord | null;
}
