import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import {
  IsIsoDateTime,
  isStorableInstant,
  MAX_INSTANT,
  MIN_INSTANT,
  parseIsoDateTime,
} from './date-time.js';

describe('parseIsoDateTime', () => {
  it.each([
    ['2026-01-04T12:00:00.000Z', '2026-01-04T12:00:00.000Z'],
    ['2026-01-04T12:00:00Z', '2026-01-04T12:00:00.000Z'],
    ['2026-01-04T12:00Z', '2026-01-04T12:00:00.000Z'],
    ['2026-01-04', '2026-01-04T00:00:00.000Z'],
    ['2026-01-04T12:00:00', '2026-01-04T12:00:00.000Z'],
    ['2026-01-04T12:00:00+02:00', '2026-01-04T10:00:00.000Z'],
    ['2026-01-04T12:00:00-0130', '2026-01-04T13:30:00.000Z'],
    ['2026-01-04T12:00:00.123456789Z', '2026-01-04T12:00:00.123Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['0001-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseIsoDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['February 30th, which new Date() rolls over to March 2nd', '2026-02-30'],
    ['February 29th outside a leap year', '2026-02-29T00:00:00Z'],
    ['hour 24', '2026-01-04T24:00:00Z'],
    ['minute 60', '2026-01-04T12:60:00Z'],
    ['second 60', '2026-01-04T12:00:60Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['year 0000, which PostgreSQL rejects', '0000-06-01T00:00:00Z'],
    ['a year before PostgreSQL (the issue\u2019s 500)', '-271821-04-20T00:00:00.000Z'],
    ['an expanded year past 9999', '+275760-09-13T00:00:00.000Z'],
    ['a time that lands before 0001 after its offset', '0001-01-01T00:00:00+01:00'],
    ['a time that lands after 9999 after its offset', '9999-12-31T23:30:00-01:00'],
    ['an offset hour past 23', '2026-01-04T12:00:00+24:00'],
    ['a bare number', '1'],
    ['prose Date would accept', 'January 4, 2026'],
    ['a NUL', '2026-01-04\u0000'],
    ['an overlong string', `2026-01-04T12:00:00.${'1'.repeat(50)}Z`],
    ['not a string', 20260104],
  ])('rejects %s', (_case, value) => {
    expect(parseIsoDateTime(value)).toBeNull();
  });
});

describe('isStorableInstant', () => {
  it('holds for years 0001..9999 only', () => {
    expect(isStorableInstant(new Date(MIN_INSTANT))).toBe(true);
    expect(isStorableInstant(new Date(MAX_INSTANT))).toBe(true);
    expect(isStorableInstant(new Date(MIN_INSTANT - 1))).toBe(false);
    expect(isStorableInstant(new Date(MAX_INSTANT + 1))).toBe(false);
    expect(isStorableInstant(new Date(Number.NaN))).toBe(false);
    expect(isStorableInstant('2026-01-04T00:00:00Z')).toBe(false);
  });
});

describe('@IsIsoDateTime', () => {
  class Query {
    @IsOptional()
    @IsIsoDateTime()
    since?: Date;
  }
  const check = (plain: object) => {
    const instance = plainToInstance(Query, plain);
    return {
      instance,
      problems: validateSync(instance).flatMap((error) => Object.values(error.constraints ?? {})),
    };
  };

  it('turns a valid date-time into a Date', () => {
    const { instance, problems } = check({ since: '2026-01-04T10:00:00+02:00' });
    expect(problems).toEqual([]);
    expect(instance.since).toEqual(new Date('2026-01-04T08:00:00.000Z'));
  });

  it.each(['2026-02-30', '-271821-04-20T00:00:00.000Z', 'soon', ''])(
    'refuses %j with one clear message',
    (since) => {
      expect(check({ since }).problems).toEqual([
        'since must be an ISO-8601 date-time such as 2026-01-04T12:00:00Z, in years 0001 to 9999',
      ]);
    },
  );

  it('refuses a non-string (a number of milliseconds is not a date-time here)', () => {
    expect(check({ since: 0 }).problems).toHaveLength(1);
    expect(check({ since: ['2026-01-04'] }).problems).toHaveLength(1);
  });
});
