/**
 * DOM helpers for pages we do not own: queries that also search open shadow roots (Lightning is
 * moving from synthetic to native shadow DOM) and a visibility test for cached, hidden views.
 */

/**
 * The open shadow hosts under each root, found once per detection pass and shared by all its
 * probes: walking a large page for shadow roots once per probe would cost every mutation burst
 * a dozen full-document walks.
 */
export class ShadowIndex {
  private readonly hosts = new Map<ParentNode, Element[]>();

  hostsOf(root: ParentNode): Element[] {
    let found = this.hosts.get(root);
    if (!found) {
      found = [];
      // A TreeWalker is much cheaper than querySelectorAll('*') on large pages.
      const doc = (root as Node).ownerDocument ?? (root as Document);
      const walker = doc.createTreeWalker(root as Node, 1 /* NodeFilter.SHOW_ELEMENT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if ((n as Element).shadowRoot) found.push(n as Element);
      }
      this.hosts.set(root, found);
    }
    return found;
  }
}

/** First element matching `selector` in `root` or any open shadow root below it (document order). */
export function deepQuery(
  root: ParentNode,
  selector: string,
  index: ShadowIndex = new ShadowIndex(),
): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const host of index.hostsOf(root)) {
    const found = deepQuery(host.shadowRoot!, selector, index);
    if (found) return found;
  }
  return null;
}

/** All elements matching `selector`, through open shadow roots. */
export function deepQueryAll(
  root: ParentNode,
  selector: string,
  index: ShadowIndex = new ShadowIndex(),
): Element[] {
  const out = [...root.querySelectorAll(selector)];
  for (const host of index.hostsOf(root)) {
    out.push(...deepQueryAll(host.shadowRoot!, selector, index));
  }
  return out;
}

/**
 * False for elements that are hidden: the `hidden` attribute, `display:none` or
 * `visibility:hidden` on it or an ancestor (crossing shadow boundaries).
 */
export function isVisible(el: Element): boolean {
  const anyEl = el as Element & { checkVisibility?: (o?: object) => boolean };
  // Real browsers answer directly (including styles from stylesheets).
  if (typeof anyEl.checkVisibility === 'function' && !isHappyDom(el)) {
    return anyEl.checkVisibility({ visibilityProperty: true });
  }
  for (let n: Node | null = el; n; n = parentAcrossShadow(n)) {
    if (!(n instanceof (el.ownerDocument.defaultView?.Element ?? Element))) continue;
    const e = n as HTMLElement;
    if (e.hasAttribute('hidden')) return false;
    const style = (e.ownerDocument.defaultView ?? globalThis).getComputedStyle?.(e);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  return true;
}

/**
 * Hidden by markup alone, without computing styles: the element or an ancestor (across shadow
 * roots) has the `hidden` attribute or an inline `display: none` / `visibility: hidden`.
 */
export function hiddenByMarkup(el: Element): boolean {
  for (let n: Node | null = el; n; n = parentAcrossShadow(n)) {
    if (n.nodeType !== 1) continue;
    const e = n as HTMLElement;
    if (e.hasAttribute('hidden')) return true;
    const style = e.style as CSSStyleDeclaration | undefined;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return true;
  }
  return false;
}

function parentAcrossShadow(n: Node): Node | null {
  if (n.parentNode && (n.parentNode as ShadowRoot).host && n.parentNode.nodeType === 11) {
    return (n.parentNode as ShadowRoot).host;
  }
  return n.parentNode;
}

/** happy-dom implements checkVisibility without layout; use the ancestor walk there. */
function isHappyDom(el: Element): boolean {
  const win = (el.ownerDocument.defaultView ?? globalThis) as unknown as { happyDOM?: unknown };
  return !!win.happyDOM;
}

/** Collapses whitespace and trims; cuts overly long text (untrusted page content). */
export function cleanText(s: string | null | undefined, max = 500): string {
  // Cut, then trim: a cut just after a space must not leave it; never split a surrogate pair.
  let text = (s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
  while (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return text.trimEnd();
}
