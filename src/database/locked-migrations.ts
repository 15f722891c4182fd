import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** Any fixed number: the key of the session-level advisory lock around migrations. */
const MIGRATION_LOCK_KEY = 7_265_850_001;

/**
 * Opens the data source and runs pending migrations while holding an advisory lock, so
 * several instances starting together against one database migrate one after the other
 * (the first applies, the rest find nothing to do) instead of racing to create the same
 * tables. The lock is held on a connection of its own: a pool of one cannot deadlock on it.
 */
export async function initializeWithMigrations(
  options: DataSourceOptions,
  url: string,
): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  const lock = new pg.Client({ connectionString: url, application_name: 'pai-migrations-lock' });
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations();
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  } finally {
    // Ending the session releases the lock too, if the unlock itself fails.
    await lock.end().catch(() => undefined);
  }
  return dataSource;
}
