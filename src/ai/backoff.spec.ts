import { describe, expect, it } from '@jest/globals';
import { fullJitterDelay, retryDelay } from './backoff.js';

const options = { baseMs: 500, capMs: 8000 };

/** A seeded generator (mulberry32), so the jitter is random but reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fullJitterDelay', () => {
  it('is uniform below base * 2^attempt', () => {
    expect(fullJitterDelay(0, options, () => 0)).toBe(0);
    expect(fullJitterDelay(0, options, () => 0.999)).toBe(499);
    expect(fullJitterDelay(2, options, () => 0.5)).toBe(1000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(fullJitterDelay(30, options, () => 0.999999)).toBeLessThan(8000);
  });

  it('spreads retries: a seeded run covers the range and stays within it', () => {
    const random = seeded(42);
    const delays = Array.from({ length: 1000 }, () => fullJitterDelay(3, options, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(4000);
    expect(Math.min(...delays)).toBeLessThan(400);
    expect(Math.max(...delays)).toBeGreaterThan(3600);
    expect(new Set(delays).size).toBeGreaterThan(500);
  });
});

describe('retryDelay', () => {
  it('honours retry-after over the backoff', () => {
    expect(retryDelay(0, 3000, 10_000, options, () => 0.9)).toBe(3000);
  });

  it('uses the jittered backoff without retry-after', () => {
    expect(retryDelay(1, undefined, 10_000, options, () => 0.5)).toBe(500);
  });

  it('gives up when the wait would not fit in the remaining budget', () => {
    expect(retryDelay(0, 5000, 4000, options, () => 0)).toBeNull();
    expect(retryDelay(0, undefined, 0, options, () => 0)).toBeNull();
  });
});
