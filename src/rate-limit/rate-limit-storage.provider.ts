import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { redisClientOptions } from '../common/redis/redis-options.js';
import type { EnvironmentVariables } from '../config/env.schema.js';

export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/**
 * Where rate-limit counters live: Redis when REDIS_URL is set (instances share counts),
 * otherwise the throttler's in-memory default. Owns the Redis connection's lifetime.
 */
@Injectable()
export class RateLimitStorageHolder implements OnApplicationShutdown {
  storage?: ThrottlerStorage & { onModuleDestroy?: () => void };

  constructor(@Inject(ConfigService) private readonly config: ConfigService<EnvironmentVariables, true>) {}

  async init(): Promise<void> {
    const url = this.config.get('REDIS_URL', { infer: true });
    if (!url) return;
    // Loaded only when asked for: most installs never need Redis.
    const { ThrottlerStorageRedisService } = await import('@nest-lab/throttler-storage-redis');
    this.storage = new ThrottlerStorageRedisService(url, redisClientOptions(this.config, { lazyConnect: false }));
  }

  onApplicationShutdown(): void {
    this.storage?.onModuleDestroy?.();
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
