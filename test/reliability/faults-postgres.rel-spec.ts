import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, type ServerProcess } from '../support/server-process.js';
import { checkStored, errorsByStatus, maxLatency } from './support/capture-load.js';
import {
  ADMIN_KEY,
  captureLoad,
  HealthWatch,
  LOAD,
  loadFigures,
  NOTHING_WRONG,
  startServer,
  untilElapsed,
  workDir,
} from './support/fault-run.js';
import { recordFigures, recordSkip } from './support/figures.js';
import {
  clusterWorkDir,
  createLoneCluster,
  missingPostgresPrograms,
  type PrivateCluster,
} from './support/private-postgres.js';

const SECTION = 'faults: PostgreSQL stopped 5 s';
const OUTAGE_MS = 5_000;
const unavailable = missingPostgresPrograms();

/**
 * PostgreSQL (a private cluster: never the machine's) stopped for 5 s under capture load:
 * the server answers 503 quickly, never holds a request past 10 s, recovers by itself, and
 * every acknowledged capture is stored exactly once.
 */
describe('PostgreSQL stopped under capture load', () => {
  let databaseDir: { dir: string; remove: () => void } | undefined;
  let database: PrivateCluster;
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    if (unavailable) return;
    dir = workDir('faults-pg-');
    databaseDir = clusterWorkDir('pai-faults-pg-');
    database = await createLoneCluster(databaseDir.dir, await freePort());
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.stop('immediate').catch(() => undefined);
    databaseDir?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 quickly while it is down, recovers by itself and loses nothing acknowledged', async () => {
    if (unavailable) return recordSkip(SECTION, unavailable);
    server = await startServer({ DATABASE_URL: database.url, AI_BACKEND: 'mock' }, dir);
    const marker = `pgstop-${Date.now()}`;
    const load = captureLoad(server, marker);
    const running = load.run();
    const health = new HealthWatch(server, () => load.elapsed()).start();

    await untilElapsed(load, LOAD.faultAtMs);
    const stoppedAt = load.elapsed();
    await database.stop();
    // What a client sees while the database is down: the contract's error shape, and when to retry.
    const during = await fetch(`${server.baseUrl}/api/v1/thoughts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'while the database is down' }),
      signal: AbortSignal.timeout(10_000),
    });
    const duringBody = (await during.json()) as Record<string, unknown>;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, OUTAGE_MS - (load.elapsed() - stoppedAt))),
    );
    await database.start();
    const startedAt = load.elapsed();
    await running;
    await health.stop();

    const healthyAt = health.firstHealthyAfter(startedAt);
    const figures = {
      ...loadFigures(load, stoppedAt, startedAt + 2_000),
      outage_ms: startedAt - stoppedAt,
      recovery_ms: healthyAt === undefined ? null : healthyAt - startedAt,
    };
    recordFigures(SECTION, figures);

    expect({
      status: during.status,
      retryAfter: during.headers.get('retry-after'),
      body: duringBody,
    }).toEqual({
      status: 503,
      retryAfter: expect.stringMatching(/^\d+$/),
      body: {
        status_code: 503,
        error: 'Service Unavailable',
        message: expect.stringContaining('database'),
        request_id: expect.any(String),
      },
    });
    expect(health.unhealthySeen(stoppedAt, startedAt)).toBe(true);
    expect(healthyAt).toBeDefined();
    const errors = errorsByStatus(load.samples);
    expect(errors['503']).toBeGreaterThan(0);
    // 503 (and a refused connection at worst) is what an outage may look like; a 500 is a bug.
    expect(Object.keys(errors).filter((status) => !['503', 'network'].includes(status))).toEqual(
      [],
    );
    expect(maxLatency(load.samples)).toBeLessThan(10_000);
    // Captures succeed again after the restart, by themselves.
    expect(load.samples.some((sample) => sample.at > startedAt && sample.outcome === 201)).toBe(
      true,
    );
    expect(load.abandoned).toBe(0);
    expect(await checkStored(database.url, marker, load.acknowledged)).toEqual(NOTHING_WRONG);
  }, 240_000);
});
