import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { bearer } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { findKeyMaterial, startTestApp, type TestApp } from '../support/test-app.js';

describe('first-start admin bootstrap', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let workDir: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    workDir = mkdtempSync(path.join(tmpdir(), 'pai-bootstrap-'));
  });

  afterAll(async () => {
    await scratch.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Starts an app with stdout captured, as a terminal (isTTY) or as a pipe / log collector. */
  async function startCapturingStdout(
    dataDir: string,
    isTTY: boolean,
    databaseUrl = scratch.url,
  ): Promise<{ app: TestApp; stdout: string }> {
    const printed: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      });
    const wasTTY = process.stdout.isTTY;
    process.stdout.isTTY = isTTY;
    try {
      const app = await startTestApp({
        databaseUrl,
        env: { BOOTSTRAP_ADMIN_KEY: undefined, DATA_DIR: dataDir },
      });
      return { app, stdout: printed.join('') };
    } finally {
      process.stdout.isTTY = wasTTY;
      write.mockRestore();
    }
  }

  it('writes a generated admin key to DATA_DIR/bootstrap-admin-key (0600), logs the path and never the key, and does it once', async () => {
    const dataDir = path.join(workDir, 'not-yet-there');
    const first = await startCapturingStdout(dataDir, false);
    const keyFile = path.join(dataDir, 'bootstrap-admin-key');
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^pai_[A-Za-z0-9_-]{32,}$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const listed = await first.app.http().get('/api/v1/admin/api-keys').set(bearer(key));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        scope: 'admin',
        name: 'bootstrap admin',
        prefix: key.slice(0, 12),
      }),
    ]);
    await first.app.close();
    // Not a terminal: nothing key-shaped on stdout, nor in the JSON log, which names the file.
    expect(first.stdout).not.toContain(key);
    expect(findKeyMaterial(first.app.logs, [key])).toEqual([]);
    const bootstrapped = first.app.logs
      .map((line) => JSON.parse(line))
      .find((line) => String(line.msg).startsWith('admin bootstrapped'));
    expect(bootstrapped).toMatchObject({
      key_file: keyFile,
      msg: `admin bootstrapped; its generated API key is in ${keyFile}`,
    });

    const second = await startCapturingStdout(dataDir, true);
    expect(second.stdout).not.toMatch(/pai_[A-Za-z0-9_-]{32,}/);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
    expect(
      (await second.app.http().get('/api/v1/admin/api-keys').set(bearer(key))).body.items,
    ).toHaveLength(1);
    await second.app.close();
  });

  it('also shows the generated key once on an interactive terminal', async () => {
    const fresh = await createScratchDatabase();
    try {
      const dataDir = path.join(workDir, 'terminal');
      const { app, stdout } = await startCapturingStdout(dataDir, true, fresh.url);
      await app.close();
      const key = readFileSync(path.join(dataDir, 'bootstrap-admin-key'), 'utf8').trim();
      expect(stdout.split(key)).toHaveLength(2);
      expect(stdout).toContain(path.join(dataDir, 'bootstrap-admin-key'));
      expect(findKeyMaterial(app.logs, [key])).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('refuses to start when the key file cannot be written, and creates no admin key nobody could read', async () => {
    const fresh = await createScratchDatabase();
    try {
      // A regular file where DATA_DIR's folder would go: not writable as a folder, even for root.
      const blocker = path.join(workDir, 'a-file');
      writeFileSync(blocker, '');
      const failure = await startTestApp({
        databaseUrl: fresh.url,
        env: { BOOTSTRAP_ADMIN_KEY: undefined, DATA_DIR: path.join(blocker, 'data') },
      }).then(
        async (app) => {
          await app.close();
          return undefined;
        },
        (error: Error) => error,
      );
      expect(failure?.message).toContain('could not write the generated admin key under DATA_DIR');
      const db = new pg.Client({ connectionString: fresh.url });
      await db.connect();
      try {
        expect(
          (await db.query(`SELECT count(*)::int AS n FROM api_keys WHERE scope = 'admin'`)).rows[0]
            .n,
        ).toBe(0);
      } finally {
        await db.end();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('refuses to start with a malformed BOOTSTRAP_ADMIN_KEY, naming the variable but not the value', async () => {
    const bad = 'pai_short!';
    const failure = await startTestApp({
      databaseUrl: scratch.url,
      env: { BOOTSTRAP_ADMIN_KEY: bad },
    }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain('BOOTSTRAP_ADMIN_KEY');
    expect(failure?.message).not.toContain(bad);
  });
});
