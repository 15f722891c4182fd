import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { DATABASE_URL } from './database.tokens.js';
import { initializeWithMigrations } from './locked-migrations.js';
import { ReadReplicas } from './replicas/read-replicas.service.js';
import { buildDataSourceOptions } from './typeorm-options.js';

function readUrlsOf(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

/**
 * TypeORM on the URL the caller resolved (embedded or DATABASE_URL); migrations run at
 * start-up, one instance at a time, so a new version upgrades the schema before serving.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    const urlProvider = { provide: DATABASE_URL, useValue: url };
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
            ...buildDataSourceOptions({
              url,
              poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
              readUrls: readUrlsOf(config.get('DATABASE_READ_URLS', { infer: true })),
            }),
            // Fail start-up fast rather than retrying for minutes against a wrong URL.
            retryAttempts: 2,
            retryDelay: 1_000,
          }),
          dataSourceFactory: (options) => initializeWithMigrations(options!, url),
        }),
      ],
      providers: [urlProvider, ReadReplicas],
      exports: [urlProvider, ReadReplicas],
    };
  }
}
