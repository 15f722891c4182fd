/** Wall-clock arithmetic in an IANA zone through Intl, the only zone database Node ships. */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// Building a DateTimeFormat costs ~50 µs; analysis asks for the same few zones over and over.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      // A zone this Node does not know: UTC beats failing the whole analysis.
      formatter = formatterFor('UTC');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Task detection asks about the same zone and instant once per clause; formatToParts is the slow part.
let last: { timeZone: string; time: number; parts: ZonedParts & { second: number } } | undefined;

/** The wall clock in `timeZone` at `instant`. */
export function zonedParts(timeZone: string, instant: Date): ZonedParts & { second: number } {
  if (last && last.timeZone === timeZone && last.time === instant.getTime()) return last.parts;
  const parts = readParts(timeZone, instant);
  last = { timeZone, time: instant.getTime(), parts };
  return parts;
}

function readParts(timeZone: string, instant: Date): ZonedParts & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC in minutes at `instant` (+60 for Berlin in winter, +120 in summer). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const p = zonedParts(timeZone, instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

const pad = (value: number) => String(value).padStart(2, '0');

export function formatDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function formatTime(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`;
}

/** YYYY-MM-DD of `instant` in the zone. */
export function localDateOf(timeZone: string, instant: Date): string {
  const p = zonedParts(timeZone, instant);
  return formatDate(p.year, p.month, p.day);
}

/** A calendar date `days` after a YYYY-MM-DD (calendar arithmetic, so DST cannot shift it). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

export type DayPart = 'morning' | 'afternoon' | 'evening' | 'night';

/** Morning 05-12, afternoon 12-17, evening 17-22, night 22-05, in the user's zone. */
export function dayPartOf(timeZone: string, instant: Date): DayPart {
  const { hour } = zonedParts(timeZone, instant);
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
}
