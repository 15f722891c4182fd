import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { EnvironmentVariables } from '../config/env.schema.js';
import {
  RATE_LIMIT_STORAGE,
  RateLimitStorageHolder,
  rateLimitStorageProviders,
} from './rate-limit-storage.provider.js';

const ONE_MINUTE_MS = 60_000;

@Module({ providers: rateLimitStorageProviders, exports: rateLimitStorageProviders })
class RateLimitStorageModule {}

/** Per-key request budget (RATE_LIMIT_PER_MINUTE); the guard that applies it is global. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [ConfigService, RATE_LIMIT_STORAGE],
      useFactory: (
        config: ConfigService<EnvironmentVariables, true>,
        holder: RateLimitStorageHolder,
      ) => ({
        throttlers: [
          {
            name: 'default',
            ttl: ONE_MINUTE_MS,
            limit: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
          },
        ],
        storage: holder.storage,
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
