import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { redisClientOptions } from '../../common/redis/redis-options.js';
import type { AppConfig } from '../../config/app-config.js';
import type { AiOptions } from '../ai-options.js';
import { AiRuntime } from '../ai-runtime.js';
import { AI_LIMITS, AI_OPTIONS } from '../ai.tokens.js';
import { type AiLimits, LocalAiLimits } from './ai-limits.js';
import { RedisAiLimits } from './redis-ai-limits.js';

/** One warning per this long while Redis stays unreachable, not one per AI call. */
const WARN_EVERY_MS = 30_000;
/** A Redis that does not answer this fast is treated as down: the AI call must not wait on it. */
const COMMAND_TIMEOUT_MS = 500;

/** Chooses where the AI budget and breakers live (Redis with REDIS_URL) and owns that connection. */
@Injectable()
export class AiLimitsHolder implements OnApplicationShutdown {
  private readonly logger = new Logger('AiLimits');
  private redis?: Redis;
  private warnedAt = 0;
  readonly limits: AiLimits;

  constructor(
    @Inject(ConfigService) config: AppConfig,
    @Inject(AI_OPTIONS) options: AiOptions,
    runtime: AiRuntime,
  ) {
    const limitOptions = {
      requestsPerMinute: options.requestsPerMinute,
      circuit: options.circuit,
      now: () => runtime.now(),
    };
    const url = config.get('REDIS_URL', { infer: true });
    if (!url) {
      this.limits = new LocalAiLimits(limitOptions);
      return;
    }
    // No offline queue: while Redis is down a command fails at once and the call falls back.
    this.redis = new Redis(
      url,
      redisClientOptions(config, { enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS }),
    );
    this.redis.on('error', () => undefined);
    this.limits = new RedisAiLimits(this.redis, limitOptions, (error) => this.degraded(error));
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect(false);
  }

  private degraded(error: Error): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(
      `Redis unreachable (${error.message}): AI request budget and circuit breakers are per process until it is back`,
    );
  }
}

export const aiLimitsProviders = [
  AiLimitsHolder,
  {
    provide: AI_LIMITS,
    inject: [AiLimitsHolder],
    useFactory: (holder: AiLimitsHolder) => holder.limits,
  },
];
