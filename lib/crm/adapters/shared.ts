/**
 * Clean-ups shared by adapters that read generic signals (mailto links, the page title) where a
 * CRM documents no field markers. One copy each: every CRM page loads the adapters.
 */

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
export function titleBefore(
  app: string,
  separators = '|\\u2013\\u2014-',
): (title: string) => string {
  const re = new RegExp(`^(.+?)\\s+[${separators}]\\s+${app}$`, 'i');
  return (title) => re.exec(title)?.[1] ?? '';
}
