import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const LOG_DIR = path.resolve(import.meta.dirname, '../../.test-tmp/app-logs');
/** Anything shaped like an API key, or a password field, that the logger did not mask. */
const KEY_MATERIAL = /pai_(?!\[REDACTED\])[A-Za-z0-9_-]{16,}|"password"\s*:\s*"(?!\[REDACTED\])/;

/**
 * Fails the run when any log line of any test app carried key material (the suites' own
 * checks see only their own apps). The keys themselves are never printed.
 */
function assertNoKeyMaterialInLogs() {
  if (!existsSync(LOG_DIR)) return;
  let lines = 0;
  const leaks = [];
  for (const file of readdirSync(LOG_DIR)) {
    for (const line of readFileSync(path.join(LOG_DIR, file), 'utf8').split('\n')) {
      if (!line) continue;
      lines++;
      if (KEY_MATERIAL.test(line))
        leaks.push(
          line
            .slice(0, 80)
            .replace(/pai_[A-Za-z0-9_-]+/g, 'pai_…')
            .replace(/"password".*/, '"password"…'),
        );
    }
  }
  if (lines === 0)
    throw new Error(
      'no application log lines were captured: the key-material check would prove nothing',
    );
  if (leaks.length > 0)
    throw new Error(
      `${leaks.length} log line(s) contain key material, e.g.: ${leaks.slice(0, 3).join(' | ')}`,
    );
}

export default async function globalTeardown() {
  try {
    await releaseDatabase();
  } finally {
    assertNoKeyMaterialInLogs();
  }
}

async function releaseDatabase() {
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
