import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bearer, createUser, type CreatedUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { ServerProcess, WORKER_ENTRY } from '../support/server-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * `npm run worker` processes (the built dist/src/worker.js) sharing one queue: a real
 * kill -9 mid-job, and two workers splitting a backlog. The API runs in-process without
 * workers, on a database of its own.
 */
describe('separate worker processes', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let testApp: TestApp;
  let db: pg.Client;
  let user: CreatedUser;
  let workDir: string;
  const workers: ServerProcess[] = [];
  const workerEnv = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: scratch.url,
    AI_BACKEND: 'mock',
    LOG_LEVEL: 'info',
    SCHEDULER_ENABLED: 'false',
    ANALYSIS_JOB_EXPIRE_SECONDS: '3',
    ANALYSIS_RETRY_DELAY_SECONDS: '1',
    QUEUE_SUPERVISE_INTERVAL_SECONDS: '1',
    ...extra,
  });
  const startWorker = (extra: Record<string, string> = {}) => {
    const worker = new ServerProcess(0, workerEnv(extra), workDir, WORKER_ENTRY);
    worker.start();
    workers.push(worker);
    return worker;
  };
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    workDir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'workers-'));
    testApp = await startTestApp({
      databaseUrl: scratch.url,
      env: {
        WORKERS_ENABLED: 'false',
        RATE_LIMIT_PER_MINUTE: '100000',
        ANALYSIS_JOB_EXPIRE_SECONDS: '3',
        ANALYSIS_RETRY_DELAY_SECONDS: '1',
      },
    });
    db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    user = await createUser(testApp);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop('SIGTERM')));
  });

  afterAll(async () => {
    await db.end();
    await testApp.close();
    await scratch.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('retries the job of a worker killed mid-job (kill -9) and finishes it exactly once', async () => {
    const slow = startWorker({ MOCK_AI_DELAY_MS: '60000' });
    await waitFor(
      async () => slow.output,
      (out) => out.includes('analysis worker'),
      { what: 'the slow worker to start' },
    );
    const thought = (
      await testApp
        .http()
        .post('/api/v1/thoughts')
        .set(bearer(user.key))
        .send({ content: 'Killed mid-job #resilience' })
    ).body;
    await waitFor(
      () =>
        count(
          `SELECT count(*) AS n FROM pgboss.job WHERE singleton_key = $1 AND state = 'active'`,
          [thought.id],
        ),
      (n) => n === 1,
      { what: 'the slow worker to take the job' },
    );
    expect(await slow.stop('SIGKILL')).toBe('SIGKILL');

    startWorker();
    const done = await waitFor(
      async () =>
        (await testApp.http().get(`/api/v1/thoughts/${thought.id}`).set(bearer(user.key))).body,
      (t) => t.analysis_status === 'done',
      { timeoutMs: 30_000, what: 'the retried analysis' },
    );
    expect(done.ai_tags).toEqual(['resilience']);
    // The job is completed just after the handler wrote the analysis.
    const job = await waitFor(
      async () =>
        (
          await db.query(`SELECT state, retry_count FROM pgboss.job WHERE singleton_key = $1`, [
            thought.id,
          ])
        ).rows,
      (rows) => rows[0]?.state !== 'active',
      { what: 'the job to complete' },
    );
    expect(job).toEqual([{ state: 'completed', retry_count: 1 }]);
    expect(
      await count(
        `SELECT count(*) AS n FROM ai_analysis_results WHERE thought_id = $1 AND outcome = 'success'`,
        [thought.id],
      ),
    ).toBe(1);
  });

  it('lets two worker processes share 500 queued jobs, each done exactly once', async () => {
    const bulk = await createUser(testApp, 'Bulk');
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          testApp
            .http()
            .post('/api/v1/thoughts')
            .set(bearer(bulk.key))
            .send({ content: `Queued thought ${batch * 50 + i} #bulk` })
            .expect(201),
        ),
      );
    }
    expect(
      await count(
        `SELECT count(*) AS n FROM thoughts WHERE user_id = $1 AND analysis_status = 'pending'`,
        [bulk.userId],
      ),
    ).toBe(500);
    const first = startWorker({ WORKER_CONCURRENCY: '4' });
    const second = startWorker({ WORKER_CONCURRENCY: '4' });
    await waitFor(
      () =>
        count(
          `SELECT count(*) AS n FROM thoughts WHERE user_id = $1 AND analysis_status = 'done'`,
          [bulk.userId],
        ),
      (n) => n === 500,
      { timeoutMs: 120_000, intervalMs: 500, what: '500 analyses' },
    );
    const perThought = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ai_analysis_results WHERE user_id = $1 AND outcome = 'success' GROUP BY thought_id`,
      [bulk.userId],
    );
    expect(perThought.rows).toHaveLength(500);
    expect(perThought.rows.every((row) => row.n === '1')).toBe(true);
    const finishedBy = (worker: ServerProcess) =>
      (worker.output.match(/"msg":"analysis finished"/g) ?? []).length;
    // A worker logs "analysis finished" after the analysis is committed: the last lines can
    // still be in the pipe when the database already shows 500.
    const logged = await waitFor(
      async () => finishedBy(first) + finishedBy(second),
      (n) => n >= 500,
      { timeoutMs: 10_000, intervalMs: 100, what: '500 "analysis finished" log lines' },
    );
    expect(logged).toBe(500);
    expect(finishedBy(first)).toBeGreaterThan(0);
    expect(finishedBy(second)).toBeGreaterThan(0);
  }, 180_000);
});
