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

/**
 * The browser's lookup crosses into the extension runtime on every call and a sidebar render
 * makes hundreds: answers are kept (a catalogue never changes while a page lives). Bounded, as
 * substitutions (names, counts) make keys without end.
 */
const answers = new Map<string, string>();
const MAX_ANSWERS = 2000;

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  const memo = strings.length ? `${key}\u0000${strings.join('\u0001')}` : key;
  const known = answers.get(memo);
  if (known !== undefined) return known;
  let text: string | undefined;
  try {
    text = browser.i18n?.getMessage?.(key, strings) || undefined;
  } catch {
    // no extension context (tests, after an update invalidated the content script)
  }
  text ??= fallback(key, strings);
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(memo, text);
  return text;
}
