import { EmbeddedPostgresServer } from './embedded-postgres.js';

export interface DatabaseLocation {
  url: string;
  embedded?: EmbeddedPostgresServer;
}

export interface DatabaseLocationConfig {
  DATABASE_URL?: string;
  DATA_DIR: string;
  EMBEDDED_PG_PORT: number;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR, started here. */
export async function resolveDatabaseLocation(
  config: DatabaseLocationConfig,
  log?: (message: string, level?: 'info' | 'warn' | 'error') => void,
): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const embedded = new EmbeddedPostgresServer({
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: 'pai',
    log,
  });
  const url = await embedded.start();
  return { url, embedded };
}
