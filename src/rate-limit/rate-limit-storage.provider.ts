import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { redisClientOptions } from '../common/redis/redis-options.js';
import type { Redis } from 'ioredis';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { FallbackThrottlerStorage } from './fallback-throttler-storage.js';
import { InMemoryThrottlerStorage } from './in-memory-throttler-storage.js';

export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** How long one Redis command may take before the request is counted in memory instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
const REDIS_FIRST_CONNECT_WAIT_MS = 2_000;

/**
 * Where rate-limit counters live: Redis when REDIS_URL is set (instances share counts, and
 * fall back to per-process counts while Redis is down), otherwise this process's memory
 * (InMemoryThrottlerStorage: the library default's behaviour at O(1) per request). Owns the
 * storage's and the Redis connection's lifetime.
 */
@Injectable()
export class RateLimitStorageHolder implements OnApplicationShutdown {
  storage: FallbackThrottlerStorage | InMemoryThrottlerStorage = new InMemoryThrottlerStorage();
  private client?: Redis;

  constructor(
    @Inject(ConfigService) private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async init(): Promise<void> {
    const url = this.config.get('REDIS_URL', { infer: true });
    if (!url) return;
    // Loaded only when asked for: most installs never need Redis.
    const [{ Redis }, { ThrottlerStorageRedisService }] = await Promise.all([
      import('ioredis'),
      import('@nest-lab/throttler-storage-redis'),
    ]);
    // No offline queue: while Redis is away a command fails at once and the storage counts in
    // memory; ioredis keeps reconnecting in the background.
    this.client = new Redis(url, {
      ...redisClientOptions(this.config, { lazyConnect: false }),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
    });
    // Connection errors repeat on every reconnect attempt; the storage logs the outage once.
    this.client.on('error', () => undefined);
    // Give the first connection a moment, so the first requests are not counted in memory
    // (and an outage logged) only because the server started faster than it connected.
    const client = this.client;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REDIS_FIRST_CONNECT_WAIT_MS);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.storage = new FallbackThrottlerStorage(
      new ThrottlerStorageRedisService(this.client) as ThrottlerStorage,
      this.client,
    );
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
    this.client?.disconnect();
  }
}

export const rateLimitStorageProviders = [
  RateLimitStorageHolder,
  {
    provide: RATE_LIMIT_STORAGE,
    inject: [RateLimitStorageHolder],
    useFactory: async (holder: RateLimitStorageHolder) => {
      await holder.init();
      return holder;
    },
  },
];
