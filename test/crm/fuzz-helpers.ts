/**
 * Helpers for the detector fuzz test (fuzz.test.ts): the fixture pages with the URL each is
 * served at, fast-check arbitraries for DOM mutations and garbage text, a mutation interpreter,
 * and the oracle that decides whether a reported field value is "on the page".
 *
 * Everything that walks the DOM here is iterative (TreeWalker, explicit stacks), never
 * `textContent` on a big subtree or a recursive function: deeply nested mutated pages must not
 * make the harness itself overflow the stack (happy-dom's own `textContent` recurses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { ADAPTERS } from '../../lib/crm/adapters';
import { matchUrl } from '../../lib/crm/match';
import type { CrmAdapter } from '../../lib/crm/types';

export const FIXTURE_ROOT = resolve('test/fixtures/crm');

export interface FuzzFixture {
  /** Relative to test/fixtures/crm, e.g. `pipedrive/person-hidden-stale.html`. */
  path: string;
  html: string;
  /** The CRM URL the page is served at. */
  url: string;
  /** The adapter the registry picks for `url` (null when the URL is not a record). */
  adapter: CrmAdapter | null;
  /** For self-hosted CRMs on a host only a user's assignment gives to the adapter. */
  customHosts?: ReadonlyMap<string, string>;
}

const URL_COMMENT = /<!--\s*url:\s*(\S+)/;

/** The registry's match for `url`, assigning the host to the folder's adapter if it is self-hosted. */
function resolveMatch(url: string, folder: string) {
  const plain = matchUrl(url, ADAPTERS);
  if (plain) return { adapter: plain.adapter, customHosts: undefined };
  const own = ADAPTERS.find((a) => a.id === folder);
  if (!own?.selfHosted) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const customHosts = new Map([[host, own.id]]);
  const m = matchUrl(url, ADAPTERS, [], customHosts);
  return m ? { adapter: m.adapter, customHosts } : null;
}

/**
 * Every fixture page under test/fixtures/crm/{folder}/. The URL comes from the page's
 * `<!-- url: ... -->` comment; a page without one (salesforce-lightning/app.html documents
 * "Served at ... (any record id below)") gets the first of its `data-href` record paths that the
 * registry accepts on the origin of a sibling fixture.
 */
export function listFixtures(): FuzzFixture[] {
  const out: FuzzFixture[] = [];
  for (const folder of readdirSync(FIXTURE_ROOT, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = join(FIXTURE_ROOT, folder.name);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => ({ file: f, html: readFileSync(join(dir, f), 'utf8') }));
    const origins = pages.flatMap((p) => {
      const u = URL_COMMENT.exec(p.html)?.[1];
      try {
        return u ? [new URL(u).origin] : [];
      } catch {
        return [];
      }
    });
    for (const { file, html } of pages) {
      const path = `${folder.name}/${file}`;
      const candidates = [URL_COMMENT.exec(html)?.[1]].filter((u): u is string => !!u);
      if (!candidates.length) {
        for (const m of html.matchAll(/data-href="([^"]+)"/g)) {
          for (const origin of origins) candidates.push(origin + m[1]);
        }
      }
      let chosen: FuzzFixture = { path, html, url: candidates[0] ?? '', adapter: null };
      for (const url of candidates) {
        const r = resolveMatch(url, folder.name);
        if (r) {
          chosen = { path, html, url, adapter: r.adapter, customHosts: r.customHosts };
          break;
        }
      }
      out.push(chosen);
    }
  }
  return out;
}

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

// ---------------------------------------------------------------------------------------------
// Iterative traversal (through open shadow roots)
// ---------------------------------------------------------------------------------------------

const SHOW_ELEMENT = 1;
const SHOW_TEXT = 4;

/** The document and every open shadow root in it (at any depth), document first. */
export function allRoots(doc: Document): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [];
  const todo: (Document | ShadowRoot)[] = [doc];
  while (todo.length) {
    const root = todo.shift()!;
    roots.push(root);
    const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const sr = (n as Element).shadowRoot;
      if (sr) todo.push(sr);
    }
  }
  return roots;
}

/** Every element of the document and of its open shadow roots. */
export function allElements(doc: Document): Element[] {
  const out: Element[] = [];
  for (const root of allRoots(doc)) {
    const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Element);
  }
  return out;
}

/** Every text node of the document and of its open shadow roots. */
export function allTextNodes(doc: Document): Text[] {
  const out: Text[] = [];
  for (const root of allRoots(doc)) {
    const walker = doc.createTreeWalker(root, SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  }
  return out;
}

/** `root.textContent`, computed without recursion (text nodes in tree order). */
function textOf(doc: Document, root: Node): string {
  const parts: string[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push((n as Text).data);
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------------

/** The detector's normalization (cleanText without the cut): collapse whitespace, trim. */
export const collapse = (s: string | null | undefined): string =>
  (s ?? '').replace(/\s+/g, ' ').trim();

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Attributes whose values count as shown on the page: links, tooltips, input values, and every
 * attribute an adapter is declared to read (e.g. `data-email-address`).
 */
export const ORACLE_ATTRS: readonly string[] = [
  ...new Set([
    'href',
    'title',
    'value',
    ...ADAPTERS.flatMap((a) =>
      Object.values(a.probes).flatMap((probes) =>
        (probes ?? []).flatMap((p) => (typeof p.read === 'object' ? [p.read.attr] : [])),
      ),
    ),
  ]),
];

/**
 * Everything a reported value may be a substring of:
 * - the whitespace-collapsed text of the document and of each open shadow root (an element's
 *   text is a contiguous run of its root's text, and collapsing is local, so a collapsed,
 *   trimmed, cut element text is a substring of the collapsed root text);
 * - `document.title`, collapsed;
 * - each ORACLE_ATTRS attribute value, collapsed, and also as an adapter's `clean` may turn a
 *   link into an address: without a mailto:/tel:/callto: prefix and query, URI-decoded (both
 *   from the whole value and from its first 500 characters, as the detector cuts before
 *   cleaning);
 * - the current `.value` of inputs and textareas (what they show: for an input, the value
 *   attribute with line breaks stripped, as HTML's value sanitization does).
 * Template contents and comments are not on the page and are not included.
 */
export function pageHaystacks(doc: Document): string[] {
  const out: string[] = [];
  for (const root of allRoots(doc)) out.push(collapse(textOf(doc, root)));
  try {
    out.push(collapse(doc.title));
  } catch {
    // happy-dom finds the title element recursively (overflows on very deep pages); its text
    // is part of the document text anyway.
  }
  for (const el of allElements(doc)) {
    for (const name of ORACLE_ATTRS) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      const c = collapse(v);
      out.push(c);
      for (const base of [c, c.slice(0, 500)]) {
        const bare = base.replace(/^(?:mailto|tel|callto):/i, '').split('?')[0] ?? '';
        out.push(collapse(safeDecode(bare)));
      }
    }
    if (el.localName === 'input' || el.localName === 'textarea') {
      out.push(collapse((el as HTMLInputElement).value));
    }
  }
  return out.filter(Boolean);
}

export function isOnPage(value: string, haystacks: readonly string[]): boolean {
  return haystacks.some((h) => h.includes(value));
}

// ---------------------------------------------------------------------------------------------
// Garbage
// ---------------------------------------------------------------------------------------------

const LONG = 10_000;

/** Hand-picked nasty strings. */
export const SPECIAL_STRINGS: readonly string[] = [
  '',
  ' ',
  '\n\t \r\n  ',
  '\u00a0\u2028\u2029\ufeff\u3000',
  '\u200f',
  '\u200e\u202e\u2066reversed\u2069',
  '\u0000',
  'a\u0000b\u0000',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '&lt;b&gt;&amp;',
  '{{constructor.constructor("alert(1)")()}}',
  'mailto:',
  'mailto:?subject=x',
  'tel:',
  '%',
  '%E0%A4%A',
  '%F0%9F%99%82%40x.io',
  'a%20%20%0A%20b',
  ' | ',
  ' - contact details',
  'Evil Name | Lead | Salesforce',
  '\ud800',
  '\udfff\ud800x',
  'null',
  'undefined',
  '__proto__',
  '🙂👩‍👩‍👧‍👦',
  'مرحبا بالعالم',
  'x'.repeat(LONG),
  ' '.repeat(LONG),
  '\u200f'.repeat(LONG),
  'é'.repeat(499) + '🙂',
];

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const garbageLeaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  {
    // Long strings around the 500-character cut and at 10,000.
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
        fc.constantFrom(499, 500, 501, LONG),
      )
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
  },
);

export const garbage: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: garbageLeaf },
  { weight: 1, arbitrary: fc.tuple(garbageLeaf, garbageLeaf).map(([a, b]) => a + b) },
);

/** HTML fragments inserted as markup (parsed, never run: DOMParser documents run no scripts). */
export const HTML_SNIPPETS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<a href="mailto:%F0%9F%99%82%40x.io?subject=hi">x</a>',
  '<a href="mailto:">empty</a>',
  '<a href="mailto:a%zz@b.c">bad escape</a>',
  '<a href="mailto:  spaced%20%20out@x.io  ">spaced</a>',
  '<a href="tel:"></a>',
  '<a href="/organization/1"></a>',
  '<div hidden><a href="mailto:hidden@x.io">hidden@x.io</a><h1>Hidden Name</h1></div>',
  '<div style="display:none"><a href="tel:+1000">+1000</a></div>',
  '<h1></h1>',
  '<h1>   \n  </h1>',
  '<input value="  spaced   value ">',
  '<input value="line\nbreak">',
  '<textarea>a\n\n  b</textarea>',
  '<select><option value="v@x.io" selected>o</option></select>',
  '<table><tr><td class="labelCol">Email</td><td class="dataCol">label garbage</td></tr></table>',
  '<svg><title>svg title</title><a href="mailto:svg@x.io">svg</a></svg>',
  '<template><a href="mailto:template@x.io">template@x.io</a><h1>Template</h1></template>',
  '<!-- <a href="mailto:comment@x.io">comment@x.io</a> -->',
  '<style>main, body > * { display: none }</style>',
  '<math><mi>x</mi></math>',
  '<p>unclosed <b>bold <i>italic',
];

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/** Which elements a mutation picks from: any element, or the adapter's field elements. */
export type Pool = 'any' | 'field';

export type Mutation =
  | { kind: 'remove'; pool: Pool; at: number }
  | {
      kind: 'duplicate';
      pool: Pool;
      at: number;
      where: 'before' | 'after';
      /** New text (and link/title/value) for the copy; null keeps it identical. */
      text: string | null;
    }
  | { kind: 'garbleText'; at: number; text: string }
  | { kind: 'setAttr'; pool: Pool; at: number; name: string; value: string }
  | { kind: 'hide'; pool: Pool; at: number; how: 'hidden' | 'display' | 'visibility' }
  | { kind: 'nest'; pool: Pool; at: number; depth: number }
  | { kind: 'shadow'; pool: Pool; at: number; text: string; copyField: number | null }
  | { kind: 'insertHtml'; pool: Pool; at: number; html: string; where: InsertWhere }
  | { kind: 'title'; text: string; keepSuffix: boolean }
  | { kind: 'move'; pool: Pool; at: number; to: number };

type InsertWhere = 'beforebegin' | 'afterbegin' | 'beforeend' | 'afterend';

const pool = fc.constantFrom<Pool>('any', 'field');
const at = fc.nat();

const attrName = fc.oneof(
  fc.constantFrom(
    'href',
    'title',
    'value',
    'hidden',
    'style',
    'class',
    'id',
    'slot',
    'data-email-address',
    'data-id',
    'data-name',
    'name',
    'aria-hidden',
    'role',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
);

const attrValue = fc.oneof(
  garbage,
  fc
    .tuple(fc.constantFrom('mailto:', 'tel:', 'callto:', '/organization/'), garbage)
    .map(([p, g]) => p + g),
  fc.constantFrom('display:none', 'visibility:hidden', 'display: none !important', 'hidden'),
);

/** Counterexamples print long strings shortened (a 10,000-character string per line is noise). */
function printable(m: Mutation): Mutation {
  const short = (_key: string, v: unknown) =>
    typeof v === 'string' && v.length > 60 ? `${v.slice(0, 24)}… (${v.length} chars)` : v;
  return Object.defineProperty(m, fc.toStringMethod, {
    value: () => JSON.stringify(m, short),
    enumerable: false,
  });
}

export const mutation: fc.Arbitrary<Mutation> = fc
  .oneof(
    fc.record({ kind: fc.constant('remove' as const), pool, at }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      pool,
      at,
      where: fc.constantFrom<'before' | 'after'>('before', 'after'),
      text: fc.option(garbage, { nil: null }),
    }),
    fc.record({ kind: fc.constant('garbleText' as const), at, text: garbage }),
    fc.record({
      kind: fc.constant('setAttr' as const),
      pool,
      at,
      name: attrName,
      value: attrValue,
    }),
    fc.record({
      kind: fc.constant('hide' as const),
      pool,
      at,
      how: fc.constantFrom<'hidden' | 'display' | 'visibility'>('hidden', 'display', 'visibility'),
    }),
    fc.record({
      kind: fc.constant('nest' as const),
      pool,
      at,
      depth: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(200)),
    }),
    fc.record({
      kind: fc.constant('shadow' as const),
      pool,
      at,
      text: garbage,
      copyField: fc.option(fc.nat(), { nil: null }),
    }),
    fc.record({
      kind: fc.constant('insertHtml' as const),
      pool,
      at,
      html: fc.constantFrom(...HTML_SNIPPETS),
      where: fc.constantFrom<InsertWhere>('beforebegin', 'afterbegin', 'beforeend', 'afterend'),
    }),
    fc.record({ kind: fc.constant('title' as const), text: garbage, keepSuffix: fc.boolean() }),
    fc.record({ kind: fc.constant('move' as const), pool, at, to: fc.nat() }),
  )
  .map(printable);

export const mutations = (maxLength = 8): fc.Arbitrary<Mutation[]> =>
  fc.array(mutation, { minLength: 1, maxLength });

/** Selectors of the elements an adapter reads: its probes (and label cells) and active views. */
function fieldSelectors(adapter: CrmAdapter | null): string[] {
  if (!adapter) return [];
  const sels = new Set<string>(adapter.activeView ?? []);
  for (const probes of Object.values(adapter.probes)) {
    for (const p of probes ?? []) {
      if (p.selector === 'title') continue;
      sels.add(p.selector);
      if (p.label) sels.add(p.label.value);
    }
  }
  return [...sels];
}

/** The adapter's field elements, their containers (parent, grandparent), through shadow roots. */
export function fieldElements(doc: Document, adapter: CrmAdapter | null): Element[] {
  const found = new Set<Element>();
  const sels = fieldSelectors(adapter);
  for (const root of allRoots(doc)) {
    for (const sel of sels) {
      let matches: Element[];
      try {
        matches = [...root.querySelectorAll(sel)];
      } catch {
        continue;
      }
      for (const el of matches) {
        found.add(el);
        if (el.parentElement) found.add(el.parentElement);
        if (el.parentElement?.parentElement) found.add(el.parentElement.parentElement);
      }
    }
  }
  return [...found];
}

/**
 * Replaces the text, links, titles and values of a copied subtree with `text`, up to about
 * `budget` characters in all (then the rest of the copy stays as it was): a page duplicated
 * eight times with 10,000 characters in each of its text nodes would not fit in memory.
 */
export function rewrite(copy: Element, text: string, budget = 50_000): void {
  const doc = copy.ownerDocument;
  let left = budget;
  const spend = () => (left -= Math.max(text.length, 1)) >= 0;
  const walker = doc.createTreeWalker(copy, SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) {
    if (!spend()) return;
    t.data = text;
  }
  const els = [copy, ...copy.querySelectorAll('*')];
  for (const el of els) {
    for (const name of ORACLE_ATTRS) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      if (!spend()) return;
      // Keep the scheme, so `a[href^="mailto:"]` still finds the copy.
      const scheme = /^(?:mailto|tel|callto):/i.exec(v)?.[0] ?? '';
      el.setAttribute(name, scheme + text);
    }
    if (el.localName === 'input') (el as HTMLInputElement).value = text;
  }
}

function pick<T>(items: readonly T[], i: number): T | undefined {
  return items.length ? items[i % items.length] : undefined;
}

function wrapIn(el: Element, depth: number): void {
  const doc = el.ownerDocument;
  const outer = doc.createElement('div');
  // Built in place, one level at a time: happy-dom connects an inserted subtree recursively,
  // so inserting a ready-made 10,000-level chain would overflow in the harness.
  el.replaceWith(outer);
  let inner = outer;
  for (let i = 1; i < depth; i++) {
    const d = doc.createElement('div');
    inner.append(d);
    inner = d;
  }
  inner.append(el);
}

/** Wraps `el` in `depth` nested divs (exported for the targeted deep-nesting cases). */
export const nest = wrapIn;

/**
 * Applies one mutation. DOM errors the mutation itself provokes (moving an element into its own
 * subtree, attaching a second shadow root, an invalid attribute name) make it a no-op: they are
 * the harness's, not the detector's.
 */
export function applyMutation(doc: Document, adapter: CrmAdapter | null, m: Mutation): void {
  const elementsOf = (p: Pool): Element[] => {
    if (p === 'field') {
      const fields = fieldElements(doc, adapter);
      if (fields.length) return fields;
    }
    return allElements(doc);
  };
  try {
    switch (m.kind) {
      case 'remove':
        pick(elementsOf(m.pool), m.at)?.remove();
        break;
      case 'duplicate': {
        const el = pick(elementsOf(m.pool), m.at);
        if (!el?.parentNode) break;
        const copy = el.cloneNode(true) as Element;
        if (m.text !== null) rewrite(copy, m.text);
        if (m.where === 'before') el.before(copy);
        else el.after(copy);
        break;
      }
      case 'garbleText': {
        const t = pick(allTextNodes(doc), m.at);
        if (t) t.data = m.text;
        break;
      }
      case 'setAttr':
        pick(elementsOf(m.pool), m.at)?.setAttribute(m.name, m.value);
        break;
      case 'hide': {
        const el = pick(elementsOf(m.pool), m.at) as HTMLElement | undefined;
        if (!el) break;
        if (m.how === 'hidden') el.setAttribute('hidden', '');
        else if (m.how === 'display') el.setAttribute('style', 'display:none');
        else el.setAttribute('style', 'visibility:hidden');
        break;
      }
      case 'nest': {
        const el = pick(elementsOf(m.pool), m.at);
        if (el?.parentNode) wrapIn(el, m.depth);
        break;
      }
      case 'shadow': {
        const host = pick(elementsOf(m.pool), m.at);
        if (!host) break;
        const fields = fieldElements(doc, adapter);
        const copy = m.copyField === null ? undefined : pick(fields, m.copyField);
        const sr = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
        const junk = doc.createElement('div');
        junk.textContent = m.text;
        sr.append(junk);
        if (copy) {
          const c = copy.cloneNode(true) as Element;
          rewrite(c, m.text);
          sr.append(c);
        }
        break;
      }
      case 'insertHtml': {
        const el = pick(elementsOf(m.pool), m.at);
        if (!el) break;
        const frag = parse(`<!doctype html><body>${m.html}`).body;
        const nodes = [...frag.childNodes].map((n) => doc.importNode(n, true));
        if (m.where === 'beforebegin') el.before(...nodes);
        else if (m.where === 'afterbegin') el.prepend(...nodes);
        else if (m.where === 'beforeend') el.append(...nodes);
        else el.after(...nodes);
        break;
      }
      case 'title': {
        const suffix = /\s[|»\u2013\u2014-]\s.*$/.exec(doc.title)?.[0] ?? '';
        doc.title = m.text + (m.keepSuffix ? suffix : '');
        break;
      }
      case 'move': {
        const all = elementsOf(m.pool);
        const el = pick(all, m.at);
        const to = pick(allElements(doc), m.to);
        if (el && to && el !== to && !el.contains(to)) to.append(el);
        break;
      }
    }
  } catch (e) {
    if (e instanceof RangeError) throw e; // a stack overflow is never the mutation's fault
  }
}

// ---------------------------------------------------------------------------------------------
// A minimal iterative DOM, to test the detector's own traversal at depths happy-dom cannot
// build queries over (its querySelector, textContent and getComputedStyle recurse per level).
// ---------------------------------------------------------------------------------------------

class FakeNode {
  parentNode: FakeNode | null = null;
  readonly children: FakeNode[] = [];
  shadowRoot: FakeNode | null = null;
  host?: FakeNode;
  constructor(
    readonly localName: string,
    readonly ownerDocument: FakeDocument,
    readonly nodeType = 1,
  ) {}
  append(child: FakeNode): void {
    child.parentNode = this;
    this.children.push(child);
  }
  hasAttribute(): boolean {
    return false;
  }
  /** Descendants in document order (not into shadow roots), with an explicit stack. */
  *descendants(): Generator<FakeNode> {
    const stack = [...this.children].reverse();
    while (stack.length) {
      const n = stack.pop()!;
      yield n;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  querySelector(tag: string): FakeNode | null {
    for (const n of this.descendants()) if (n.localName === tag) return n;
    return null;
  }
  querySelectorAll(tag: string): FakeNode[] {
    return [...this.descendants()].filter((n) => n.localName === tag);
  }
}

interface FakeDocument {
  defaultView: { Element: typeof FakeNode; getComputedStyle: () => Partial<CSSStyleDeclaration> };
  createTreeWalker(root: FakeNode): { nextNode(): FakeNode | null };
}

/**
 * A root with `depth` levels of nesting and an `<a>` at the bottom: nested elements, or nested
 * open shadow roots (each level a host whose shadow root holds the next). Typed as the DOM
 * types the detector's helpers take.
 */
export function fakeDeepTree(
  depth: number,
  kind: 'elements' | 'shadow-roots',
): { root: ParentNode; leaf: Element } {
  const doc: FakeDocument = {
    defaultView: {
      Element: FakeNode,
      getComputedStyle: () => ({ display: 'block', visibility: 'visible' }),
    },
    createTreeWalker(root) {
      const it = root.descendants();
      return { nextNode: () => it.next().value ?? null };
    },
  };
  const root = new FakeNode('main', doc);
  let cur = root;
  for (let i = 0; i < depth; i++) {
    const div = new FakeNode('div', doc);
    cur.append(div);
    if (kind === 'elements') cur = div;
    else {
      const sr = new FakeNode('#shadow-root', doc, 11);
      sr.host = div;
      div.shadowRoot = sr;
      cur = sr;
    }
  }
  const leaf = new FakeNode('a', doc);
  cur.append(leaf);
  return { root: root as unknown as ParentNode, leaf: leaf as unknown as Element };
}
