import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isAlive, postmasterOf, stopLeftoverPostmaster } from '../support/embedded-postmaster.js';
import { freePort, runCli, ServerProcess } from '../support/server-process.js';

const ADMIN_KEY = 'pai_embedded_e2e_admin_key_0123456789abcdef';
const auth = { Authorization: `Bearer ${ADMIN_KEY}` };

/**
 * The default a new user gets: no DATABASE_URL, PostgreSQL embedded under DATA_DIR. Runs the
 * built server as a child process so kill -9 is a real kill -9.
 */
describe('embedded PostgreSQL (built server as a child process)', () => {
  let workDir: string;
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'embedded-e2e-'));
    // mkdtemp makes a private folder; PostgreSQL (as "postgres" under root) must pass through it.
    chmodSync(workDir, 0o755);
    dataDir = path.join(workDir, 'data');
    server = new ServerProcess(
      await freePort(),
      {
        DATA_DIR: dataDir,
        BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
        EMBEDDED_PG_PORT: '0',
        LOG_LEVEL: 'info',
      },
      workDir,
    );
  });

  afterAll(async () => {
    await server.stop('SIGTERM');
    stopLeftoverPostmaster(dataDir);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps its data across a clean restart and a kill -9, and stops PostgreSQL on SIGTERM', async () => {
    server.start();
    await server.waitHealthy(30_000);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    const created = await fetch(`${server.baseUrl}/api/v1/admin/users`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Persistent', email: 'persistent@example.test' }),
    });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string } };

    const keysOf = async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/admin/api-keys?user_id=${user.id}`, {
        headers: auth,
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: unknown[] }).items;
    };

    // kill -9: no shutdown code runs; PostgreSQL is left running, holding postmaster.pid.
    expect(await server.stop('SIGKILL')).toBe('SIGKILL');
    const orphan = postmasterOf(dataDir)!.pid;
    expect(isAlive(orphan)).toBe(true);

    server.start();
    await server.waitHealthy(30_000);
    expect(await keysOf()).toHaveLength(1);
    expect(isAlive(orphan)).toBe(false);

    // SIGTERM: the server exits 0 and takes PostgreSQL down with it.
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(postmasterOf(dataDir)).toBeUndefined();

    server.start();
    await server.waitHealthy(15_000);
    expect(await keysOf()).toHaveLength(1);
  });

  it('lets the CLI manage keys while the server runs, sharing its PostgreSQL', async () => {
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0' };
    const created = await runCli(
      ['keys:create', '--user', 'persistent@example.test', '--name', 'from-cli'],
      env,
      workDir,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const key = /pai_[A-Za-z0-9_-]{32,}/.exec(created.stdout)?.[0];
    expect(key).toBeDefined();
    const forbidden = await fetch(`${server.baseUrl}/api/v1/admin/api-keys`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(forbidden.status).toBe(403);

    const listed = await runCli(['keys:list', '--user', 'persistent@example.test'], env, workDir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('from-cli');
    expect(listed.stdout).not.toContain(key!);
    const id = listed.stdout
      .split('\n')
      .find((line) => line.includes('from-cli'))!
      .split(/\s+/)[0];

    const revoked = await runCli(['keys:revoke', id!], env, workDir);
    expect(revoked.code).toBe(0);
    const after = await fetch(`${server.baseUrl}/api/v1/admin/api-keys`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(after.status).toBe(401);
    // The server is still up on its PostgreSQL after the CLI finished.
    expect((await fetch(`${server.baseUrl}/api/v1/health`)).status).toBe(200);
  });

  it('explains, rather than failing in initdb, when PostgreSQL cannot reach DATA_DIR', async () => {
    const privateDir = mkdtempSync(path.join(workDir, 'private-'));
    const blocked = new ServerProcess(
      await freePort(),
      { DATA_DIR: path.join(privateDir, 'data'), EMBEDDED_PG_PORT: '0' },
      workDir,
    );
    blocked.start();
    if (process.getuid?.() !== 0) {
      // Not root: PostgreSQL runs as this same user, so a private folder is fine.
      await blocked.waitHealthy(30_000);
      expect(await blocked.stop('SIGTERM')).toBe(0);
      return;
    }
    const code = await new Promise<number | null>((resolve) =>
      blocked.child!.once('exit', resolve),
    );
    expect(code).toBe(1);
    expect(blocked.output).toContain(`chmod o+x ${privateDir}`);
  });

  it('refuses to start on a bad setting, naming the variable', async () => {
    const bad = new ServerProcess(
      await freePort(),
      { DATA_DIR: dataDir, AI_BACKEND: 'gpt9', RATE_LIMIT_PER_MINUTE: 'lots' },
      workDir,
    );
    bad.start();
    const code = await new Promise<number | null>((resolve) => bad.child!.once('exit', resolve));
    expect(code).toBe(1);
    expect(bad.output).toContain('AI_BACKEND');
    expect(bad.output).toContain('RATE_LIMIT_PER_MINUTE');
  });
});
