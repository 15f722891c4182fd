import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { AiBackend } from '../../src/ai/ai.types.js';
import { AI_BACKENDS } from '../../src/ai/ai.tokens.js';
import type { MockBackend } from '../../src/ai/backends/mock.backend.js';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import { ANALYZE_THOUGHT_QUEUE } from '../../src/jobs/queues.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The analysis pipeline in-process: real queue (pg-boss) and workers on a database of its
 * own (no other test's backlog), the mock AI backend scripted per test.
 */
describe('thought analysis pipeline', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let testApp: TestApp;
  let mock: MockBackend;
  let user: CreatedUser;

  const api = (who: CreatedUser = user) => ({
    get: (path: string, query: Record<string, unknown> = {}) =>
      testApp.http().get(path).set(bearer(who.key)).query(query),
    post: (path: string, body: object = {}) =>
      testApp.http().post(path).set(bearer(who.key)).send(body),
    patch: (path: string, body: object) =>
      testApp.http().patch(path).set(bearer(who.key)).send(body),
  });
  const thought = async (id: string, who: CreatedUser = user) =>
    (await api(who).get(`/api/v1/thoughts/${id}`)).body;
  const analysed = (id: string, who: CreatedUser = user, timeoutMs = 15_000) =>
    waitFor(
      () => thought(id, who),
      (t) => t.analysis_status !== 'pending',
      { timeoutMs, what: `analysis of ${id}` },
    );

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    testApp = await startTestApp({
      databaseUrl: scratch.url,
      env: {
        WORKERS_ENABLED: 'true',
        WORKER_CONCURRENCY: '2',
        AI_BACKEND: 'mock',
        ANALYSIS_RETRY_LIMIT: '2',
        ANALYSIS_RETRY_DELAY_SECONDS: '1',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    mock = testApp.app
      .get<AiBackend[]>(AI_BACKENDS)
      .find((backend) => backend.name === 'mock') as MockBackend;
    user = await createUser(testApp);
  });

  afterAll(async () => {
    mock?.script(null);
    await testApp.close();
    await scratch.drop();
  });

  it('returns the capture before analysis finishes; the analysis then lands: tags, type, suggestion, links', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    mock.script(async (call) => {
      if (call.operation !== 'analyze_thought') return null;
      seen.push(call.thought.id);
      await gate;
      return {
        tags: [
          { tag: 'family', confidence: 0.9 },
          { tag: 'taxes', confidence: 0.8 },
        ],
        thought_type: 'task',
        is_actionable: true,
        tasks: [
          {
            title: 'Call mom about the tax forms',
            priority: 'high',
            due_date: '2026-03-05',
            due_time: '17:00',
            due_text: 'tomorrow at 5pm',
            confidence: 0.8,
            evidence: 'call mom tomorrow at 5pm',
          },
        ],
        summary: 'Call mom about taxes',
      };
    });
    try {
      const started = Date.now();
      const response = await api().post('/api/v1/thoughts', {
        content: 'Call mom tomorrow at 5pm about the tax forms',
        tags: ['family'],
      });
      expect(response.status).toBe(201);
      expect(response.body.analysis_status).toBe('pending');
      // The worker holds the analysis open: the capture did not wait for it.
      await waitFor(async () => seen.includes(response.body.id), Boolean, {
        what: 'the worker to pick the job',
      });
      expect((await thought(response.body.id)).analysis_status).toBe('pending');
      expect(Date.now() - started).toBeLessThan(10_000);
      release();
      const done = await analysed(response.body.id);
      expect(done).toMatchObject({
        analysis_status: 'done',
        tags: ['family'],
        ai_tags: ['taxes'],
        thought_type: 'task',
        is_actionable: true,
      });
      expect(done.analyzed_at).toEqual(expect.any(String));
      const suggestions = await api().get('/api/v1/task-suggestions', {
        source_thought_id: response.body.id,
      });
      expect(suggestions.body.items).toEqual([
        expect.objectContaining({
          title: 'Call mom about the tax forms',
          backend: 'mock',
          model: 'mock',
          evidence: 'call mom tomorrow at 5pm',
          confidence: 0.8,
        }),
      ]);
      const history = await api().get(`/api/v1/thoughts/${response.body.id}/analyses`);
      expect(history.body.items).toEqual([
        expect.objectContaining({
          operation: 'analyze_thought',
          backend: 'mock',
          outcome: 'success',
        }),
      ]);
    } finally {
      release();
      mock.script(null);
    }
  });

  it('follows the settings: auto-tagging off keeps AI tags out, suggestion mode off/suggest/auto', async () => {
    const fresh = await createUser(testApp);
    const as = api(fresh);

    expect(
      (
        await as.patch('/api/v1/settings', {
          auto_tagging_enabled: false,
          task_suggestion_mode: 'off',
        })
      ).status,
    ).toBe(200);
    const skipped = (await as.post('/api/v1/thoughts', { content: 'todo: water plants #garden' }))
      .body;
    expect((await analysed(skipped.id, fresh)).analysis_status).toBe('skipped');
    // Near-duplicates are flagged even when the AI part of the analysis is off.
    const again = (await as.post('/api/v1/thoughts', { content: 'TODO: water plants! #garden' }))
      .body;
    expect(await analysed(again.id, fresh)).toMatchObject({
      analysis_status: 'skipped',
      duplicate_of_id: skipped.id,
    });

    expect((await as.patch('/api/v1/settings', { task_suggestion_mode: 'suggest' })).status).toBe(
      200,
    );
    const untagged = await analysed(
      (await as.post('/api/v1/thoughts', { content: 'todo: buy soil #garden' })).body.id,
      fresh,
    );
    expect(untagged).toMatchObject({ analysis_status: 'done', ai_tags: [], thought_type: 'task' });
    expect(
      (await as.get('/api/v1/task-suggestions', { source_thought_id: untagged.id })).body.items,
    ).toHaveLength(1);

    expect(
      (
        await as.patch('/api/v1/settings', {
          auto_tagging_enabled: true,
          task_suggestion_mode: 'off',
        })
      ).status,
    ).toBe(200);
    const noSuggestion = await analysed(
      (await as.post('/api/v1/thoughts', { content: 'todo: rake leaves #garden' })).body.id,
      fresh,
    );
    expect(noSuggestion.ai_tags).toEqual(['garden']);
    expect(
      (
        await as.get('/api/v1/task-suggestions', {
          source_thought_id: noSuggestion.id,
          status: 'all',
        })
      ).body.items,
    ).toEqual([]);

    expect(
      (
        await as.patch('/api/v1/settings', {
          task_suggestion_mode: 'auto',
          auto_task_confidence_threshold: 0.85,
        })
      ).status,
    ).toBe(200);
    const auto = await analysed(
      (await as.post('/api/v1/thoughts', { content: 'todo: fix the fence #garden' })).body.id,
      fresh,
    );
    const tasks = await as.get('/api/v1/tasks', { source_thought_id: auto.id });
    expect(tasks.body.items.map((task: { title: string }) => task.title)).toEqual([
      'fix the fence #garden',
    ]);
    expect(
      (await as.get('/api/v1/task-suggestions', { source_thought_id: auto.id, status: 'accepted' }))
        .body.items,
    ).toHaveLength(1);
  });

  it('keeps thoughts through an AI outage: retries, marks the hopeless one failed, and re-analysis completes it', async () => {
    let outage = true;
    mock.script((call) => {
      if (outage) throw new Error('backend down');
      return call.operation === 'analyze_thought'
        ? {
            tags: [{ tag: 'recovered', confidence: 0.9 }],
            thought_type: 'note',
            is_actionable: false,
            tasks: [],
            summary: 'ok',
          }
        : null;
    });
    try {
      const doomed = (
        await api().post('/api/v1/thoughts', { content: 'Written during the outage' })
      ).body;
      // Three attempts (1 + ANALYSIS_RETRY_LIMIT=2) with backoff, then it is marked failed.
      const failed = await analysed(doomed.id, user, 30_000);
      expect(failed.analysis_status).toBe('failed');
      const attempts = (await api().get(`/api/v1/thoughts/${doomed.id}/analyses`)).body.items;
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.every((row: { outcome: string }) => row.outcome === 'error')).toBe(true);
      expect((await thought(doomed.id)).content).toBe('Written during the outage');

      // A thought caught mid-outage recovers on a retry once the backend is back.
      const caught = (
        await api().post('/api/v1/thoughts', { content: 'Caught by the outage, saved by a retry' })
      ).body;
      await waitFor(
        () => api().get(`/api/v1/thoughts/${caught.id}/analyses`),
        (r) => r.body.items.length >= 1,
        { what: 'a failed attempt' },
      );
      expect((await thought(caught.id)).analysis_status).toBe('pending');
      outage = false;
      expect(await analysed(caught.id, user, 30_000)).toMatchObject({
        analysis_status: 'done',
        ai_tags: ['recovered'],
      });

      // The failed one comes back through a tracked bulk re-analysis.
      const operation = await api().post('/api/v1/thoughts/reanalyze', {
        analysis_status: ['failed'],
      });
      expect(operation.status).toBe(202);
      expect(operation.body).toMatchObject({
        kind: 'reanalyze',
        state: 'running',
        selecting: true,
      });
      const finished = await waitFor(
        async () => (await api().get(`/api/v1/operations/${operation.body.id}`)).body,
        (op) => op.state !== 'running',
        { what: 'the re-analysis operation' },
      );
      expect(finished).toMatchObject({
        state: 'completed',
        total: 1,
        done: 1,
        failed: 0,
        finished_at: expect.any(String),
      });
      expect(await thought(doomed.id)).toMatchObject({
        analysis_status: 'done',
        ai_tags: ['recovered'],
      });
    } finally {
      mock.script(null);
    }
  });

  it('re-analyses a larger set with progress to completion', async () => {
    const bulkUser = await createUser(testApp);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await captureThought(testApp, bulkUser.key, `Bulk thought ${i} #bulk`)).id);
    await Promise.all(ids.map((id) => analysed(id, bulkUser)));
    const operation = await api(bulkUser).post('/api/v1/thoughts/reanalyze', {
      since: '2000-01-01T00:00:00Z',
    });
    expect(operation.status).toBe(202);
    const progress: number[] = [];
    const finished = await waitFor(
      async () => {
        const op = (await api(bulkUser).get(`/api/v1/operations/${operation.body.id}`)).body;
        progress.push(op.done);
        return op;
      },
      (op) => op.state !== 'running',
      { intervalMs: 20, what: 'bulk re-analysis' },
    );
    expect(finished).toMatchObject({
      state: 'completed',
      selecting: false,
      total: 12,
      done: 12,
      failed: 0,
    });
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect((await api().get(`/api/v1/operations/${operation.body.id}`)).status).toBe(404);
  });

  it('analyze is 202 and queued once while it waits; its history is listed; near-duplicates are flagged', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = await captureThought(
      testApp,
      user.key,
      'Remember to renew the passport before the trip in June',
    );
    await analysed(original.id);
    mock.script(async () => {
      await gate;
      return { tags: [], thought_type: 'note', is_actionable: false, tasks: [], summary: 'x' };
    });
    try {
      const busy = await captureThought(testApp, user.key, 'A thought that keeps the workers busy');
      const busy2 = await captureThought(
        testApp,
        user.key,
        'Another thought that keeps the workers busy',
      );
      await waitFor(
        async () =>
          mock.calls.filter(
            (c) => c.operation === 'analyze_thought' && [busy.id, busy2.id].includes(c.thought.id),
          ).length,
        (n) => n === 2,
        {
          what: 'both workers busy',
        },
      );
      const first = await api().post(`/api/v1/thoughts/${original.id}/analyze`);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({
        thought_id: original.id,
        queued: true,
        analysis_status: 'pending',
      });
      const second = await api().post(`/api/v1/thoughts/${original.id}/analyze`);
      expect(second.body.queued).toBe(false);
    } finally {
      release();
      mock.script(null);
    }
    await waitFor(
      () => api().get(`/api/v1/thoughts/${original.id}/analyses`),
      (r) => r.body.items.length === 2,
      { what: 'the second analysis' },
    );

    // The flag comes with the analysis, never in the capture request (issue #13).
    const duplicate = await captureThought(
      testApp,
      user.key,
      'Remember to renew the passport before the trip in June!',
    );
    expect(duplicate.duplicate_of_id).toBeNull();
    expect((await analysed(duplicate.id)).duplicate_of_id).toBe(original.id);
    const retyped = await captureThought(
      testApp,
      user.key,
      'Remember to renew the pasport before the trip in June',
    );
    expect((await analysed(retyped.id)).duplicate_of_id).not.toBeNull();
    const different = await captureThought(testApp, user.key, 'Plan the garden beds for spring');
    expect((await analysed(different.id)).duplicate_of_id).toBeNull();

    const stranger = await createUser(testApp);
    expect((await api(stranger).post(`/api/v1/thoughts/${original.id}/analyze`)).status).toBe(404);
    expect((await api(stranger).get(`/api/v1/thoughts/${original.id}/analyses`)).status).toBe(404);
  });

  it('stores a thought only together with its analysis job (one transaction)', async () => {
    const victim = await createUser(testApp);
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      // The queue refuses this user's jobs: the thought must not be stored without one.
      await db.query(`
        CREATE FUNCTION refuse_job() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.data->>'userId' = '${victim.userId}' THEN RAISE EXCEPTION 'queue unavailable'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_job BEFORE INSERT ON pgboss.job_common FOR EACH ROW EXECUTE FUNCTION refuse_job();`);
      try {
        const refused = await testApp
          .http()
          .post('/api/v1/thoughts')
          .set(bearer(victim.key))
          .send({ content: 'Lost with its job?' });
        expect(refused.status).toBe(500);
        expect(refused.body).toMatchObject({ status_code: 500, request_id: expect.any(String) });
      } finally {
        await db.query('DROP TRIGGER refuse_job ON pgboss.job_common; DROP FUNCTION refuse_job()');
      }
      expect((await api(victim).get('/api/v1/thoughts')).body.items).toEqual([]);

      // Once the queue takes jobs again, the thought and its job are stored and analysed.
      const stored = await captureThought(testApp, victim.key, 'Stored with its job #together');
      const jobs = await db.query(
        `SELECT data FROM pgboss.job WHERE name = 'analyze-thought' AND singleton_key = $1`,
        [stored.id],
      );
      expect(jobs.rows).toEqual([
        { data: { thoughtId: stored.id, userId: victim.userId, reason: 'capture' } },
      ]);
      expect(await analysed(stored.id, victim)).toMatchObject({
        analysis_status: 'done',
        ai_tags: ['together'],
      });
    } finally {
      await db.end();
    }
  });

  it('a burst of captures is written in shared statements, and one refused capture fails alone', async () => {
    const victim = await createUser(testApp);
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      await db.query(`
        CREATE FUNCTION refuse_burst_job() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.data->>'userId' = '${victim.userId}' THEN RAISE EXCEPTION 'queue unavailable'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_burst_job BEFORE INSERT ON pgboss.job_common FOR EACH ROW EXECUTE FUNCTION refuse_burst_job();`);
      let responses: { status: number; body: { id?: string } }[];
      try {
        // Sent together: while the first statement runs, the rest wait and share the next ones.
        responses = await Promise.all([
          ...Array.from({ length: 12 }, (_, i) =>
            api().post('/api/v1/thoughts', { content: `Burst thought ${i}` }),
          ),
          api(victim).post('/api/v1/thoughts', { content: 'Refused in a burst' }),
        ]);
      } finally {
        await db.query(
          'DROP TRIGGER refuse_burst_job ON pgboss.job_common; DROP FUNCTION refuse_burst_job()',
        );
      }
      const refused = responses.pop()!;
      expect(refused.status).toBe(500);
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
      const ids = responses.map((r) => r.body.id!);
      expect(new Set(ids).size).toBe(12);
      const jobs = await db.query<{ singleton_key: string; n: string }>(
        `SELECT singleton_key, count(*) AS n FROM pgboss.job WHERE name = 'analyze-thought' AND singleton_key = ANY($1) GROUP BY 1`,
        [ids],
      );
      expect(jobs.rows.map((row) => Number(row.n))).toEqual(Array(12).fill(1));
      expect((await api(victim).get('/api/v1/thoughts')).body.items).toEqual([]);
      await Promise.all(ids.map((id) => analysed(id)));
    } finally {
      await db.end();
    }
  });

  it("writes capture's job with the same queue settings as pg-boss's own send", async () => {
    const captured = await captureThought(testApp, user.key, 'Compare my job with a sent one');
    const sentId = await testApp.app
      .get(JobQueue)
      .send(
        ANALYZE_THOUGHT_QUEUE,
        { thoughtId: captured.id, userId: user.userId, reason: 'manual' },
        { singletonKey: 'compare-sent' },
      );
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const settings = `SELECT name, priority, retry_limit, retry_delay, retry_backoff, retry_delay_max, expire_seconds,
          deletion_seconds, policy, dead_letter, heartbeat_seconds, blocked, blocking, pending_dependencies, singleton_on,
          keep_until - start_after AS retained_for, start_after - created_on AS delayed_by
        FROM pgboss.job WHERE name = '${ANALYZE_THOUGHT_QUEUE}' AND`;
      const fromCapture = (await db.query(`${settings} singleton_key = $1`, [captured.id])).rows;
      const fromSend = (await db.query(`${settings} id = $1`, [sentId])).rows;
      expect(fromCapture).toHaveLength(1);
      expect(fromCapture).toEqual(fromSend);
      expect(fromCapture[0]).toMatchObject({
        policy: 'short',
        dead_letter: 'analyze-thought-dead',
        retry_limit: 2,
      });
    } finally {
      await db.end();
    }
  });

  it('streams events to the owner over SSE with the key in a header, and 401s without it', async () => {
    expect((await testApp.http().get('/api/v1/events')).status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`${testApp.baseUrl}/api/v1/events`, {
      headers: bearer(user.key),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const other = await createUser(testApp);
    const theirs = await captureThought(testApp, other.key, 'todo: not for your stream');
    const mine = await captureThought(testApp, user.key, 'todo: email the landlord #home');
    try {
      const deadline = Date.now() + 15_000;
      while (!buffer.includes('event: suggestion.created') || !buffer.includes(`id: ${mine.id}`)) {
        if (Date.now() > deadline) throw new Error(`no events; got: ${buffer}`);
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
      }
    } finally {
      controller.abort();
    }
    const events = buffer
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => ({
        type: /event: (.+)/.exec(block)?.[1],
        data: JSON.parse(/data: (.+)/.exec(block)![1]!),
      }));
    const analysedEvent = events.find(
      (event) => event.type === 'thought.analyzed' && event.data.id === mine.id,
    );
    expect(analysedEvent?.data).toMatchObject({
      id: mine.id,
      analysis_status: 'done',
      ai_tags: ['home'],
    });
    expect(events.find((event) => event.type === 'suggestion.created')?.data).toMatchObject({
      source_thought_id: mine.id,
      title: 'email the landlord #home',
    });
    expect(buffer).not.toContain(theirs.id);
  });
});
