import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { AiLimitOptions } from './ai-limits.js';
import { RedisAiLimits } from './redis-ai-limits.js';

// The machine's Redis, under a prefix of this run's own: parallel runs never share keys.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisAiLimits (two processes sharing one Redis)', () => {
  const prefix = `pai-test:${randomBytes(6).toString('hex')}:`;
  const clients: Redis[] = [];
  const clock = { now: 1_000_000 };
  const options: AiLimitOptions = {
    requestsPerMinute: 6,
    circuit: { failureThreshold: 2, cooldownMs: 10_000 },
    now: () => clock.now,
  };

  const client = (url = REDIS_URL, extra = {}) => {
    const redis = new Redis(url, {
      keyPrefix: prefix,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      ...extra,
    });
    redis.on('error', () => undefined);
    clients.push(redis);
    return redis;
  };
  const pair = async () => {
    const [a, b] = [client(), client()];
    await Promise.all([a.connect(), b.connect()]);
    const degraded: Error[] = [];
    return {
      a: new RedisAiLimits(a, options, (e) => degraded.push(e)),
      b: new RedisAiLimits(b, options, (e) => degraded.push(e)),
      degraded,
    };
  };

  beforeAll(async () => {
    const admin = client();
    await admin.connect();
    await admin.ping();
  });

  afterAll(async () => {
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
    admin.disconnect();
    for (const redis of clients) redis.disconnect();
  });

  it('grants AI_REQUESTS_PER_MINUTE in total across processes, refilling over the minute', async () => {
    const { a, b, degraded } = await pair();
    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).takeRequest()),
    );
    expect(taken.filter(Boolean)).toHaveLength(6);
    clock.now += 10_000; // one token per 10 s at 6 a minute
    expect([await a.takeRequest(), await b.takeRequest()]).toEqual([true, false]);
    expect(degraded).toEqual([]);
    // Written under the prefix (ioredis adds it to the scripts' keys as well).
    const raw = new Redis(REDIS_URL);
    clients.push(raw);
    expect(await raw.exists(`${prefix}ai:rpm`)).toBe(1);
  });

  it('opens a backend for every process once one has seen it fail, and lets exactly one probe through', async () => {
    const { a, b } = await pair();
    await a.breaker('claude').recordFailure('timeout');
    expect(await b.breaker('claude').tryAcquire()).toBe(true);
    await b.breaker('claude').recordFailure('server_error');
    expect(await a.breaker('claude').tryAcquire()).toBe(false);
    expect(await b.breaker('claude').view()).toMatchObject({
      state: 'open',
      consecutiveFailures: 2,
      lastFailure: { errorClass: 'server_error' },
    });
    // Another backend's circuit is its own.
    expect(await a.breaker('ollama').tryAcquire()).toBe(true);

    clock.now += 10_000;
    const probes = await Promise.all([
      a.breaker('claude').tryAcquire(),
      b.breaker('claude').tryAcquire(),
      a.breaker('claude').tryAcquire(),
    ]);
    expect(probes.filter(Boolean)).toHaveLength(1);
    await a.breaker('claude').recordFailure('timeout'); // the probe failed: open again, for everyone
    expect(await b.breaker('claude').view()).toMatchObject({
      state: 'open',
      consecutiveFailures: 3,
    });

    clock.now += 10_000;
    expect(await b.breaker('claude').tryAcquire()).toBe(true);
    await b.breaker('claude').recordSuccess();
    expect(await a.breaker('claude').view()).toMatchObject({
      state: 'closed',
      consecutiveFailures: 0,
      lastFailure: null,
    });
    expect(await a.breaker('claude').tryAcquire()).toBe(true);
  });

  it('a probe let through but never made frees the slot for the next caller', async () => {
    const { a, b } = await pair();
    await a.breaker('ollama').recordFailure('timeout');
    await a.breaker('ollama').recordFailure('timeout');
    clock.now += 10_000;
    expect(await a.breaker('ollama').tryAcquire()).toBe(true);
    expect(await b.breaker('ollama').tryAcquire()).toBe(false);
    await a.breaker('ollama').release();
    expect(await b.breaker('ollama').tryAcquire()).toBe(true);
  });

  it("falls back to this process's own budget and breakers when Redis does not answer, and says so", async () => {
    const dead = client('redis://127.0.0.1:1', { retryStrategy: () => null });
    const degraded: Error[] = [];
    const limits = new RedisAiLimits(dead, options, (error) => degraded.push(error));
    const taken = await Promise.all(Array.from({ length: 8 }, () => limits.takeRequest()));
    expect(taken.filter(Boolean)).toHaveLength(6);
    await limits.breaker('claude').recordFailure('timeout');
    await limits.breaker('claude').recordFailure('timeout');
    expect(await limits.breaker('claude').tryAcquire()).toBe(false);
    expect(await limits.breaker('claude').view()).toMatchObject({
      state: 'open',
      consecutiveFailures: 2,
    });
    expect(degraded.length).toBeGreaterThan(0);
  });
});
