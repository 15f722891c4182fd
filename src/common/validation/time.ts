import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/** 24-hour wall-clock time, zero-padded: "00:00" .. "23:59". */
const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Area/Location names (and legacy single names such as "UTC"); excludes offsets like "+01:00". */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
export const MAX_TIME_ZONE_LENGTH = 64;

let knownZones: Map<string, string> | undefined;

/** ICU's canonical zone names by lower-cased name; 'UTC' is not in the list on every Node. */
function zonesByLowerCase(): Map<string, string> {
  knownZones ??= new Map(
    ['UTC', ...Intl.supportedValuesOf('timeZone')].map((zone) => [zone.toLowerCase(), zone]),
  );
  return knownZones;
}

export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME_OF_DAY.test(value);
}

/** Minutes since midnight of an "HH:MM" already checked with isTimeOfDay. */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A real date in the proleptic Gregorian calendar written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  // PostgreSQL has no year 0 ("0000-01-01" is out of range there, a 500 if it got that far).
  if (year < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear puts the year back.
  date.setUTCFullYear(year);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * The zone's usual spelling when `value` names an IANA time zone this runtime knows, or
 * null. Matching is case-insensitive ("europe/berlin" becomes "Europe/Berlin"); aliases ICU
 * does not list (for example "Asia/Kolkata" or "US/Eastern") are kept as given when Intl
 * accepts them. Offsets ("+01:00") and abbreviations Intl rejects are not zones.
 */
export function normalizeTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_TIME_ZONE_LENGTH || !IANA_NAME.test(value))
    return null;
  const known = zonesByLowerCase().get(value.toLowerCase());
  if (known) return known;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions()
      .timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return null;
  }
}

export const isTimeZone = (value: unknown): value is string => normalizeTimeZone(value) !== null;

export function IsTimeOfDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeOfDay',
      validator: {
        validate: isTimeOfDay,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a 24-hour time "HH:MM" (00:00 to 23:59)`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a real calendar date "YYYY-MM-DD"`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: isTimeZone,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an IANA time zone such as "Europe/Berlin" or "UTC"`,
          options,
        ),
      },
    },
    options,
  );
}
