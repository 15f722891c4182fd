import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isAlive, postmasterOf, stopLeftoverPostmaster } from '../support/embedded-postmaster.js';
import type { ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';
import { checkStored, errorsByStatus, maxLatency } from './support/capture-load.js';
import {
  captureLoad,
  HealthWatch,
  LOAD,
  loadFigures,
  NOTHING_WRONG,
  startServer,
  untilElapsed,
  workDir,
} from './support/fault-run.js';
import { recordFigures } from './support/figures.js';

const SECTION = 'faults: embedded postmaster kill -9';

/**
 * The default install (no DATABASE_URL): its embedded PostgreSQL's postmaster is killed with
 * SIGKILL under capture load. The server starts it again by itself, answers 503 meanwhile,
 * and every acknowledged capture is stored exactly once.
 */
describe('embedded PostgreSQL postmaster killed under capture load', () => {
  let dir: string;
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    dir = workDir('faults-embedded-');
    // PostgreSQL runs as "postgres" under root: it must pass through the temp folder.
    chmodSync(dir, 0o755);
    dataDir = path.join(dir, 'data');
  });

  afterAll(async () => {
    await server?.stop('SIGTERM');
    stopLeftoverPostmaster(dataDir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarts the dead postmaster by itself, answering 503 meanwhile, and loses nothing acknowledged', async () => {
    server = await startServer(
      { DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', AI_BACKEND: 'mock', LOG_LEVEL: 'info' },
      dir,
    );
    const marker = `pgkill-${Date.now()}`;
    const load = captureLoad(server, marker);
    const running = load.run();
    const health = new HealthWatch(server, () => load.elapsed()).start();

    await untilElapsed(load, LOAD.faultAtMs);
    const before = postmasterOf(dataDir)!;
    const killedAt = load.elapsed();
    process.kill(before.pid, 'SIGKILL');
    const restarted = await waitFor(
      async () => {
        const now = postmasterOf(dataDir);
        return now && now.pid !== before.pid && isAlive(now.pid) ? now : undefined;
      },
      Boolean,
      { timeoutMs: 45_000, intervalMs: 100, what: 'a new postmaster' },
    );
    const restartedAt = load.elapsed();
    await running;
    await health.stop();

    const healthyAt = health.firstHealthyAfter(killedAt);
    recordFigures(SECTION, {
      ...loadFigures(load, killedAt, restartedAt + 2_000),
      postmaster_back_ms: restartedAt - killedAt,
      recovery_ms: healthyAt === undefined ? null : healthyAt - killedAt,
    });

    expect(server.output).toContain('embedded PostgreSQL restarted');
    expect(restarted!.port).toBe(before.port);
    expect(healthyAt).toBeDefined();
    const errors = errorsByStatus(load.samples);
    expect(Object.keys(errors).filter((status) => !['503', 'network'].includes(status))).toEqual(
      [],
    );
    expect(maxLatency(load.samples)).toBeLessThan(10_000);
    expect(load.samples.some((sample) => sample.at > restartedAt && sample.outcome === 201)).toBe(
      true,
    );
    expect(load.abandoned).toBe(0);
    const password = readFileSync(path.join(dataDir, '.postgres-password'), 'utf8').trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${restarted!.port}/pai`;
    expect(await checkStored(url, marker, load.acknowledged)).toEqual(NOTHING_WRONG);
  }, 240_000);
});
