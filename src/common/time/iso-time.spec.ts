import { describe, expect, it } from '@jest/globals';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('is toISOString at the edges of its fast range and of months, days and leap years', () => {
    const edges = [
      0,
      -1,
      1,
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      Date.UTC(1600, 1, 29, 12),
      Date.UTC(1900, 1, 28, 23, 59, 59, 999),
      Date.UTC(1900, 2, 1),
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 11, 7, 3, 33, 53, 135),
      Date.UTC(2026, 11, 7, 3, 33, 53, 5),
      Date.UTC(2026, 11, 7, 3, 33, 53, 50),
      -8.64e15,
      8.64e15,
    ];
    for (const ms of edges) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('is toISOString for random instants from 8000 BC to AD 12000', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const differing: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const date = new Date(Math.round(random() * 3.2e14));
      if (isoTime(date) !== date.toISOString()) differing.push(date.toISOString());
    }
    expect(differing).toEqual([]);
  });

  it('throws for an invalid date, as toISOString does', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
