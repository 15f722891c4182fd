const DAY_MS = 86_400_000;
/** 1000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: four-digit years, no sign. */
const FROM_MS = -30_610_224_000_000;
const UNTIL_MS = 253_402_300_800_000;
/** '0'..'9' as character codes. */
const ZERO = 48;
/** The character codes of the two digits of 0..99. */
const TENS = Uint8Array.from({ length: 100 }, (_, n) => ZERO + Math.floor(n / 10));
const ONES = Uint8Array.from({ length: 100 }, (_, n) => ZERO + (n % 10));

/**
 * `date.toISOString()`, the same string, about four times faster (V8's costs ~0.6 µs; a page
 * of 50 thoughts formats up to 150 of them). Built as one flat string: JSON.stringify then
 * copies it as is. Years outside 1000..9999 and invalid dates go to toISOString (which throws
 * for an invalid one, as before).
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FROM_MS && ms < UNTIL_MS)) return date.toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const milliseconds = rest % 1000;
  rest = (rest - milliseconds) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  // H. Hinnant's civil_from_days: the proleptic Gregorian date of a day count from 1970-01-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const century = Math.floor(year / 100);
  const yearOfCentury = year - century * 100;
  const tenths = Math.floor(milliseconds / 100);
  const hundredths = milliseconds - tenths * 100;
  return String.fromCharCode(
    TENS[century]!,
    ONES[century]!,
    TENS[yearOfCentury]!,
    ONES[yearOfCentury]!,
    45, // -
    TENS[month]!,
    ONES[month]!,
    45, // -
    TENS[day]!,
    ONES[day]!,
    84, // T
    TENS[hours]!,
    ONES[hours]!,
    58, // :
    TENS[minutes]!,
    ONES[minutes]!,
    58, // :
    TENS[seconds]!,
    ONES[seconds]!,
    46, // .
    ZERO + tenths,
    TENS[hundredths]!,
    ONES[hundredths]!,
    90, // Z
  );
}
