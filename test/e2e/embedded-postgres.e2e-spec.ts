import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { resolveDatabaseLocation } from '../../src/database/database-location.js';
import { EmbeddedPostgresServer } from '../../src/database/embedded-postgres.js';

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** The embedded server's lifecycle in-process: first start, sharing, stale and lingering postmasters. */
describe('EmbeddedPostgresServer', () => {
  let dir: string;
  const options = () => ({ dataDir: dir, port: 0, database: 'pai' });

  beforeAll(() => {
    dir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'embedded-unit-'));
    chmodSync(dir, 0o755);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('initialises on first start, creates the database, and a second user shares the running server', async () => {
    const first = new EmbeddedPostgresServer(options());
    const url = await first.start();
    try {
      await query(url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$hello$$)');
      // The app's connections go over the socket in the cluster's own directory, not TCP.
      expect(url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/pai\?host=/);
      expect(new URL(url).searchParams.get('host')).toBe(path.join(dir, 'postgres'));
      await expect(
        query(url, 'SELECT client_addr FROM pg_stat_activity WHERE pid = pg_backend_pid()'),
      ).resolves.toEqual([{ client_addr: null }]);
      expect(
        readFileSync(path.join(dir, '.postgres-password'), 'utf8').trim().length,
      ).toBeGreaterThan(20);

      // The owner (this process) is alive: a second start shares it instead of fighting over it.
      const second = new EmbeddedPostgresServer(options());
      const shared = await second.start();
      expect(new URL(shared).port).toBe(new URL(url).port);
      await second.stop();
      await expect(query(url, 'SELECT value FROM kept')).resolves.toEqual([{ value: 'hello' }]);
    } finally {
      await first.stop();
    }
  });

  it('falls back to TCP when the data path is too long for a socket name', async () => {
    const deep = path.join(dir, 'd'.repeat(100));
    mkdirSync(deep, { mode: 0o755 });
    const server = new EmbeddedPostgresServer({ ...options(), dataDir: deep });
    const url = await server.start();
    try {
      expect(new URL(url).search).toBe('');
      await expect(
        query(url, 'SELECT client_addr FROM pg_stat_activity WHERE pid = pg_backend_pid()'),
      ).resolves.toEqual([{ client_addr: '127.0.0.1' }]);
    } finally {
      await server.stop();
      rmSync(deep, { recursive: true, force: true });
    }
  });

  it('ignores a stale postmaster.pid left by a process that no longer exists', async () => {
    const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
    writeFileSync(pidFile, `999999\n${path.join(dir, 'postgres')}\n0\n5432\n`);
    const server = new EmbeddedPostgresServer(options());
    const url = await server.start();
    try {
      await expect(query(url, 'SELECT value FROM kept')).resolves.toEqual([{ value: 'hello' }]);
    } finally {
      await server.stop();
    }
  });

  it('stops a postmaster whose owner died (kill -9) and starts afresh with the data intact', async () => {
    const orphaned = new EmbeddedPostgresServer(options());
    await orphaned.start();
    const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
    const orphanPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    // Pretend the owner died: its pid is gone.
    writeFileSync(path.join(dir, 'postgres.owner'), '999999\n');

    const { url, embedded } = await resolveDatabaseLocation({ DATA_DIR: dir, EMBEDDED_PG_PORT: 0 });
    try {
      expect(() => process.kill(orphanPid, 0)).toThrow();
      await expect(query(url, 'SELECT value FROM kept')).resolves.toEqual([{ value: 'hello' }]);
    } finally {
      await embedded?.stop();
    }
  });

  it('uses DATABASE_URL as is, starting nothing', async () => {
    const location = await resolveDatabaseLocation({
      DATABASE_URL: 'postgres://u:p@db.example.test:5432/pai',
      DATA_DIR: dir,
      EMBEDDED_PG_PORT: 0,
    });
    expect(location).toEqual({ url: 'postgres://u:p@db.example.test:5432/pai' });
  });
});
