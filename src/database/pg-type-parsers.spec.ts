import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { APP_PG_TYPES, parseTimestamptz } from './pg-type-parsers.js';

const pgDefault = pg.types.getTypeParser(1184, 'text') as (value: string) => Date | number | null;

/** A deterministic generator, so a failure names a reproducible input. */
function* samples(count: number): Generator<string> {
  let seed = 42;
  const next = (max: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % max;
  };
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  for (let i = 0; i < count; i++) {
    const fractionDigits = next(7);
    const fraction = fractionDigits ? '.' + pad(next(10 ** fractionDigits), fractionDigits) : '';
    yield (
      `${pad(1000 + next(9000), 4)}-${pad(1 + next(12), 2)}-${pad(1 + next(28), 2)} ` +
      `${pad(next(24), 2)}:${pad(next(60), 2)}:${pad(next(60), 2)}${fraction}+00`
    );
  }
}

describe('parseTimestamptz', () => {
  it('reads UTC timestamps exactly as pg does, to the millisecond and the rounding of microseconds', () => {
    for (const text of samples(20_000)) {
      const expected = pgDefault(text) as Date;
      const actual = parseTimestamptz(text);
      if (actual.getTime() !== expected.getTime()) {
        throw new Error(`${text}: ${actual.toISOString()} != ${expected.toISOString()}`);
      }
    }
  });

  it.each([
    '2026-11-26 00:31:48.852123+00',
    '2026-11-26 00:31:48+00',
    '2024-02-29 23:59:59.999999+00',
    '2026-11-26 00:31:48.852123+05:30',
    '2026-11-26 00:31:48-08',
    '0999-01-01 00:00:00+00',
    '0042-06-01 12:00:00+00',
    '2000-01-01 00:00:00+00 BC',
    '12026-01-01 00:00:00+00',
    '2026-11-26 00:31:48.+00',
    '2026-11-26T00:31:48+00',
  ])('agrees with pg on %s', (text) => {
    expect(parseTimestamptz(text)).toEqual(pgDefault(text));
  });

  it('passes infinity through to pg, which reads it as a number', () => {
    expect(parseTimestamptz('infinity') as unknown).toBe(Infinity);
    expect(parseTimestamptz('-infinity') as unknown).toBe(-Infinity);
  });

  it('is what the app pool uses for timestamptz text, and pg defaults for everything else', () => {
    expect(APP_PG_TYPES.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(APP_PG_TYPES.getTypeParser(1114, 'text')).toBe(pg.types.getTypeParser(1114, 'text'));
    expect(APP_PG_TYPES.getTypeParser(3802, 'text')).toBe(pg.types.getTypeParser(3802, 'text'));
  });
});
