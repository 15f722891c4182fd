import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { bundleThrottler } from './bundle-throttler.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * One fresh database per run. With TEST_DATABASE_URL (or DATABASE_URL) that is a new
 * database on that server; without, an embedded PostgreSQL in a temporary folder (the
 * server's own code from dist/, built by `pretest`). The apps under test migrate it.
 */
export default async function globalSetup() {
  await bundleThrottler(root);
  // A fresh log of the whole run, scanned for key material by the global teardown.
  rmSync(path.join(root, '.test-tmp', 'app-logs'), { recursive: true, force: true });
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const database = `paitest_${Date.now()}_${randomBytes(3).toString('hex')}`;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    process.env.PAI_TEST_DATABASE_URL = url.toString();
    globalThis.__PAI_TEST_DB__ = { serverUrl, database };
  } else {
    const { EmbeddedPostgresServer } = await import(
      path.join(root, 'dist/src/database/embedded-postgres.js')
    );
    const dataDir = path.join(root, '.test-tmp', `embedded-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    const embedded = new EmbeddedPostgresServer({ dataDir, port: 0, database });
    process.env.PAI_TEST_DATABASE_URL = await embedded.start();
    globalThis.__PAI_TEST_DB__ = { embedded, dataDir };
  }
  process.env.PAI_TEST_SERVER_URL = serverUrl ?? '';
  // The suite must not inherit the developer's own server settings.
  delete process.env.DATABASE_URL;
}
