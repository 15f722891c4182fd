import type { RedisOptions } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';

/**
 * Options every Redis client of the app shares: REDIS_KEY_PREFIX in front of each key (so
 * several installs, or test runs, can share one Redis) and few retries per command, so a
 * Redis outage turns into an error the caller handles instead of a request that hangs.
 */
export function redisClientOptions(config: AppConfig, extra: RedisOptions = {}): RedisOptions {
  return {
    keyPrefix: config.get('REDIS_KEY_PREFIX', { infer: true }),
    maxRetriesPerRequest: 2,
    ...extra,
  };
}
