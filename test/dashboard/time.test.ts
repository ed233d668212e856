import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  localMidnight,
  rangeFor,
  startOfLocalDay,
  startOfLocalWeek,
  weekStarts,
  zoneOffset,
} from '../../lib/dashboard/time';

const NY = 'America/New_York';

describe('calendar in a time zone', () => {
  it('puts Sunday 23:30 in New York in the week that started the Monday before', () => {
    // 11 March 2024 03:30 UTC is Sunday 10 March 23:30 EDT.
    expect(startOfLocalWeek(Date.UTC(2024, 2, 11, 3, 30), NY)).toBe(Date.UTC(2024, 2, 4, 5));
    // One hour later it is Monday 00:30 EDT: a new week, which began at 04:00 UTC (EDT).
    expect(startOfLocalWeek(Date.UTC(2024, 2, 11, 4, 30), NY)).toBe(Date.UTC(2024, 2, 11, 4));
  });

  it('lists week starts across a DST change', () => {
    expect(weekStarts(Date.UTC(2024, 2, 6), Date.UTC(2024, 2, 20, 12), NY)).toEqual([
      Date.UTC(2024, 2, 4, 5),
      Date.UTC(2024, 2, 11, 4),
      Date.UTC(2024, 2, 18, 4),
    ]);
  });

  it('starts days on a half-hour offset (India, +05:30)', () => {
    const tz = 'Asia/Kolkata';
    expect(startOfLocalDay(Date.UTC(2024, 0, 1, 18, 29), tz)).toBe(Date.UTC(2023, 11, 31, 18, 30));
    expect(startOfLocalDay(Date.UTC(2024, 0, 1, 18, 30), tz)).toBe(Date.UTC(2024, 0, 1, 18, 30));
    expect(zoneOffset(Date.UTC(2024, 0, 1), tz)).toBe(5.5 * 3_600_000);
  });

  it('starts a day whose midnight the clocks skipped at the jump', () => {
    // Santiago, 8 September 2024: 00:00 -04 became 01:00 -03, at 04:00 UTC.
    expect(localMidnight(2024, 9, 8, 'America/Santiago')).toBe(Date.UTC(2024, 8, 8, 4));
    expect(localMidnight(2024, 9, 9, 'America/Santiago')).toBe(Date.UTC(2024, 8, 9, 3));
  });

  it('makes presets the last N local days, today included', () => {
    const now = Date.UTC(2024, 2, 20, 12); // Wednesday 08:00 EDT
    expect(rangeFor('7d', now, NY)).toEqual({ from: Date.UTC(2024, 2, 14, 4), to: now });
    // 30 days back crosses the DST change: 20 February began at 05:00 UTC (EST).
    expect(rangeFor('30d', now, NY)).toEqual({ from: Date.UTC(2024, 1, 20, 5), to: now });
    expect(rangeFor('all', now, NY)).toEqual({ to: now });
  });

  it('knows which zone names are real', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
