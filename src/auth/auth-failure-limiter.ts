import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { EnvironmentVariables } from '../config/env.schema.js';

const WINDOW_MS = 60_000;
const THROTTLER_NAME = 'auth-failures';
const MAX_REMEMBERED = 10_000;

/** The Redis storage's client, when that is the storage in use (REDIS_URL). */
interface RedisBacked {
  redis?: { pttl: (key: string) => Promise<number> };
}

/**
 * Counts failed authentications per client address in the throttler's storage (shared
 * through Redis when configured), so guessing keys is slow from any one address. A blocked
 * address is refused before its key is looked at: no lookup per guess, and no way in with
 * a right key until the block ends.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;
  /** Blocks this instance has seen, so the check before a lookup costs no round trip. */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.limit = config.get('AUTH_FAILURES_PER_MINUTE', { infer: true });
  }

  /** Seconds the address must still wait, or 0. Counts nothing. */
  async blockedFor(ip: string, now = Date.now()): Promise<number> {
    const until = this.blockedUntil.get(ip);
    if (until !== undefined) {
      if (until > now) return Math.ceil((until - now) / 1000);
      this.blockedUntil.delete(ip);
    }
    const redis = (this.storage as RedisBacked).redis;
    if (!redis) return 0;
    // Another instance may have seen the failures. The key is the Redis storage's own
    // naming of a block (`{<key>:<throttler>}:blocked`).
    const remainingMs = await redis.pttl(`{${this.key(ip)}:${THROTTLER_NAME}}:blocked`);
    if (remainingMs <= 0) return 0;
    this.remember(ip, now + remainingMs);
    return Math.ceil(remainingMs / 1000);
  }

  /** Counts one failure; seconds the address is now blocked for, or 0 while under the limit. */
  async recordFailure(ip: string, now = Date.now()): Promise<number> {
    const record = await this.storage.increment(
      this.key(ip),
      WINDOW_MS,
      this.limit,
      WINDOW_MS,
      THROTTLER_NAME,
    );
    if (!record.isBlocked) return 0;
    const seconds = Math.max(1, record.timeToBlockExpire);
    this.remember(ip, now + seconds * 1000);
    return seconds;
  }

  private remember(ip: string, until: number): void {
    if (this.blockedUntil.size >= MAX_REMEMBERED) this.blockedUntil.clear();
    this.blockedUntil.set(ip, until);
  }

  private key(ip: string): string {
    return `auth-failures:${ip}`;
  }
}
