import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { replicaTolerantPg } from './replica-tolerant-pg.js';

/** A port nothing listens on: connecting is refused at once. */
async function closedPortUrl(): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: taken } = server.address() as { port: number };
      server.close(() => resolve(taken));
    });
  });
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function connectOnce(pool: pg.Pool): Promise<Error | undefined> {
  return new Promise((resolve) => pool.connect((error) => resolve(error ?? undefined)));
}

describe('replicaTolerantPg', () => {
  it("lets a replica's pool pass TypeORM's start-up connection check while the replica is down, then reports failures as pg does", async () => {
    const url = await closedPortUrl();
    const pool = new (replicaTolerantPg([url]).Pool)({
      connectionString: url,
      connectionTimeoutMillis: 2_000,
    });
    expect(await connectOnce(pool)).toBeUndefined();
    expect((await connectOnce(pool))?.message).toMatch(/ECONNREFUSED/);
    await expect(pool.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await pool.end();
  });

  it("leaves the primary's pool as it is: a primary that is down fails start-up", async () => {
    const replica = await closedPortUrl();
    const primary = await closedPortUrl();
    const pool = new (replicaTolerantPg([replica]).Pool)({
      connectionString: primary,
      connectionTimeoutMillis: 2_000,
    });
    expect((await connectOnce(pool))?.message).toMatch(/ECONNREFUSED/);
    await pool.end();
  });
});
