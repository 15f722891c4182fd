import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const state = globalThis.__PAI_TEST_DB__;
  if (!state) return;
  if (state.embedded) {
    await state.embedded.stop();
    rmSync(state.dataDir, { recursive: true, force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: state.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
  await admin.end();
}
