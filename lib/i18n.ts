/**
 * Every user-facing string goes through the extension's i18n (`public/_locales`). Outside an
 * extension context (unit tests, the demo page server) the English catalogue is used directly,
 * with the same `$1`-style substitutions Chrome applies.
 */
import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
type Catalogue = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

function fallback(key: string, subs: readonly string[]): string {
  const entry = (en as Catalogue)[key];
  if (!entry) return key;
  let text = entry.message;
  for (const [name, ph] of Object.entries(entry.placeholders ?? {})) {
    text = text
      .replaceAll(`$${name}$`, ph.content)
      .replaceAll(`$${name.toUpperCase()}$`, ph.content);
  }
  return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  try {
    const got = browser.i18n?.getMessage?.(key, strings);
    if (got) return got;
  } catch {
    // no extension context (tests, after an update invalidated the content script)
  }
  return fallback(key, strings);
}
