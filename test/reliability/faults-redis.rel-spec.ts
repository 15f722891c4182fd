import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createScratchDatabase } from '../support/scratch-database.js';
import type { ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';
import { checkStored, errorsByStatus, maxLatency } from './support/capture-load.js';
import {
  ADMIN_KEY,
  captureLoad,
  LOAD,
  loadFigures,
  NOTHING_WRONG,
  startServer,
  untilElapsed,
  workDir,
} from './support/fault-run.js';
import { recordFigures, recordSkip } from './support/figures.js';
import { OwnRedis, ownRedisUnavailable } from './support/own-redis.js';

const SECTION = 'faults: Redis stopped';
const OUTAGE_MS = 5_000;
const DEGRADED_LOG = 'rate limits are counted per process until it is back';
const RECOVERED_LOG = 'rate limits are shared across instances again';
const unavailable = ownRedisUnavailable();

async function remaining(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/v1/thoughts?limit=1`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
  });
  await response.body?.cancel();
  expect(response.status).toBe(200);
  return Number(response.headers.get('x-ratelimit-remaining'));
}

/** The hit counters the Redis rate-limit storage keeps, summed (0 when there are none). */
async function sharedHits(redis: Redis): Promise<number> {
  const keys = await redis.keys('*:hits');
  const values = keys.length ? await redis.mget(keys) : [];
  return values.reduce((sum, value) => sum + Number(value ?? 0), 0);
}

/**
 * Redis (a private redis-server: never the machine's) stopped under capture load: rate
 * limiting falls back to per-process counting with a logged warning, no request fails or
 * stalls, and the counts are shared through Redis again once it is back.
 */
describe('Redis stopped under capture load', () => {
  const redisServer = new OwnRedis();
  let database: { url: string; drop: () => Promise<void> };
  let dir: string;
  let server: ServerProcess | undefined;
  let redis: Redis | undefined;

  beforeAll(async () => {
    if (unavailable) return;
    await redisServer.start();
    database = await createScratchDatabase();
    dir = workDir('faults-redis-');
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    redis?.disconnect();
    await redisServer.stop();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts per process while Redis is down, keeps answering, and shares counts again after', async () => {
    if (unavailable) return recordSkip(SECTION, unavailable);
    server = await startServer(
      {
        DATABASE_URL: database.url,
        REDIS_URL: redisServer.url,
        AI_BACKEND: 'mock',
        LOG_LEVEL: 'info',
      },
      dir,
    );
    redis = new Redis(redisServer.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    await redis.connect();
    const marker = `redisstop-${Date.now()}`;
    const load = captureLoad(server, marker);
    const running = load.run();

    await untilElapsed(load, LOAD.faultAtMs);
    expect(await sharedHits(redis)).toBeGreaterThan(0);
    const stoppedAt = load.elapsed();
    await redisServer.stop();
    await waitFor(async () => server!.output.includes(DEGRADED_LOG), Boolean, {
      timeoutMs: 10_000,
      what: 'the degraded warning',
    });
    // Still limited while Redis is away: this process counts the key's requests itself.
    const first = await remaining(server);
    const second = await remaining(server);
    expect(second).toBeLessThan(first);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, OUTAGE_MS - (load.elapsed() - stoppedAt))),
    );
    await redisServer.start();
    const startedAt = load.elapsed();
    await waitFor(async () => server!.output.includes(RECOVERED_LOG), Boolean, {
      timeoutMs: 20_000,
      what: 'the recovery log',
    });
    const recoveredAt = load.elapsed();
    // Counted in Redis again (a restarted Redis starts empty).
    await waitFor(
      () => sharedHits(redis!),
      (hits) => hits > 0,
      { timeoutMs: 10_000, what: 'hits counted in Redis again' },
    );
    await running;

    recordFigures(SECTION, {
      ...loadFigures(load, stoppedAt, startedAt),
      outage_ms: startedAt - stoppedAt,
      recovery_ms: recoveredAt - startedAt,
    });
    expect(errorsByStatus(load.samples)).toEqual({});
    expect(maxLatency(load.samples)).toBeLessThan(10_000);
    expect(await checkStored(database.url, marker, load.acknowledged)).toEqual(NOTHING_WRONG);
  }, 240_000);
});
