import { describe, expect, it } from '@jest/globals';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows perMinute requests at once, then refills continuously', () => {
    const clock = { now: 0 };
    const bucket = new TokenBucket(3, () => clock.now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    clock.now += 19_999;
    expect(bucket.tryTake()).toBe(false);
    clock.now += 1;
    expect(bucket.tryTake()).toBe(true);
    clock.now += 10 * 60_000;
    expect(bucket.available).toBe(3);
  });
});
