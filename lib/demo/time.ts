/**
 * Time in the demo generator. Everything is planned as an offset from `now` in milliseconds
 * (negative = in the past) and only turned into epoch milliseconds at the very end, so a
 * different `now` shifts every time by the same amount and changes nothing else.
 */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The window the demo's marketing activity covers: the 12 months before now. */
export const WINDOW = 365 * DAY;

/** The marketing data was last synced this long before now ("updated 3 h ago"). */
export const DATA_AGE = 3 * HOUR;

/** Offset for "n days ago" (fractional days allowed); always an integer number of ms. */
export function daysAgo(n: number): number {
  return -Math.round(n * DAY);
}

export function hoursAgo(n: number): number {
  return -Math.round(n * HOUR);
}
