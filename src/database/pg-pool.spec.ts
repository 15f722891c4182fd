import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { primaryPool, replicaPools } from './pg-pool.js';

const PRIMARY = 'postgres://primary.invalid/pai';
const REPLICAS = ['postgres://replica-1.invalid/pai', 'postgres://replica-2.invalid/pai'];

/**
 * A real pg Pool (the class TypeORM is given, as in production) whose connections are stand-ins
 * answering what TypeORM asks while it connects; each records the statements sent through it.
 */
class RecordingPool extends pg.Pool {
  readonly statements: string[] = [];

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient, done: () => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient, done: () => void) => void,
  ): Promise<pg.PoolClient> | void {
    const client = Object.assign(new EventEmitter(), {
      query: (sql: string) => {
        this.statements.push(sql);
        const row = {
          version: 'PostgreSQL 17.0',
          current_database: 'pai',
          current_schema: 'public',
        };
        return Promise.resolve({ command: 'SELECT', rows: [row], rowCount: 1 });
      },
    }) as unknown as pg.PoolClient;
    if (!callback) return Promise.resolve(client);
    callback(undefined, client, () => undefined);
  }
}

const recordingPg = Object.assign(Object.create(pg) as typeof pg, { Pool: RecordingPool });

function dataSource(replicated: boolean): DataSource {
  return new DataSource({
    type: 'postgres',
    driver: recordingPg,
    ...(replicated
      ? { replication: { master: { url: PRIMARY }, slaves: REPLICAS.map((url) => ({ url })) } }
      : { url: PRIMARY }),
  });
}

const urlOf = (pool: pg.Pool | undefined) =>
  (pool as unknown as { options: pg.PoolConfig } | undefined)?.options.connectionString;

/**
 * The contract pg-pool.ts relies on in TypeORM's PostgreSQL driver. If an upgrade breaks one of
 * these, read the new PostgresDriver and adapt pg-pool.ts (capture, metrics and the replica
 * router all go through it) before raising the pin.
 */
describe('TypeORM driver pools used by capture, metrics and the replica router', () => {
  // The pools never open a socket (see RecordingPool), so there is nothing to close after each test.
  it('is the TypeORM major these pools were read from', () => {
    const entry = createRequire(import.meta.url).resolve('typeorm');
    let dir = path.dirname(entry);
    while (!dir.endsWith(`${path.sep}typeorm`)) dir = path.dirname(dir);
    const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version.split('.')[0]).toBe('1');
  });

  it('has no pool before the driver connects', () => {
    const opened = dataSource(false);
    expect(primaryPool(opened)).toBeUndefined();
    expect(replicaPools(opened)).toEqual([]);
  });

  it('gives the pg Pool that TypeORM’s own queries use, and no replicas when none are configured', async () => {
    const opened = dataSource(false);
    await opened.driver.connect();
    const pool = primaryPool(opened);
    expect(pool).toBeInstanceOf(pg.Pool);
    expect(urlOf(pool)).toBe(PRIMARY);
    // What metrics read.
    for (const count of ['totalCount', 'idleCount', 'waitingCount'] as const)
      expect(typeof pool![count]).toBe('number');
    const runner = opened.driver.createQueryRunner('master');
    await runner.query('SELECT 42 AS through_typeorm');
    await runner.release();
    expect((pool as RecordingPool).statements).toContain('SELECT 42 AS through_typeorm');
    expect(replicaPools(opened)).toEqual([]);
  });

  it('gives the primary’s pool and every replica’s, in configuration order, when replicated', async () => {
    const opened = dataSource(true);
    await opened.driver.connect();
    expect(urlOf(primaryPool(opened))).toBe(PRIMARY);
    const replicas = replicaPools(opened);
    expect(replicas.map(urlOf)).toEqual(REPLICAS);
    for (const replica of replicas) expect(replica).toBeInstanceOf(pg.Pool);
    expect(replicas).not.toContain(primaryPool(opened));
  });

  it('has no pool once the driver is closed (metrics then skip the pool gauges)', async () => {
    const opened = dataSource(true);
    await opened.driver.connect();
    await opened.driver.disconnect();
    expect(primaryPool(opened)).toBeUndefined();
    expect(replicaPools(opened)).toEqual([]);
  });
});
