/** Formatting shared by every surface. Plain Intl: no date library needed for these. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Intl formatters are costly to create (a long timeline formats hundreds of times per render):
 * one per locale, options and zone, kept for the page's life.
 */
type Formatter = Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat;
const formatters = new Map<string, Formatter>();
function cached<F extends Formatter>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/** "3 h ago", "in 5 h", "2 d ago": compact, for dense UI. */
export function relativeTime(at: number, now: number, locale?: string): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const rtf = cached(
    `rel|${locale ?? ''}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'narrow' }),
  );
  if (abs < HOUR) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 2 * DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 60 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  return rtf.format(Math.round(diff / (30 * DAY)), 'month');
}

/** Whole hours between two times (for SLA text: "MQL for 51 h"). */
export function hoursBetween(from: number, to: number): number {
  return Math.floor(Math.abs(to - from) / HOUR);
}

export function formatDay(day: string, locale?: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return cached(
    `day|${locale ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(Date.UTC(y, m - 1, d));
}

export function formatTime(at: number, timeZone?: string, locale?: string): string {
  return cached(
    `time|${locale ?? ''}|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }),
  ).format(at);
}

export function formatPoints(n: number): string {
  const r = Math.round(n * 10) / 10;
  const nf = cached('points', () => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }));
  return (r > 0 ? '+' : '') + nf.format(r);
}

/** A safe href: http(s) only; anything else (javascript:, data:) gives undefined. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
