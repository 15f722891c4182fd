import { describe, expect, it } from '@jest/globals';
import { parseLsn, PrimaryPositions } from './primary-positions.js';

describe('parseLsn', () => {
  it('orders WAL positions across the high word', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('refuses what is not a position', () => {
    expect(() => parseLsn('16B3748')).toThrow('not a WAL position');
  });
});

describe('PrimaryPositions.lagMs', () => {
  const at = (seconds: number) => 1_000_000 + seconds * 1000;

  it('is unknown before the primary was sampled', () => {
    expect(new PrimaryPositions(10_000).lagMs(5n, null, at(0))).toBe(Infinity);
  });

  it('is zero for a replica at the primary position however old its last replayed commit (an idle primary)', () => {
    const positions = new PrimaryPositions(10_000);
    positions.add(at(0), 100n);
    positions.add(at(1), 100n);
    expect(positions.lagMs(100n, at(-3600), at(1))).toBe(0);
  });

  it('counts from the first sample at which the primary was past the replica, not from its last replayed commit', () => {
    const positions = new PrimaryPositions(10_000);
    positions.add(at(0), 100n);
    positions.add(at(1), 100n);
    positions.add(at(2), 150n);
    positions.add(at(3), 200n);
    // Replayed up to 100 (its last commit an hour ago): behind since the sample at 2 s.
    expect(positions.lagMs(100n, at(-3600), at(3.5))).toBe(1500);
    // Replayed up to 150: behind since 3 s.
    expect(positions.lagMs(150n, at(-3600), at(3.5))).toBe(500);
  });

  it('behind all the history kept, it is at least that long behind', () => {
    const positions = new PrimaryPositions(2_000);
    for (let second = 0; second <= 10; second++) positions.add(at(second), 200n + BigInt(second));
    expect(positions.lagMs(100n, at(4), at(10))).toBe(6000);
    expect(positions.lagMs(100n, at(9.5), at(10))).toBe(2000);
    expect(positions.lagMs(100n, null, at(10))).toBe(Infinity);
  });
});
