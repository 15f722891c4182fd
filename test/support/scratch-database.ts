import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from './test-app.js';

/** An empty database on the test server, for tests that need a first start of their own. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `paiscratch_${randomBytes(4).toString('hex')}`;
  const base = testDatabaseUrl();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
