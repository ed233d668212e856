/**
 * The touch timeline: touches grouped by the rep's calendar day, newest first, with first/last
 * touch for attribution, a count of bot-suspect noise, and intent surges (bursts of pricing
 * views, downloads or web visits) a rep should act on.
 */
import type { IntentSurge, Timeline, TimelineDay, Touch } from '../model';
import { sortByTime } from './scoring';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const SURGE_RULES: readonly {
  kind: IntentSurge['kind'];
  minCount: number;
  windowMs: number;
  test: (t: Touch) => boolean;
}[] = [
  {
    kind: 'pricing',
    minCount: 3,
    windowMs: 48 * HOUR_MS,
    test: (t) =>
      t.type === 'page_viewed' &&
      (t.url?.toLowerCase().includes('pricing') === true ||
        t.detail?.toLowerCase().includes('pricing') === true),
  },
  {
    kind: 'content',
    minCount: 3,
    windowMs: 7 * DAY_MS,
    test: (t) => t.type === 'content_downloaded',
  },
  { kind: 'web', minCount: 8, windowMs: 24 * HOUR_MS, test: (t) => t.type === 'page_viewed' },
];

// ---------- calendar days in a time zone ----------

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** null means UTC: either asked for, or the zone name is not one this runtime knows. */
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let f: Intl.DateTimeFormat | null = null;
  if (!/^(utc|etc\/utc|gmt|etc\/gmt|z)$/i.test(timeZone)) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      // An unknown zone (a typo in settings) falls back to UTC rather than breaking the sidebar.
      f = null;
    }
  }
  formatters.set(timeZone, f);
  return f;
}

/** The zone's offset from UTC at `t`, in ms (local wall time minus UTC). */
function offsetAt(f: Intl.DateTimeFormat, t: number): number {
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of f.formatToParts(t)) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
    }
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * Offsets are looked up per week and remembered per zone. Zones change offset at most a few times
 * a year and never twice within a week, so a week is described by its starting offset, the
 * instant of its change (if any, found once by binary search) and the offset after it. This turns
 * one formatter call per touch (about 2.5 us each) into a few per week of history, and none once
 * the weeks are known. The memo only caches a pure function of (zone, time), so results never
 * depend on it.
 */
const PROBE_MS = 7 * DAY_MS;
const MAX_WEEKS_PER_ZONE = 20_000;

interface Week {
  before: number;
  /** First millisecond with the `after` offset; Infinity when the offset holds all week. */
  changeAt: number;
  after: number;
}
const weeks = new Map<Intl.DateTimeFormat, Map<number, Week>>();

function weekOf(f: Intl.DateTimeFormat, index: number): Week {
  let memo = weeks.get(f);
  if (!memo) {
    memo = new Map();
    weeks.set(f, memo);
  }
  let w = memo.get(index);
  if (w === undefined) {
    if (memo.size >= MAX_WEEKS_PER_ZONE) memo.clear();
    const start = index * PROBE_MS;
    const before = offsetAt(f, start);
    const after = offsetAt(f, start + PROBE_MS);
    let changeAt = Infinity;
    if (before !== after) {
      // Offsets change on whole seconds: search the second at which `before` stops holding.
      let lo = start / 1000; // holds `before`
      let hi = (start + PROBE_MS) / 1000; // does not
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(f, mid * 1000) === before) lo = mid;
        else hi = mid;
      }
      changeAt = hi * 1000;
    }
    w = { before, changeAt, after };
    memo.set(index, w);
  }
  return w;
}

/** The zone's UTC offset at `t` (0 for UTC). */
function offsetFor(t: number, f: Intl.DateTimeFormat | null): number {
  if (f === null) return 0;
  const w = weekOf(f, Math.floor(t / PROBE_MS));
  return t < w.changeAt ? w.before : w.after;
}

/**
 * YYYY-MM-DD by day number since the epoch: every record view names the same recent days again.
 * A memo of a pure function, emptied when it grows past a bound.
 */
const dayNames = new Map<number, string>();
const MAX_DAY_NAMES = 20_000;

function dayKeyOf(localDay: number): string {
  let key = dayNames.get(localDay);
  if (key === undefined) {
    key = new Date(localDay * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size >= MAX_DAY_NAMES) dayNames.clear();
    dayNames.set(localDay, key);
  }
  return key;
}

/** Calendar day (YYYY-MM-DD) of each time in the zone (an IANA name; unknown names mean UTC). */
export function dayKeys(times: readonly number[], timeZone = 'UTC'): string[] {
  const f = formatterFor(timeZone);
  return times.map((t) => dayKeyOf(Math.floor((t + offsetFor(t, f)) / DAY_MS)));
}

// ---------- surges ----------

/**
 * Finds bursts of at least `minCount` matching touches within `windowMs` (inclusive: touches
 * exactly 48 h apart are within 48 h). Overlapping bursts merge into one surge. Touches must be
 * sorted ascending.
 */
export function findSurges(
  sorted: readonly Touch[],
  rule: (typeof SURGE_RULES)[number],
): IntentSurge[] {
  const hits = sorted.filter(rule.test);
  const surges: IntentSurge[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start < 0) return;
    const part = hits.slice(start, end + 1);
    surges.push({
      kind: rule.kind,
      start: part[0]!.at,
      end: part[part.length - 1]!.at,
      touchIds: part.map((t) => t.id),
    });
  };
  let i = 0;
  for (let j = 0; j < hits.length; j++) {
    while (hits[j]!.at - hits[i]!.at > rule.windowMs) i++;
    if (j - i + 1 < rule.minCount) continue;
    if (start >= 0 && i <= end) {
      end = j;
    } else {
      flush();
      start = i;
      end = j;
    }
  }
  flush();
  return surges;
}

// ---------- the timeline ----------

export interface TimelineOptions {
  now: number;
  /** IANA zone for calendar days (the rep's); UTC unless told. */
  timeZone?: string;
}

/**
 * Groups touches into local calendar days, newest first. Touches after `now` (clock skew, bad
 * imports) are left out entirely. Bot-suspect touches are shown (the UI dims them) but never
 * count as first or last touch and never make a surge.
 */
export function buildTimeline(touches: readonly Touch[], opts: TimelineOptions): Timeline {
  const { now } = opts;
  const visible = sortByTime(touches.filter((t) => t.at <= now));
  const keys = dayKeys(
    visible.map((t) => t.at),
    opts.timeZone ?? 'UTC',
  );

  const byDay = new Map<string, { touches: Touch[]; campaignIds: string[]; seen: Set<string> }>();
  let botSuspect = 0;
  for (let i = visible.length - 1; i >= 0; i--) {
    const t = visible[i]!;
    const key = keys[i]!;
    if (t.botSuspect) botSuspect++;
    let day = byDay.get(key);
    if (!day) {
      day = { touches: [], campaignIds: [], seen: new Set() };
      byDay.set(key, day);
    }
    day.touches.push(t);
    if (t.campaignId !== undefined && !day.seen.has(t.campaignId)) {
      day.seen.add(t.campaignId);
      day.campaignIds.push(t.campaignId);
    }
  }
  // A day can reappear when a zone falls back across midnight, hence the map and the sort.
  const days: TimelineDay[] = [...byDay.entries()]
    .sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
    .map(([day, d]) => ({ day, touches: d.touches, campaignIds: d.campaignIds }));

  const real = visible.filter((t) => !t.botSuspect);
  const surges = SURGE_RULES.flatMap((rule) => findSurges(real, rule)).sort(
    (a, b) => b.end - a.end || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );

  return {
    days,
    total: visible.length,
    botSuspect,
    firstTouch: real[0],
    lastTouch: real[real.length - 1],
    surges,
  };
}

// ---------- bot detection ----------

/** A click this soon after delivery was made by a mail scanner, not a person. */
export const BOT_CLICK_AFTER_DELIVERY_MS = 10_000;

function sameSecond(a: number, b: number): boolean {
  return Math.floor(a / 1000) === Math.floor(b / 1000);
}

/**
 * Whether an email touch looks like machine activity: security scanners fetch every link of a
 * message right after delivery, and "open" and "click" together in one second. Rules: a click
 * within 10 s after the same email's delivery; a click in the same second as an open of that
 * email; an open in the same second as a click. Other touch types are never flagged here.
 */
export function isLikelyBot(
  touch: Pick<Touch, 'type' | 'at'>,
  related: { deliveredAt?: number; openedAt?: number; clickedAt?: number } = {},
): boolean {
  if (touch.type === 'email_clicked') {
    const d = related.deliveredAt;
    if (d !== undefined && touch.at >= d && touch.at - d <= BOT_CLICK_AFTER_DELIVERY_MS) {
      return true;
    }
    if (related.openedAt !== undefined && sameSecond(touch.at, related.openedAt)) return true;
  }
  if (touch.type === 'email_opened' && related.clickedAt !== undefined) {
    return sameSecond(touch.at, related.clickedAt);
  }
  return false;
}

/**
 * Flags bot-suspect email touches with `isLikelyBot`, treating touches of one lead in one campaign
 * as the same email (touches carry no message id). Returns new touch objects where a flag was
 * added; touches already flagged stay flagged. Order is preserved.
 */
export function markBotTouches(touches: readonly Touch[]): Touch[] {
  const groups = new Map<
    string,
    { delivered: number[]; opens: Set<number>; clicks: Set<number> }
  >();
  const keyOf = (t: Touch) => `${t.leadKey}\u0000${t.campaignId ?? ''}`;
  for (const t of touches) {
    if (t.campaignId === undefined) continue;
    if (t.type !== 'email_delivered' && t.type !== 'email_opened' && t.type !== 'email_clicked') {
      continue;
    }
    const k = keyOf(t);
    let g = groups.get(k);
    if (!g) {
      g = { delivered: [], opens: new Set(), clicks: new Set() };
      groups.set(k, g);
    }
    if (t.type === 'email_delivered') g.delivered.push(t.at);
    else if (t.type === 'email_opened') g.opens.add(Math.floor(t.at / 1000));
    else g.clicks.add(Math.floor(t.at / 1000));
  }
  for (const g of groups.values()) g.delivered.sort((a, b) => a - b);

  return touches.map((t) => {
    if (t.botSuspect || t.campaignId === undefined) return t;
    const g = groups.get(keyOf(t));
    if (!g) return t;
    const second = Math.floor(t.at / 1000);
    let bot = false;
    if (t.type === 'email_clicked') {
      // The latest delivery at or before the click is the email it belongs to.
      let deliveredAt: number | undefined;
      for (const d of g.delivered) {
        if (d > t.at) break;
        deliveredAt = d;
      }
      bot = isLikelyBot(t, {
        deliveredAt,
        openedAt: g.opens.has(second) ? second * 1000 : undefined,
      });
    } else if (t.type === 'email_opened') {
      bot = isLikelyBot(t, { clickedAt: g.clicks.has(second) ? second * 1000 : undefined });
    }
    return bot ? { ...t, botSuspect: true } : t;
  });
}
