import { addDays, zoneOffsetMinutes } from '../ai/backends/local/zone.js';
import { localDate } from '../common/time/local-date.js';

export interface LocalWindow {
  time_zone: string;
  /** First and last local calendar day of the window, inclusive. */
  from_date: string;
  to_date: string;
  /** The same window as UTC instants: [since, until). */
  since: string;
  until: string;
}

/** The UTC instant of local midnight starting `date` in `timeZone` (DST-aware). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallAsUtc = Date.UTC(year, month - 1, day);
  const firstGuess = wallAsUtc - zoneOffsetMinutes(timeZone, new Date(wallAsUtc)) * 60_000;
  // The offset at the guess may differ from the offset at midnight across a DST change.
  return new Date(wallAsUtc - zoneOffsetMinutes(timeZone, new Date(firstGuess)) * 60_000);
}

/** `days` whole local days ending with `endDate` (default: today in the zone). */
export function localWindow(
  timeZone: string,
  days: number,
  endDate?: string,
  now = new Date(),
): LocalWindow {
  const to = endDate ?? localDate(timeZone, now);
  const from = addDays(to, -(days - 1));
  return {
    time_zone: timeZone,
    from_date: from,
    to_date: to,
    since: startOfLocalDay(from, timeZone).toISOString(),
    until: startOfLocalDay(addDays(to, 1), timeZone).toISOString(),
  };
}
