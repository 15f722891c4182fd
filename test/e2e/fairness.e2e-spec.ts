import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { AiBackend } from '../../src/ai/ai.types.js';
import { AI_BACKENDS } from '../../src/ai/ai.tokens.js';
import type { MockBackend } from '../../src/ai/backends/mock.backend.js';
import { ThoughtAnalysisWorker } from '../../src/intelligence/thought-analysis.worker.js';
import { ReanalysisService } from '../../src/intelligence/reanalysis.service.js';
import type { AnalyzeThoughtJob } from '../../src/jobs/analysis-jobs.js';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import {
  ANALYZE_THOUGHT_BULK_QUEUE,
  ANALYZE_THOUGHT_QUEUE,
  REANALYSIS_SELECT_QUEUE,
} from '../../src/jobs/queues.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const CHUNK = 5;

/** Bulk work (re-analysis) in the background and in a queue of its own, behind fresh captures. */
describe('fairness: bulk re-analysis', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let testApp: TestApp;
  let mock: MockBackend;
  let db: pg.Client;

  const api = (who: CreatedUser) => ({
    get: (path: string) => testApp.http().get(path).set(bearer(who.key)),
    post: (path: string, body: object = {}) =>
      testApp.http().post(path).set(bearer(who.key)).send(body),
  });
  const operation = async (who: CreatedUser, id: string) =>
    (await api(who).get(`/api/v1/operations/${id}`)).body;
  const finished = (who: CreatedUser, id: string, timeoutMs = 30_000) =>
    waitFor(
      () => operation(who, id),
      (op) => op.state !== 'running',
      { timeoutMs, what: `operation ${id}` },
    );
  const analysed = (who: CreatedUser, id: string) =>
    waitFor(
      async () => (await api(who).get(`/api/v1/thoughts/${id}`)).body,
      (t) => t.analysis_status !== 'pending',
      { what: `analysis of ${id}` },
    );

  /** Thoughts written straight into the table (the API would take minutes for this many). */
  const seed = async (who: CreatedUser, count: number) => {
    await db.query(
      `INSERT INTO thoughts (user_id, content, analysis_status, created_at)
       SELECT $1, 'Seeded thought number ' || g || ' about the garden #seed', 'done', now() - (g || ' seconds')::interval
       FROM generate_series(1, $2) g`,
      [who.userId, count],
    );
  };
  const jobsOf = async (queue: string, operationId: string) =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND data->>'operationId' = $2`,
          [queue, operationId],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    testApp = await startTestApp({
      databaseUrl: scratch.url,
      env: {
        WORKERS_ENABLED: 'true',
        WORKER_CONCURRENCY: '2',
        BULK_WORKER_CONCURRENCY: '3',
        BULK_JOBS_PER_USER: '1',
        REANALYSIS_CHUNK_SIZE: String(CHUNK),
        AI_BACKEND: 'mock',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    mock = testApp.app
      .get<AiBackend[]>(AI_BACKENDS)
      .find((backend) => backend.name === 'mock') as MockBackend;
    db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
  });

  afterAll(async () => {
    mock?.script(null);
    await db?.end();
    await testApp?.close();
    await scratch?.drop();
  });

  it('answers 202 at once, then selects in chunks and queues on the bulk queue until the operation completes', async () => {
    const user = await createUser(testApp);
    await seed(user, 12);
    const response = await api(user).post('/api/v1/thoughts/reanalyze', {
      since: '2000-01-01T00:00:00Z',
    });
    expect(response.status).toBe(202);
    // Nothing was selected inside the request: the answer only names the operation to follow.
    expect(response.body).toMatchObject({
      kind: 'reanalyze',
      state: 'running',
      selecting: true,
      total: 0,
      done: 0,
    });
    const done = await finished(user, response.body.id);
    expect(done).toMatchObject({
      state: 'completed',
      selecting: false,
      total: 12,
      done: 12,
      failed: 0,
      finished_at: expect.any(String),
    });
    // 12 thoughts in chunks of 5: three selection jobs, and every analysis went to the bulk queue.
    expect(await jobsOf(REANALYSIS_SELECT_QUEUE, response.body.id)).toBe(3);
    expect(await jobsOf(ANALYZE_THOUGHT_BULK_QUEUE, response.body.id)).toBe(12);
    expect(await jobsOf(ANALYZE_THOUGHT_QUEUE, response.body.id)).toBe(0);
  });

  it("caps one user's running bulk jobs, and fresh captures of another user are analysed while the bulk work is held", async () => {
    const bulkUser = await createUser(testApp);
    const otherBulkUser = await createUser(testApp);
    const capturer = await createUser(testApp);
    await seed(bulkUser, 6);
    await seed(otherBulkUser, 2);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    mock.script(async (call) => {
      if (call.operation !== 'analyze_thought') return null;
      if (call.context.userId === capturer.userId)
        return {
          tags: [{ tag: 'fresh', confidence: 0.9 }],
          thought_type: 'note',
          is_actionable: false,
          tasks: [],
          summary: 'fresh',
        };
      const user = call.context.userId;
      running.set(user, (running.get(user) ?? 0) + 1);
      peak.set(user, Math.max(peak.get(user) ?? 0, running.get(user)!));
      try {
        await gate;
      } finally {
        running.set(user, running.get(user)! - 1);
      }
      return { tags: [], thought_type: 'note', is_actionable: false, tasks: [], summary: 'bulk' };
    });
    try {
      const bulk = (await api(bulkUser).post('/api/v1/thoughts/reanalyze', {})).body;
      const otherBulk = (await api(otherBulkUser).post('/api/v1/thoughts/reanalyze', {})).body;
      // Three bulk workers, at most one job per user: each bulk user has exactly one job held open.
      await waitFor(
        async () => [running.get(bulkUser.userId) ?? 0, running.get(otherBulkUser.userId) ?? 0],
        ([a, b]) => a === 1 && b === 1,
        {
          what: 'one held bulk job per user',
        },
      );
      // The capture queue has workers of its own: another user's thought does not wait for the held bulk work.
      const fresh = await captureThought(
        testApp,
        capturer.key,
        'Captured while someone re-analyses #fresh',
      );
      expect(await analysed(capturer, fresh.id)).toMatchObject({
        analysis_status: 'done',
        ai_tags: ['fresh'],
      });
      expect(peak.get(bulkUser.userId)).toBe(1);
      release();
      expect(await finished(bulkUser, bulk.id)).toMatchObject({
        state: 'completed',
        total: 6,
        done: 6,
      });
      expect(await finished(otherBulkUser, otherBulk.id)).toMatchObject({
        state: 'completed',
        total: 2,
        done: 2,
      });
      expect(peak.get(bulkUser.userId)).toBe(1);
      expect(peak.get(otherBulkUser.userId)).toBe(1);
    } finally {
      release();
      mock.script(null);
    }
  });

  it('runs on-demand checks single-flight per user: a second request gets the running check', async () => {
    const user = await createUser(testApp);
    const other = await createUser(testApp);
    await captureThought(testApp, user.key, 'Something to look back on');
    await captureThought(testApp, other.key, 'Something else to look back on');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const checks: string[] = [];
    mock.script(async (call) => {
      if (call.operation !== 'consciousness_check') return null;
      checks.push(call.input.userId);
      if (call.input.userId === user.userId) await gate;
      return { summary: 'One check', patterns: [], insights: [], suggestions: [] };
    });
    try {
      const first = api(user)
        .post('/api/v1/consciousness-check')
        .then((response) => response);
      await waitFor(
        async () => checks.length,
        (n) => n === 1,
        { what: 'the first check to reach the backend' },
      );
      const second = api(user)
        .post('/api/v1/consciousness-check')
        .then((response) => response);
      // Another user's check is not held behind this user's.
      expect((await api(other).post('/api/v1/consciousness-check')).status).toBe(201);
      release();
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.id).toBe(a.body.id);
      expect(checks.filter((id) => id === user.userId)).toHaveLength(1);
      // Once it has finished, the next request runs a check of its own.
      const later = await api(user).post('/api/v1/consciousness-check');
      expect(later.status).toBe(201);
      expect(later.body.id).not.toBe(a.body.id);
    } finally {
      release();
      mock.script(null);
    }
  });

  it("selects only the requesting user's thoughts that match the filter", async () => {
    const user = await createUser(testApp);
    const stranger = await createUser(testApp);
    await seed(user, 3);
    await seed(stranger, 4);
    const response = await api(user).post('/api/v1/thoughts/reanalyze', {
      analysis_status: ['done'],
    });
    const done = await finished(user, response.body.id);
    expect(done).toMatchObject({ state: 'completed', total: 3, done: 3 });
    const strangers = await db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'userId' = $1`,
      [stranger.userId],
    );
    expect(strangers.rows[0].n).toBe(0);
  });
});

describe('fairness: a re-analysis interrupted mid-selection', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const env = {
    AI_BACKEND: 'mock',
    REANALYSIS_CHUNK_SIZE: String(CHUNK),
    RATE_LIMIT_PER_MINUTE: '100000',
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('never looks complete before its selection ends, and resumes from its cursor in another process', async () => {
    // The first process runs one chunk and the analyses it queued, then stops (no workers of its own).
    const first = await startTestApp({
      databaseUrl: scratch.url,
      env: { ...env, WORKERS_ENABLED: 'false' },
    });
    let user: CreatedUser;
    let operationId: string;
    const get = (app: TestApp, path: string) => app.http().get(path).set(bearer(user.key));
    try {
      user = await createUser(first);
      const db = new pg.Client({ connectionString: scratch.url });
      await db.connect();
      await db.query(
        `INSERT INTO thoughts (user_id, content, analysis_status, created_at)
         SELECT $1, 'Interrupted thought ' || g, 'done', now() - (g || ' seconds')::interval FROM generate_series(1, 12) g`,
        [user.userId],
      );
      await db.end();
      operationId = (
        await first.http().post('/api/v1/thoughts/reanalyze').set(bearer(user.key)).send({})
      ).body.id;
      await first.app.get(ReanalysisService).selectChunk(operationId);
      const boss = first.app.get(JobQueue).instance;
      const jobs = await boss.fetch<AnalyzeThoughtJob>(ANALYZE_THOUGHT_BULK_QUEUE, {
        batchSize: 10,
        includeMetadata: true,
      });
      expect(jobs).toHaveLength(CHUNK);
      for (const job of jobs) {
        await first.app.get(ThoughtAnalysisWorker).handle(job);
        await boss.complete(ANALYZE_THOUGHT_BULK_QUEUE, job.id);
      }
      // Every item queued so far is done, but more are still to be selected: not complete.
      expect((await get(first, `/api/v1/operations/${operationId}`)).body).toMatchObject({
        state: 'running',
        selecting: true,
        total: CHUNK,
        done: CHUNK,
        finished_at: null,
      });
    } finally {
      await first.close();
    }
    // A process with workers picks the next chunk's job up and finishes the selection from where it stood.
    const second = await startTestApp({
      databaseUrl: scratch.url,
      env: { ...env, WORKERS_ENABLED: 'true' },
    });
    try {
      const done = await waitFor(
        async () => (await get(second, `/api/v1/operations/${operationId}`)).body,
        (op) => op.state !== 'running',
        { timeoutMs: 30_000, what: 'the resumed re-analysis' },
      );
      expect(done).toMatchObject({
        state: 'completed',
        selecting: false,
        total: 12,
        done: 12,
        failed: 0,
      });
      const ledger = await second
        .http()
        .get('/api/v1/thoughts')
        .set(bearer(user!.key))
        .query({ limit: 100 });
      expect(
        ledger.body.items.every((t: { analysis_status: string }) => t.analysis_status === 'done'),
      ).toBe(true);
    } finally {
      await second.close();
    }
  });
});

describe('fairness: the local backend off the event loop', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let testApp: TestApp;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    testApp = await startTestApp({
      databaseUrl: scratch.url,
      env: { AI_BACKEND: 'local', LOCAL_AI_THREADS: '1', RATE_LIMIT_PER_MINUTE: '100000' },
    });
  });
  afterAll(async () => {
    await testApp?.close();
    await scratch?.drop();
  });

  it('keeps serving other requests while a check over many long thoughts runs', async () => {
    const user = await createUser(testApp);
    const other = await createUser(testApp);
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    // 500 new thoughts of ~2,000 characters (the most a check reads as new) plus 1,000 older ones for trends.
    await db.query(
      `INSERT INTO thoughts (user_id, content, analysis_status, created_at)
       SELECT $1, left(repeat('Call the plumber about the garden tap tomorrow, then finish the quarterly report for Anna. ', 25) || g, 2000),
              'done', now() - (g || ' seconds')::interval
       FROM generate_series(1, 1500) g`,
      [user.userId],
    );
    await db.end();
    // The app runs in this process: the longest gap between timer ticks is how long its event loop was blocked.
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const latencies: number[] = [];
    let checking = true;
    try {
      const started = performance.now();
      const check = testApp
        .http()
        .post('/api/v1/consciousness-check')
        .set(bearer(user.key))
        .then((response) => {
          checking = false;
          return response;
        });
      while (checking) {
        const sent = performance.now();
        expect(
          (await testApp.http().get('/api/v1/thoughts').set(bearer(other.key)).query({ limit: 5 }))
            .status,
        ).toBe(200);
        latencies.push(performance.now() - sent);
      }
      const response = await check;
      const tookMs = performance.now() - started;
      expect(response.status).toBe(201);
      expect(response.body.new_thought_count).toBe(500);
      // The check costs far more CPU than the longest stall: it ran elsewhere.
      latencies.sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          tookMs: Math.round(tookMs),
          longestGap: Math.round(longestGap),
          requests: latencies.length,
          max: Math.round(latencies.at(-1)!),
        }),
      );
      expect(tookMs).toBeGreaterThan(500);
      expect(longestGap).toBeLessThan(tookMs / 3);
      expect(latencies.length).toBeGreaterThan(5);
    } finally {
      clearInterval(ticker);
    }
  });
});
