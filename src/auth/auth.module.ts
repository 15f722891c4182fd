import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '../common/time/clock.module.js';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { AdminBootstrapService } from './admin-bootstrap.service.js';
import { AdminController } from './admin.controller.js';
import { AdminGuard } from './admin.guard.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyChanges } from './api-key-changes.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyInvalidationListener } from './api-key-invalidation.listener.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { RequestAuthenticator } from './request-authenticator.js';
import { UnauthenticatedLimiter } from './unauthenticated-limiter.js';
import { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { VerifiedKeyCache } from './verified-key-cache.js';
import { WhoAmIController } from './whoami.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, ApiKey]), ClockModule],
  controllers: [AdminController, WhoAmIController],
  providers: [
    UsersRepository,
    ApiKeysRepository,
    UsersService,
    ApiKeysService,
    AdminBootstrapService,
    ApiKeyInvalidationListener,
    ApiKeyChanges,
    AuthFailureLimiter,
    UnauthenticatedLimiter,
    RequestAuthenticator,
    AdminGuard,
    ApiKeyGuard,
    {
      provide: VerifiedKeyCache,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        new VerifiedKeyCache(config.get('API_KEY_CACHE_TTL_SECONDS', { infer: true }) * 1000),
    },
  ],
  exports: [
    UsersService,
    ApiKeysService,
    ApiKeyGuard,
    ApiKeyChanges,
    RequestAuthenticator,
    AuthFailureLimiter,
    UnauthenticatedLimiter,
  ],
})
export class AuthModule {}
