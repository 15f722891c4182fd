import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { InMemoryThrottlerStorage } from './in-memory-throttler-storage.js';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in Redis while it answers, so instances share them; in this process's
 * memory while it does not, so a Redis outage never fails or stalls a request (each instance
 * then enforces the limit on its own). Each switch is logged once, with the reason.
 */
export class FallbackThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly local = new InMemoryThrottlerStorage();
  private degraded = false;

  constructor(
    private readonly shared: ThrottlerStorage,
    private readonly client: Redis,
  ) {}

  /**
   * For AuthFailureLimiter: the time left on a block another instance recorded (-2, none,
   * while Redis is away: this instance's own blocks still hold).
   */
  readonly redis = {
    pttl: async (key: string): Promise<number> =>
      (await this.viaRedis(() => this.client.pttl(key))) ?? -2,
  };

  /** False while requests are counted per process. */
  get sharing(): boolean {
    return !this.degraded;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    const record = await this.viaRedis(() =>
      this.shared.increment(key, ttl, limit, blockDuration, throttlerName),
    );
    return record ?? this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }

  private async viaRedis<T>(call: () => Promise<T>): Promise<T | undefined> {
    // Not connected: fail over at once rather than queue behind a reconnect.
    if (this.client.status !== 'ready') {
      this.degrade(`Redis connection is ${this.client.status}`);
      return undefined;
    }
    try {
      const value = await call();
      this.recover();
      return value;
    } catch (error) {
      this.degrade((error as Error).message);
      return undefined;
    }
  }

  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(
      `Redis unavailable (${reason}): rate limits are counted per process until it is back`,
    );
  }

  private recover(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log('Redis is back: rate limits are shared across instances again');
  }
}
