import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { APP_PG_TYPES } from './pg-type-parsers.js';
import { MIGRATIONS } from './migrations.js';
import { replicaTolerantPg } from './replicas/replica-tolerant-pg.js';

export interface DatabaseConnectionOptions {
  url: string;
  poolSize?: number;
  /** Application name shown in pg_stat_activity, to tell the API from the CLI. */
  applicationName?: string;
  /** Streaming replicas of `url` (DATABASE_READ_URLS), opened as TypeORM's replication slaves. */
  readUrls?: readonly string[];
}

/**
 * The ONE place TypeORM is configured: the app, the migration CLI and the tests all call
 * this, so what the tests migrate is what production runs.
 */
export function buildDataSourceOptions(options: DatabaseConnectionOptions): DataSourceOptions {
  const readUrls = options.readUrls ?? [];
  return {
    type: 'postgres',
    ...(readUrls.length === 0
      ? { url: options.url }
      : {
          replication: {
            master: { url: options.url },
            slaves: readUrls.map((url) => ({ url })),
            // TypeORM sends query-builder SELECTs to a random slave by default; here only the
            // reads ReadReplicas routes go to a replica, everything else stays on the primary.
            defaultMode: 'master' as const,
          },
          driver: replicaTolerantPg(readUrls),
        }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // Schema changes go through reviewed migrations only.
    synchronize: false,
    // Failed queries surface as errors through the exception filter; TypeORM's own console
    // logging would print query parameters outside the JSON log.
    logging: false,
    applicationName: options.applicationName ?? 'pai-api',
    poolSize: options.poolSize ?? 10,
    extra: {
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A query stuck on a dead connection must not hang a request forever.
      query_timeout: 30_000,
      types: APP_PG_TYPES,
      // Timestamps then always arrive as "...+00", the form APP_PG_TYPES reads fastest, and
      // no SQL depends on the server's own time zone setting.
      options: '-c TimeZone=UTC',
    },
  };
}
