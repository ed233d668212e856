/**
 * Helpers shared by the adapters: joining an adapter's two halves, and clean-ups for adapters
 * that read generic signals (mailto links, the page title) where a CRM documents no field
 * markers.
 *
 * The bootstrap content script imports each adapter file for its URL half only. The
 * `__NO_SIDE_EFFECTS__` annotations tell the bundler that calling these at module level does
 * nothing else, so an unused result (the DOM half, a title clean-up) is dropped from that bundle
 * with everything it alone references.
 */
import type { CrmAdapter, CrmUrlAdapter } from '../types';

/**
 * The whole adapter: the URL half plus the DOM half (the active record view and the probes).
 * The DOM half is a function so that declaring it runs nothing at module level.
 */
/* @__NO_SIDE_EFFECTS__ */
export function withDom(
  urls: CrmUrlAdapter,
  dom: () => Pick<CrmAdapter, 'activeView' | 'probes'>,
): CrmAdapter {
  return { ...urls, ...dom() };
}

/** `mailto:a%40b.io?subject=x` -> `a@b.io` (a malformed escape is kept as written). */
export function mailtoAddress(href: string): string {
  const address = href.replace(/^mailto:/i, '').split('?')[0] ?? '';
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

/** The first thing shaped like an email address in a text ('' when there is none). */
export function firstEmail(text: string): string {
  return /[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+/.exec(text)?.[0] ?? '';
}

/**
 * A clean-up for the document title "{Name} | {App}" (also "–", "—" or "-" between): the part
 * before the app's name, or '' when the title is not of that form. `app` is a regex source.
 */
/* @__NO_SIDE_EFFECTS__ */
export function titleBefore(
  app: string,
  separators = '|\\u2013\\u2014-',
): (title: string) => string {
  const re = new RegExp(`^(.+?)\\s+[${separators}]\\s+${app}$`, 'i');
  return (title) => re.exec(title)?.[1] ?? '';
}
