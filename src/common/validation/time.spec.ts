import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isLanguageTag } from './language-tag.js';
import { isNotBlank } from './not-blank.decorator.js';
import {
  isCalendarDate,
  isTimeOfDay,
  isTimeZone,
  minutesOfDay,
  normalizeTimeZone,
} from './time.js';
import { TimeRangeDto } from './time-range.dto.js';

describe('isTimeOfDay', () => {
  it.each(['00:00', '09:30', '12:00', '23:59', '19:05'])('accepts %s', (value) => {
    expect(isTimeOfDay(value)).toBe(true);
  });

  it.each([
    ['an hour past 23', '24:00'],
    ['a minute past 59', '12:60'],
    ['a single-digit hour', '9:30'],
    ['seconds', '09:30:00'],
    ['a 12-hour clock', '09:30 PM'],
    ['surrounding space', ' 09:30'],
    ['a trailing newline', '09:30\n'],
    ['a dot separator', '09.30'],
    ['an empty string', ''],
    ['a number', 930],
    ['null', null],
  ])('rejects %s', (_case, value) => {
    expect(isTimeOfDay(value)).toBe(false);
  });

  it('converts to minutes since midnight', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('07:45')).toBe(465);
    expect(minutesOfDay('23:59')).toBe(1439);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-01-04', '2024-02-29', '2000-02-29', '0099-12-31', '9999-12-31'])(
    'accepts %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(true);
    },
  );

  it.each([
    ['February 30th', '2026-02-30'],
    ['February 29th outside a leap year', '2026-02-29'],
    ['1900, not a leap year', '1900-02-29'],
    ['month 13', '2026-13-01'],
    ['month 0', '2026-00-10'],
    ['day 0', '2026-01-00'],
    ['April 31st', '2026-04-31'],
    ['a date-time', '2026-01-04T00:00:00Z'],
    ['unpadded parts', '2026-1-4'],
    ['slashes', '2026/01/04'],
    ['not a string', 20260104],
  ])('rejects %s', (_case, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('normalizeTimeZone', () => {
  it.each([
    ['UTC', 'UTC'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('keeps %s', (value, expected) => {
    expect(normalizeTimeZone(value)).toBe(expected);
  });

  it('fixes the case of a known zone', () => {
    expect(normalizeTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(normalizeTimeZone('utc')).toBe('UTC');
    expect(normalizeTimeZone('AMERICA/NEW_YORK')).toBe('America/New_York');
  });

  it('accepts aliases Intl knows even when they are not in its canonical list', () => {
    expect(normalizeTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(normalizeTimeZone('US/Eastern')).not.toBeNull();
  });

  it.each([
    ['an unknown zone', 'Mars/Olympus_Mons'],
    ['an offset', '+01:00'],
    ['a signed offset name', 'UTC+1'],
    ['an empty string', ''],
    ['whitespace', ' Europe/Berlin'],
    ['a path trick', 'Europe/../Berlin'],
    ['a NUL', 'Europe/Berlin\u0000'],
    ['something too long', `Europe/${'x'.repeat(70)}`],
    ['a number', 1],
    ['null', null],
  ])('rejects %s', (_case, value) => {
    expect(normalizeTimeZone(value)).toBeNull();
    expect(isTimeZone(value)).toBe(false);
  });
});

describe('isLanguageTag', () => {
  it.each(['en', 'en-GB', 'de-CH-1996', 'zh-Hant-TW', 'pt-BR', 'es-419'])('accepts %s', (value) => {
    expect(isLanguageTag(value)).toBe(true);
  });

  it.each([
    'e',
    'english',
    'en_GB',
    'en-',
    '-en',
    'en-a',
    'de-CH-1996-1996',
    'x-private',
    'en GB',
    `en-${'abc-'.repeat(9)}x`,
    3,
  ])('rejects %s', (value) => {
    expect(isLanguageTag(value)).toBe(false);
  });
});

describe('isNotBlank', () => {
  it('needs a non-space character', () => {
    expect(isNotBlank('a')).toBe(true);
    expect(isNotBlank(' a ')).toBe(true);
    expect(isNotBlank('')).toBe(false);
    expect(isNotBlank(' \t\n')).toBe(false);
    expect(isNotBlank(1)).toBe(false);
  });
});

describe('TimeRangeDto', () => {
  const problems = (plain: object) =>
    validateSync(plainToInstance(TimeRangeDto, plain), {
      whitelist: true,
      forbidNonWhitelisted: true,
    }).flatMap((error) => Object.values(error.constraints ?? {}));

  it('accepts a range within a day and one that wraps midnight', () => {
    expect(problems({ start: '09:00', end: '17:30' })).toEqual([]);
    expect(problems({ start: '22:00', end: '07:00' })).toEqual([]);
  });

  it('rejects an empty range', () => {
    expect(problems({ start: '08:00', end: '08:00' })).toEqual(['end must differ from start']);
  });

  it('rejects malformed times and unknown fields', () => {
    expect(problems({ start: '8:00', end: '25:00' })).toEqual([
      'start must be a 24-hour time "HH:MM" (00:00 to 23:59)',
      'end must be a 24-hour time "HH:MM" (00:00 to 23:59)',
    ]);
    expect(problems({ start: '08:00', end: '09:00', tz: 'UTC' })).toEqual([
      'property tz should not exist',
    ]);
  });
});

describe('isCalendarDate and PostgreSQL', () => {
  it('rejects year 0000, which PostgreSQL has no room for', () => {
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate('0001-01-01')).toBe(true);
  });
});
