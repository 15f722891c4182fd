import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createScratchDatabase } from '../support/scratch-database.js';
import { freePort, ServerProcess } from '../support/server-process.js';

const ADMIN_KEY = 'pai_sigterm_e2e_admin_key_0123456789abcdefg';
const WRITERS = 8;
const SIGNAL_AFTER = 60;

/**
 * The built server as a child process, captures from several concurrent writers, SIGTERM in
 * the middle of them: every capture the server acknowledged (2xx) must be in the database
 * exactly once after a restart. Failures after the signal are allowed; lies are not.
 */
describe('SIGTERM during capture load', () => {
  let database: { url: string; drop: () => Promise<void> };
  let workDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createScratchDatabase();
    workDir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'sigterm-'));
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const env = () => ({
    DATABASE_URL: database.url,
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    RATE_LIMIT_PER_MINUTE: '100000',
    AI_BACKEND: 'mock',
    LOG_LEVEL: 'warn',
  });

  it('loses no acknowledged thought and duplicates none', async () => {
    server = new ServerProcess(await freePort(), env(), workDir);
    server.start();
    await server.waitHealthy(30_000);

    const acknowledged: { id: string; content: string }[] = [];
    let failures = 0;
    let signalled = false;
    let exited: Promise<number | string> | undefined;
    const writer = async (writerId: number) => {
      for (let n = 0; ; n++) {
        const content = `writer ${writerId} thought ${n}`;
        try {
          const response = await fetch(`${server.baseUrl}/api/v1/thoughts`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ content }),
          });
          if (response.status >= 200 && response.status < 300) {
            const body = (await response.json()) as { id: string };
            acknowledged.push({ id: body.id, content });
          } else {
            failures++;
            await response.body?.cancel();
          }
        } catch {
          // Refused or reset: the server is going away. Not acknowledged, so not promised.
          failures++;
          if (signalled) return;
        }
        if (!signalled && acknowledged.length >= SIGNAL_AFTER) {
          signalled = true;
          exited = server.stop('SIGTERM');
        }
        if (signalled && server.child?.exitCode !== null) return;
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
    expect(await exited).toBe(0);
    // Some captures were refused once the server was going: the load did outlast the signal.
    expect(failures).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(SIGNAL_AFTER);

    server = new ServerProcess(server.port, env(), workDir);
    server.start();
    await server.waitHealthy(30_000);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; content: string; copies: number }>(
        `SELECT min(id::text) AS id, content, count(*)::int AS copies FROM thoughts WHERE content = ANY($1) GROUP BY content`,
        [acknowledged.map((a) => a.content)],
      );
      const stored = new Map(rows.map((row) => [row.content, row]));
      const missing = acknowledged.filter((a) => !stored.has(a.content));
      const duplicated = rows.filter((row) => row.copies !== 1);
      const wrongId = acknowledged.filter(
        (a) => stored.get(a.content) && stored.get(a.content)!.id !== a.id,
      );
      expect({ missing, duplicated, wrongId }).toEqual({
        missing: [],
        duplicated: [],
        wrongId: [],
      });
    } finally {
      await client.end();
    }
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 180_000);
});
