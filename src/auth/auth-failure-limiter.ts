import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { EnvironmentVariables } from '../config/env.schema.js';

const WINDOW_MS = 60_000;

/**
 * Counts failed authentications per client address in the throttler's storage (shared
 * through Redis when configured), so guessing keys is slow from any one address.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.limit = config.get('AUTH_FAILURES_PER_MINUTE', { infer: true });
  }

  /** Seconds the address must wait, or 0 while it is under the limit. */
  async isBlocked(ip: string): Promise<number> {
    const record = await this.storage.increment(`auth-failures:${ip}`, WINDOW_MS, this.limit, WINDOW_MS, 'auth-failures');
    return record.isBlocked ? Math.max(1, record.timeToBlockExpire) : 0;
  }
}
