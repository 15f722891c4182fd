import { Transform } from 'class-transformer';
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The instants this API accepts: years 0001 to 9999. JavaScript dates reach ±275,760 years and
 * PostgreSQL's timestamptz 4713 BC to 294,276 AD; neither bound is a time anyone means, and
 * anything past PostgreSQL's would fail in the query as a 500.
 */
export const MIN_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
export const MAX_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** YYYY-MM-DD, optionally THH:MM[:SS[.fraction]] and Z or ±HH[:]MM; no zone means UTC (the contract's times are UTC). */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

export function isStorableInstant(value: unknown): value is Date {
  if (!(value instanceof Date)) return false;
  const time = value.getTime();
  return Number.isFinite(time) && time >= MIN_INSTANT && time <= MAX_INSTANT;
}

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;
}

/**
 * A strict ISO-8601 reading: every field in its range (no 2026-02-30, no 24:00, no 13th
 * month), where `new Date()` would quietly roll 2026-02-30 over to March 2nd. Null when the
 * text is not such a date-time or falls outside years 0001..9999.
 */
export function parseIsoDateTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const fraction = match[7] ?? '';
  const [sign, offsetHours, offsetMinutes] = [
    match[9],
    Number(match[10] ?? 0),
    Number(match[11] ?? 0),
  ];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59)
    return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = new Date(date.getTime() - offset);
  return isStorableInstant(instant) ? instant : null;
}

/**
 * An ISO-8601 date-time in years 0001..9999, turned into a Date. Replaces `@Type(() => Date)`
 * + `@IsDate()`, which accept whatever `new Date()` makes of a string ("1", "2026-02-30",
 * "-271821-04-20") and let PostgreSQL answer the out-of-range ones with a 500.
 */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  const transform = Transform(({ value }) =>
    typeof value === 'string' ? (parseIsoDateTime(value) ?? value) : value,
  );
  const validate = ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: isStorableInstant,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an ISO-8601 date-time such as 2026-01-04T12:00:00Z, in years 0001 to 9999`,
          options,
        ),
      },
    },
    options,
  );
  return (target, key) => {
    transform(target, key);
    validate(target, key);
  };
}
