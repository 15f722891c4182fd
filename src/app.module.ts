import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import type { DestinationStream } from 'pino';
import { AiModule } from './ai/ai.module.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { BackupsModule } from './backups/backups.module.js';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter.js';
import { UnmatchedRoutesInShape } from './common/http/unmatched-routes.js';
import { ApiKeyThrottlerGuard } from './common/guards/api-key-throttler.guard.js';
import { createRootLogger, logDestination } from './common/logging/http-logger.js';
import { ROOT_LOGGER } from './common/logging/logging.tokens.js';
import { appConfigModule } from './config/config.module.js';
import type { EnvironmentVariables } from './config/env.schema.js';
import { DatabaseModule } from './database/database.module.js';
import { ReadYourWritesGuard } from './database/replicas/read-your-writes.guard.js';
import { ConsciousnessModule } from './consciousness/consciousness.module.js';
import { EventsModule } from './events/events.module.js';
import { EventsStreamModule } from './events/events-stream.module.js';
import { ExportModule } from './export/export.module.js';
import { ImportModule } from './import/import.module.js';
import { HealthModule } from './health/health.module.js';
import { IntelligenceModule } from './intelligence/intelligence.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { McpModule } from './mcp/mcp.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { ProfilesModule } from './profiles/profiles.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { SuggestionsModule } from './suggestions/suggestions.module.js';
import { TagsModule } from './tags/tags.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { ThoughtsModule } from './thoughts/thoughts.module.js';

export interface AppModuleOptions {
  /** Resolved before Nest starts: DATABASE_URL or the embedded server's URL. */
  databaseUrl: string;
  /** Where JSON logs go; stdout unless a test captures them. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const rootLogger = {
      provide: ROOT_LOGGER,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        createRootLogger(
          config.get('LOG_LEVEL', { infer: true }),
          options.logDestination ?? logDestination(config.get('LOG_FORMAT', { infer: true })),
        ),
    };
    return {
      module: AppModule,
      imports: [
        appConfigModule(),
        {
          module: class LoggingModule {},
          global: true,
          providers: [rootLogger],
          exports: [ROOT_LOGGER],
        },
        DatabaseModule.forRoot(options.databaseUrl),
        ScheduleModule.forRoot(),
        JobsModule,
        EventsModule,
        RateLimitModule,
        AuthModule,
        HealthModule,
        ProfilesModule,
        SettingsModule,
        ThoughtsModule,
        TagsModule,
        TasksModule,
        SuggestionsModule,
        AiModule,
        OperationsModule,
        IntelligenceModule,
        EventsStreamModule,
        ConsciousnessModule,
        McpModule,
        BackupsModule,
        MetricsModule,
        RetentionModule,
        ExportModule,
        ImportModule,
      ],
      providers: [
        // Order matters: authenticate first, then count the request against the key, then note
        // a write for read-your-writes (only requests that get through write).
        { provide: APP_GUARD, useExisting: ApiKeyGuard },
        { provide: APP_GUARD, useClass: ApiKeyThrottlerGuard },
        { provide: APP_GUARD, useClass: ReadYourWritesGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        UnmatchedRoutesInShape,
      ],
    };
  }
}
