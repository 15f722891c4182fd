import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * The one place that reaches into TypeORM's PostgreSQL driver for its pg pools (TypeORM 1,
 * `driver.master` and `driver.slaves`, typed `any` and not part of its documented API). Capture
 * sends its named statement straight to the primary's pool, metrics read the pool's counts, and
 * the replica router picks a replica's pool itself; TypeORM offers none of these. The contract
 * spec (`pg-pool.spec.ts`) opens a driver and checks both, so an upgrade that renames or
 * reshapes them fails the suite loudly instead of capture at run time.
 */
type Pools = Pick<PostgresDriver, 'master' | 'slaves'>;

/** The primary's pool; undefined before the DataSource connects and after it is destroyed. */
export function primaryPool(dataSource: DataSource): Pool | undefined {
  return ((dataSource.driver as unknown as Pools).master as Pool | null | undefined) ?? undefined;
}

/** The read replicas' pools (DATABASE_READ_URLS), in configuration order; empty without replicas. */
export function replicaPools(dataSource: DataSource): Pool[] {
  return ((dataSource.driver as unknown as Pools).slaves as Pool[] | undefined) ?? [];
}
