import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const defaultTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (
  value: string,
) => Date;

const digit = (text: string, at: number): number => text.charCodeAt(at) - 48;
const twoDigits = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1);
const isDigits = (text: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
};

/**
 * timestamptz as PostgreSQL prints it to a UTC session ("2026-11-26 00:31:48.852123+00"),
 * read by position. pg's default parser (postgres-date) runs three regular expressions per
 * value: with three timestamps per thought that was about a third of what pg spent receiving
 * a 50-row page. Anything else (another zone offset, BC, infinity, a year outside 1000..9999) goes
 * to the default parser, and the result is the same Date either way (the spec compares them).
 */
export function parseTimestamptz(text: string): Date {
  const length = text.length;
  const fractionEnd = length - 3;
  if (
    length < 22 ||
    text.charCodeAt(fractionEnd) !== 43 /* + */ ||
    text.charCodeAt(length - 2) !== 48 ||
    text.charCodeAt(length - 1) !== 48 ||
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 32 /* space */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58 ||
    !isDigits(text, 0, 4) ||
    text.charCodeAt(0) === 48 /* a year below 1000 */ ||
    !isDigits(text, 5, 7) ||
    !isDigits(text, 8, 10) ||
    !isDigits(text, 11, 13) ||
    !isDigits(text, 14, 16) ||
    !isDigits(text, 17, 19)
  ) {
    return defaultTimestamptz(text);
  }
  let milliseconds = 0;
  if (fractionEnd > 19) {
    if (
      text.charCodeAt(19) !== 46 /* . */ ||
      fractionEnd === 20 ||
      fractionEnd > 26 ||
      !isDigits(text, 20, fractionEnd)
    ) {
      return defaultTimestamptz(text);
    }
    let fraction = 0;
    for (let i = 20; i < fractionEnd; i++) fraction = fraction * 10 + digit(text, i);
    // digits / 10^n is the double parseFloat('.digits') gives (both correctly rounded), and
    // the default parser's 1000 * fraction, truncated by Date, decides the millisecond.
    milliseconds = Math.trunc((1000 * fraction) / 10 ** (fractionEnd - 20));
  }
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + twoDigits(text, 2);
  const time =
    twoDigits(text, 11) * 3_600_000 +
    twoDigits(text, 14) * 60_000 +
    twoDigits(text, 17) * 1000 +
    milliseconds;
  return new Date(daysSinceEpoch(year, twoDigits(text, 5), twoDigits(text, 8)) * 86_400_000 + time);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); years >= 1000. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** pg's `types` option: the fast timestamptz reader, pg's defaults for every other type. */
export const APP_PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') return parseTimestamptz;
    return pg.types.getTypeParser(oid, format);
  },
};
