import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { EnvironmentVariables } from '../config/env.schema.js';

const WINDOW_MS = 60_000;
const THROTTLER_NAME = 'unauthenticated';

/**
 * Requests that carry a body but no valid key, per client address: each would cost a body
 * parse (up to the body limit) before anything else could refuse it.
 */
@Injectable()
export class UnauthenticatedLimiter {
  private readonly limit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.limit = config.get('UNAUTHENTICATED_PER_MINUTE', { infer: true });
  }

  /** Counts one; seconds to wait when over the limit, else 0. */
  async count(ip: string): Promise<number> {
    const record = await this.storage.increment(
      `unauthenticated:${ip}`,
      WINDOW_MS,
      this.limit,
      WINDOW_MS,
      THROTTLER_NAME,
    );
    return record.isBlocked ? Math.max(1, record.timeToBlockExpire) : 0;
  }
}
