/**
 * Calendar arithmetic in a named time zone, with the platform's Intl only. Days and weeks of the
 * dashboard follow the marketer's wall clock: a copy made at 23:30 on Sunday in New York belongs
 * to that week, even though it is already Monday in UTC.
 */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the platform knows the IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

interface LocalTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

function localTime(at: number, timeZone: string): LocalTime {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  }
  return out;
}

/** The calendar date at `at` in the zone. */
export function localDate(at: number, timeZone: string): LocalDate {
  const { year, month, day } = localTime(at, timeZone);
  return { year, month, day };
}

/** Local wall-clock time minus UTC at `at`, in ms (New York in winter: -5 h). */
export function zoneOffset(at: number, timeZone: string): number {
  const l = localTime(at, timeZone);
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant local midnight starts the given date (day may overflow: day 32 is the 1st of the
 * next month). Where a DST change skips midnight, the first instant of that day.
 */
export function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const want = new Date(wall);
  let at = wall - zoneOffset(wall, timeZone);
  at = wall - zoneOffset(at, timeZone);
  const got = localDate(at, timeZone);
  if (got.day !== want.getUTCDate()) {
    // Midnight does not exist that day (the clocks jumped from 23:59 to 01:00): the day starts
    // at the jump, which is midnight by the offset in force before it.
    at = wall - zoneOffset(at - DAY_MS / 2, timeZone);
  }
  return at;
}

/** The instant the local day holding `at` began. */
export function startOfLocalDay(at: number, timeZone: string): number {
  const d = localDate(at, timeZone);
  return localMidnight(d.year, d.month, d.day, timeZone);
}

/** The instant the local week (Monday to Sunday) holding `at` began. */
export function startOfLocalWeek(at: number, timeZone: string): number {
  const d = localDate(at, timeZone);
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay(); // 0 = Sunday
  return localMidnight(d.year, d.month, d.day - ((weekday + 6) % 7), timeZone);
}

/** Start of every local week that overlaps [from, to], oldest first. */
export function weekStarts(from: number, to: number, timeZone: string): number[] {
  const starts: number[] = [];
  let start = startOfLocalWeek(from, timeZone);
  while (start <= to) {
    starts.push(start);
    const d = localDate(start + DAY_MS / 2, timeZone);
    start = localMidnight(d.year, d.month, d.day + 7, timeZone);
  }
  return starts;
}

export const RANGE_PRESETS = ['7d', '30d', '90d', '365d', 'all'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/**
 * The bounds of a preset: the last N local days including today (from local midnight N - 1 days
 * ago to `now`), or everything up to `now`.
 */
export function rangeFor(
  preset: RangePreset,
  now: number,
  timeZone: string,
): { from?: number; to: number } {
  if (preset === 'all') return { to: now };
  const days = Number(preset.slice(0, -1));
  const today = localDate(now, timeZone);
  return {
    from: localMidnight(today.year, today.month, today.day - (days - 1), timeZone),
    to: now,
  };
}
