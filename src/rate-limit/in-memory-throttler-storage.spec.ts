import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { InMemoryThrottlerStorage, SWEEP_INTERVAL_MS } from './in-memory-throttler-storage.js';

const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

/** Small deterministic PRNG (mulberry32), so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)]!;
}

/** The library's sweep is private in its typings. */
interface Sweepable {
  evictIdleRecords(now: number): void;
}

interface Scenario {
  keys: readonly string[];
  names: readonly string[];
  ttls: readonly number[];
  limits: readonly number[];
  blocks: readonly number[];
  /** Milliseconds the clock moves between calls; negative steps it back. */
  steps: readonly number[];
}

const SCENARIOS: Record<string, Scenario> = {
  'the global per-key limit (no block, one window length)': {
    keys: ['rate:default:k1', 'rate:default:k2'],
    names: ['default'],
    ttls: [MINUTE],
    limits: [5],
    blocks: [0],
    steps: [0, 1, 250, 1_000, 7_000, 20_000],
  },
  'the auth-failure and unauthenticated limiters (block as long as the window)': {
    keys: ['auth-failures:1.2.3.4', 'unauthenticated:1.2.3.4'],
    names: ['auth-failures', 'unauthenticated'],
    ttls: [MINUTE],
    limits: [3],
    blocks: [MINUTE],
    steps: [0, 10, 900, 5_000, 15_000, 45_000],
  },
  'mixed: throttlers sharing keys, changing windows, limits and blocks, a clock stepping back': {
    keys: ['a', 'b', 'c'],
    names: ['default', 'burst', 'auth-failures'],
    ttls: [1_000, 2_500, 10_000, MINUTE],
    limits: [0, 1, 2, 4],
    blocks: [0, 0, 1_500, 20_000],
    steps: [0, 0, 1, 333, 999, 1_000, 4_000, 30_000, 61_000, -700],
  },
};

describe('InMemoryThrottlerStorage', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: START });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe.each(Object.entries(SCENARIOS))('behaves as ThrottlerStorageService: %s', (_, s) => {
    it.each([1, 2, 3])(
      'gives the same record for every call of a random sequence (seed %i)',
      async (seed) => {
        const next = random(seed);
        const library = new ThrottlerStorageService();
        const ours = new InMemoryThrottlerStorage();
        let blocked = 0;
        let swept = 0;
        try {
          for (let call = 0; call < 3_000; call++) {
            const step = pick(next, s.steps);
            if (step >= 0) jest.advanceTimersByTime(step);
            else jest.setSystemTime(Date.now() + step);
            const args = [
              pick(next, s.keys),
              pick(next, s.ttls),
              pick(next, s.limits),
              pick(next, s.blocks),
              pick(next, s.names),
            ] as const;
            const expected = await library.increment(...args);
            expect({ call, args, record: await ours.increment(...args) }).toEqual({
              call,
              args,
              record: expected,
            });
            if (expected.isBlocked) blocked++;
            if (next() < 0.02) {
              // The idle-key sweep, at an arbitrary time: the same keys survive it.
              const at = Date.now() + pick(next, s.steps) * 3;
              (library as unknown as Sweepable).evictIdleRecords(at);
              ours.evictIdleRecords(at);
              swept++;
              expect(s.keys.filter((key) => ours.has(key))).toEqual(
                s.keys.filter((key) => library.storage.has(key)),
              );
            }
          }
        } finally {
          library.onApplicationShutdown();
          ours.onApplicationShutdown();
        }
        // The sequence did reach the interesting states.
        expect(blocked).toBeGreaterThan(50);
        expect(swept).toBeGreaterThan(20);
      },
    );
  });

  it('slides the window without a block: refused calls are not counted, the oldest hit frees a place', async () => {
    const storage = new InMemoryThrottlerStorage();
    for (let i = 1; i <= 3; i++) {
      expect(await storage.increment('k', MINUTE, 3, 0, 'default')).toEqual({
        totalHits: i,
        // The key's window started with its first hit.
        timeToExpire: 60 - (i - 1) * 10,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
      jest.advanceTimersByTime(10_000);
    }
    // 30 s in: the first hit expires at 60 s.
    expect(await storage.increment('k', MINUTE, 3, 0, 'default')).toEqual({
      totalHits: 4,
      timeToExpire: 30,
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    jest.advanceTimersByTime(30_000);
    // 60 s: the first hit is gone, the window restarts.
    expect(await storage.increment('k', MINUTE, 3, 0, 'default')).toEqual({
      totalHits: 3,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(await storage.increment('k', MINUTE, 3, 0, 'default')).toMatchObject({
      totalHits: 4,
      isBlocked: true,
      timeToBlockExpire: 10,
    });
    storage.onApplicationShutdown();
  });

  it('with a block duration: blocks past the limit, counts nothing while blocked, then starts over', async () => {
    const storage = new InMemoryThrottlerStorage();
    await storage.increment('ip', MINUTE, 2, 30_000, 'auth-failures');
    await storage.increment('ip', MINUTE, 2, 30_000, 'auth-failures');
    expect(await storage.increment('ip', MINUTE, 2, 30_000, 'auth-failures')).toMatchObject({
      totalHits: 3,
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    jest.advanceTimersByTime(29_001);
    expect(await storage.increment('ip', MINUTE, 2, 30_000, 'auth-failures')).toMatchObject({
      totalHits: 3,
      isBlocked: true,
      timeToBlockExpire: 1,
    });
    jest.advanceTimersByTime(999);
    expect(await storage.increment('ip', MINUTE, 2, 30_000, 'auth-failures')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
    storage.onApplicationShutdown();
  });

  it('holds a window of more hits than Math.min(...hits) could take (the library throws there)', async () => {
    const storage = new InMemoryThrottlerStorage();
    const limit = 200_000;
    let record = await storage.increment('k', MINUTE, limit, 0, 'default');
    for (let i = 1; i < limit; i++)
      record = await storage.increment('k', MINUTE, limit, 0, 'default');
    expect(record).toMatchObject({ totalHits: limit, isBlocked: false });
    jest.advanceTimersByTime(1_000);
    expect(await storage.increment('k', MINUTE, limit, 0, 'default')).toEqual({
      totalHits: limit + 1,
      timeToExpire: 59,
      isBlocked: true,
      timeToBlockExpire: 59,
    });
    // All of them expire together; the next is the first of a new window.
    jest.advanceTimersByTime(59_000);
    expect(await storage.increment('k', MINUTE, limit, 0, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
    storage.onApplicationShutdown();
  });

  it('drops idle keys on an unref’d timer, keeps live and blocked ones, and stops at shutdown', async () => {
    const storage = new InMemoryThrottlerStorage();
    expect(jest.getTimerCount()).toBe(0);
    await storage.increment('short', 1_000, 5, 0, 'default');
    await storage.increment('blocked', 1_000, 0, 5 * MINUTE, 'auth-failures');
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(SWEEP_INTERVAL_MS - 1_000);
    await storage.increment('live', MINUTE, 5, 0, 'default');
    jest.advanceTimersByTime(1_000);
    expect(['short', 'blocked', 'live'].filter((key) => storage.has(key))).toEqual([
      'blocked',
      'live',
    ]);
    jest.advanceTimersByTime(5 * SWEEP_INTERVAL_MS);
    expect(storage.size).toBe(0);

    storage.onApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
    jest.useRealTimers();
    await storage.increment('again', MINUTE, 5, 0, 'default');
    expect(storage.size).toBe(1);
    // The sweep never keeps the process alive.
    const timer = (storage as unknown as { sweepInterval: NodeJS.Timeout }).sweepInterval;
    expect(timer.hasRef()).toBe(false);
    storage.onApplicationShutdown();
    expect(storage.size).toBe(0);
  });
});
