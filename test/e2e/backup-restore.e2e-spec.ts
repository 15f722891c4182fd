import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { summariseDatabase } from '../../src/backups/snapshot/table-verification.js';
import { bearer, captureThought, createUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { freePort, runCli, ServerProcess } from '../support/server-process.js';
import { snapshotsIn, trailerOf } from '../support/snapshot-files.js';
import { startTestApp, TEST_ADMIN_KEY } from '../support/test-app.js';

const tmpRoot = () => {
  const dir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'backup-e2e-'));
  // PostgreSQL (as "postgres" under root) must pass through it for the embedded case.
  chmodSync(dir, 0o755);
  return dir;
};

async function wipe(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
  await client.query('DROP SCHEMA public CASCADE');
  await client.query('CREATE SCHEMA public');
  await client.end();
}

async function rowsOf<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T & pg.QueryResultRow>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every index of the snapshot's schemas as PostgreSQL would write it: a restore drops and rebuilds them. */
const indexesOf = (url: string) =>
  rowsOf<{ indexdef: string }>(
    url,
    `SELECT indexdef FROM pg_indexes WHERE schemaname IN ('public', 'pgboss') ORDER BY schemaname, tablename, indexname`,
  );

describe('backup and restore on the machine server (DATABASE_URL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let workDir: string;

  beforeAll(async () => {
    database = await createScratchDatabase();
    workDir = tmpRoot();
    const app = await startTestApp({ databaseUrl: database.url });
    try {
      const user = await createUser(app, 'Backed Up');
      await captureThought(app, user.key, {
        content: 'a line with a tab\there and a backslash \\ and "quotes"',
        tags: ['x'],
      });
      await captureThought(app, user.key, 'second line\nwith a newline, ünïcödé and an emoji 🧠');
      const task = await app
        .http()
        .post('/api/v1/tasks')
        .set(bearer(user.key))
        .send({ title: 'restore me', priority: 'high' });
      expect(task.status).toBe(201);
    } finally {
      await app.close();
    }
  });

  afterAll(async () => {
    await database.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('has no trigger that a restore would fire: COPY fires INSERT triggers, TRUNCATE its own', async () => {
    // The restore loads with triggers enabled (see restore-indexes.ts). A new INSERT or TRUNCATE
    // trigger (bits 4 and 32 of tgtype) would run during the load: decide there whether it
    // derives data the snapshot already holds (then disable it for the load), then list it here.
    const firing = await rowsOf<{ trigger: string }>(
      database.url,
      `SELECT format('%s on %s', t.tgname, t.tgrelid::regclass) AS trigger FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE NOT t.tgisinternal AND n.nspname IN ('public', 'pgboss') AND (t.tgtype & (4 | 32)) <> 0`,
    );
    expect(firing).toEqual([]);
    // The delete triggers a restore must not fire (its TRUNCATE does not) are there to be missed.
    const deleting = await rowsOf<{ tgname: string }>(
      database.url,
      `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND (tgtype & 8) <> 0 ORDER BY 1`,
    );
    expect(deleting.map((row) => row.tgname)).toEqual([
      'thought_terms_uncount',
      'thoughts_forget_ledger_text',
    ]);
  });

  it('backs up, restores into the wiped database with identical counts and checksums, and refuses a non-empty one', async () => {
    const before = await summariseDatabase(database.url);
    const indexes = await indexesOf(database.url);
    expect(indexes.some((index) => /USING gin/.test(index.indexdef))).toBe(true);
    expect(before['"public"."thoughts"']!.rows).toBe(2);
    expect(before['"pgboss"."job"']!.rows).toBeGreaterThan(0);

    const env = { DATABASE_URL: database.url, BACKUP_DIR: workDir };
    const backup = await runCli(['backup'], env, workDir);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const [file] = snapshotsIn(workDir);
    expect(path.basename(file!)).toMatch(/^pai-backup-\d{8}T\d{6}Z-\d{13}\.pai\.gz$/);
    expect(readFileSync(`${file}.sha256`, 'utf8')).toMatch(
      new RegExp(`^[0-9a-f]{64}  ${path.basename(file!)}\\n$`),
    );
    // The snapshot's own record of the tables is what the database held.
    expect((await trailerOf(file!)).tables).toEqual(before);

    await wipe(database.url);
    const restored = await runCli(['restore', file!], env, workDir);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(await summariseDatabase(database.url)).toEqual(before);
    // Built after the load, every index is back as the migrations made it, and valid.
    expect(await indexesOf(database.url)).toEqual(indexes);
    expect(
      await rowsOf(
        database.url,
        `SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid OR NOT indisready`,
      ),
    ).toEqual([]);

    const refused = await runCli(['restore', file!], env, workDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not empty');
    const forced = await runCli(['restore', file!, '--force'], env, workDir);
    expect(forced.code).toBe(0);
    expect(await summariseDatabase(database.url)).toEqual(before);

    // The restored database serves: the app starts on it and finds the user's thoughts.
    const app = await startTestApp({ databaseUrl: database.url });
    try {
      const keys = await app.http().get('/api/v1/admin/api-keys').set(bearer(TEST_ADMIN_KEY));
      expect(keys.status).toBe(200);
      expect(keys.body.items.length).toBeGreaterThanOrEqual(2);
    } finally {
      await app.close();
    }
  });
});

describe('backup and restore on the embedded database (no DATABASE_URL)', () => {
  const ADMIN_KEY = 'pai_backup_e2e_admin_key_0123456789abcdefgh';
  let workDir: string;
  let dataDir: string;

  beforeAll(() => {
    workDir = tmpRoot();
    dataDir = path.join(workDir, 'data');
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('restores into a fresh DATA_DIR what the old one held', async () => {
    const server = new ServerProcess(
      await freePort(),
      { DATA_DIR: dataDir, BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, EMBEDDED_PG_PORT: '0' },
      workDir,
    );
    server.start();
    try {
      await server.waitHealthy(30_000);
      for (const content of ['embedded one', 'embedded two', 'embedded three']) {
        const response = await fetch(`${server.baseUrl}/api/v1/thoughts`, {
          method: 'POST',
          headers: { ...bearer(ADMIN_KEY), 'Content-Type': 'application/json' },
          body: JSON.stringify({ content }),
        });
        expect(response.status).toBe(201);
      }
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    const backupDir = path.join(workDir, 'kept-backups');
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', BACKUP_DIR: backupDir };
    const backup = await runCli(['backup'], env, workDir);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const [file] = snapshotsIn(backupDir);
    const original = await trailerOf(file!);
    expect(original.tables['"public"."thoughts"']!.rows).toBe(3);

    // The disk died: a brand-new DATA_DIR, restored from the snapshot, then snapshotted again.
    rmSync(dataDir, { recursive: true, force: true });
    const restored = await runCli(['restore', file!], env, workDir);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    rmSync(file!);
    const again = await runCli(['backup'], env, workDir);
    expect(again.code).toBe(0);
    const [second] = snapshotsIn(backupDir);
    expect((await trailerOf(second!)).tables).toEqual(original.tables);
  });
});
