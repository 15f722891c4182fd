import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anthropic, type AnthropicFake, startAnthropicFake } from '../fakes/anthropic-fake.js';
import { type OllamaFake, startOllamaFake } from '../fakes/ollama-fake.js';
import { FAKE_ANTHROPIC_KEY } from '../support/ai-test-env.js';
import { openEventStream, within } from '../support/event-stream-client.js';
import { TEST_ADMIN_KEY } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { call, Cluster, createUserOn, redisAvailable } from './support/cluster.js';
import { RESULTS_DIR, recordFigures, recordSkip, SHORT } from './support/figures.js';

const SECTION = 'several instances';
const RATE_LIMIT = 100;
const AI_RPM = 12;
const BREAKER_THRESHOLD = 2;
const THOUGHTS = SHORT ? 24 : 60;
const COOLDOWN_MS = 4_000;

/**
 * Issue 18, "several instances, one system": three API processes and two `npm run worker`
 * processes on one PostgreSQL database and one Redis. Each test talks to the instances in
 * turn and checks that the installation behaves as one: shared limits, shared AI budget and
 * breakers, revocation everywhere at once, events from any instance, scheduled work once.
 */
describe('several instances, one system', () => {
  let ready = false;
  let cluster: Cluster;
  let claude: AnthropicFake;
  let ollama: OllamaFake;
  let aiStartedAt = 0;
  let restoreClaude = () => {};
  const figures: Record<string, number | string | boolean> = {};

  beforeAll(async () => {
    if (!(await redisAvailable()))
      return recordSkip(SECTION, 'no Redis at 127.0.0.1:6379 (or TEST_REDIS_URL)');
    [claude, ollama] = await Promise.all([startAnthropicFake(), startOllamaFake()]);
    cluster = new Cluster({
      apis: 3,
      workers: 2,
      env: {
        AI_BACKEND: 'claude',
        ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY,
        ANTHROPIC_BASE_URL: claude.url,
        OLLAMA_BASE_URL: ollama.url,
        AI_TIMEOUT_MS: '2000',
        OLLAMA_TIMEOUT_MS: '2000',
        AI_CALL_BUDGET_MS: '6000',
        AI_MAX_RETRIES: '0',
        AI_CIRCUIT_FAILURE_THRESHOLD: String(BREAKER_THRESHOLD),
        AI_CIRCUIT_COOLDOWN_MS: String(COOLDOWN_MS),
        AI_REQUESTS_PER_MINUTE: String(AI_RPM),
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        // Every process fires every schedule, often: only the claims keep the work single.
        SCHEDULER_ENABLED: 'true',
        CONSCIOUSNESS_CRON: '*/3 * * * * *',
        BACKUP_CRON: '*/10 * * * * *',
        RETENTION_CRON: '*/10 * * * * *',
      },
    });
    const started = Date.now();
    await cluster.start();
    figures.cluster_start_ms = Date.now() - started;
    ready = true;
  }, 240_000);

  afterAll(async () => {
    if (ready) recordFigures(SECTION, { api_instances: 3, worker_processes: 2, ...figures });
    await cluster?.stop(path.join(RESULTS_DIR, 'logs', 'instances'));
    await Promise.all([claude?.close(), ollama?.close()]);
  }, 120_000);

  const api = (i: number) => cluster.apis[i % cluster.apis.length]!;
  const analysed = (ids: string[]) =>
    waitFor(
      () =>
        cluster.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM thoughts WHERE id = ANY($1) AND analysis_status <> 'pending'`,
          [ids],
        ),
      (rows) => rows[0]!.n === ids.length,
      { timeoutMs: 90_000, intervalMs: 250, what: `${ids.length} thoughts analysed` },
    );

  it('opens an AI backend for every process once the failures seen by any reach the threshold', async () => {
    if (!ready) return;
    aiStartedAt = Date.now();
    const answer = claude.defaultStep;
    claude.defaultStep = () => anthropic.serverError();
    restoreClaude = () => (claude.defaultStep = answer);
    const user = await createUserOn(api(0));
    const ids: string[] = [];
    for (let i = 0; i < BREAKER_THRESHOLD; i++) {
      ids.push(
        (
          await call(api(i), 'POST', '/api/v1/thoughts', user.key, {
            content: `Breaker thought ${i}: call the plumber`,
          })
        ).body.id,
      );
    }
    await analysed(ids);
    // An instance that never called Claude reports the circuit the workers opened.
    const status = await call(api(2), 'GET', '/api/v1/ai/status', user.key);
    expect(status.status).toBe(200);
    const seen = status.body.backends.find((b: { name: string }) => b.name === 'claude');
    // The scheduler's checks may have met the failing Claude as well: at least the threshold.
    expect(seen).toMatchObject({ last_error_class: 'server_error' });
    expect(seen.consecutive_failures).toBeGreaterThanOrEqual(BREAKER_THRESHOLD);
    expect(['open', 'half_open']).toContain(seen.circuit_state);
    figures.breaker_claude_calls_to_open = claude.requests.length;
    // After the cool-down one probe (from any process) finds Claude well again.
    restoreClaude();
    await waitFor(
      async () =>
        (await call(api(1), 'GET', '/api/v1/ai/status', user.key)).body.backends.find(
          (b: { name: string }) => b.name === 'claude',
        ).circuit_state,
      (state) => state === 'half_open',
      { timeoutMs: COOLDOWN_MS * 3, intervalMs: 500, what: 'the cool-down to pass' },
    );
  });

  it('keeps AI_REQUESTS_PER_MINUTE for the whole installation and analyses every thought exactly once', async () => {
    if (!ready) return;
    restoreClaude();
    const user = await createUserOn(api(1));
    const captured = await Promise.all(
      Array.from({ length: THOUGHTS }, (_, i) =>
        call(api(i), 'POST', '/api/v1/thoughts', user.key, {
          content: `Budget thought ${i}: draft the report for Ann`,
        }),
      ),
    );
    expect(captured.map((r) => r.status)).toEqual(captured.map(() => 201));
    const ids = captured.map((r) => r.body.id as string);
    await analysed(ids);
    const elapsedMinutes = (Date.now() - aiStartedAt) / 60_000;
    const ledger = await cluster.query<{ row: string; n: number }>(
      `SELECT operation || '/' || backend || '/' || outcome || '/' || coalesce(error_class, '-') AS row, count(*)::int AS n FROM ai_analysis_results GROUP BY 1 ORDER BY 1`,
    );
    figures.ai_ledger = ledger.map((r) => `${r.row}=${r.n}`).join(' ');
    // Ollama is off with AI_BACKEND=claude: the chain is Claude, then the local backend.
    expect(ollama.requests).toHaveLength(0);
    const remoteCalls = claude.requests.length;
    // A full bucket plus its refill over the run; per process it would be 2 workers × that.
    const allowed = AI_RPM + Math.ceil(AI_RPM * elapsedMinutes);
    expect(remoteCalls).toBeLessThanOrEqual(allowed);
    const perThought = await cluster.query<{ thought_id: string; n: number }>(
      `SELECT t.id AS thought_id, count(r.id)::int AS n FROM thoughts t
       LEFT JOIN ai_analysis_results r ON r.thought_id = t.id AND r.operation = 'analyze_thought' AND r.outcome = 'success'
       WHERE t.id = ANY($1) GROUP BY t.id`,
      [ids],
    );
    expect(perThought.filter((row) => row.n !== 1)).toEqual([]);
    const budgetSkips = await cluster.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ai_analysis_results WHERE error_class = 'rate_budget'`,
    );
    expect(budgetSkips[0]!.n).toBeGreaterThan(0);
    Object.assign(figures, {
      ai_rpm_limit: AI_RPM,
      ai_remote_calls: remoteCalls,
      ai_remote_calls_allowed: allowed,
      ai_budget_fallbacks_to_local: budgetSkips[0]!.n,
      thoughts_analysed_exactly_once: `${perThought.filter((row) => row.n === 1).length}/${ids.length}`,
    });
  });

  it("holds a key's rate limit in total across instances", async () => {
    if (!ready) return;
    const user = await createUserOn(api(2));
    const statuses: number[] = [];
    const total = RATE_LIMIT * 3;
    let next = 0;
    await Promise.all(
      Array.from({ length: 9 }, async () => {
        while (next < total) {
          const i = next++;
          statuses.push((await call(api(i), 'GET', '/api/v1/thoughts?limit=1', user.key)).status);
        }
      }),
    );
    const allowed = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(allowed).toBe(RATE_LIMIT);
    Object.assign(figures, {
      rate_limit_per_minute: RATE_LIMIT,
      rate_limit_requests_sent: total,
      rate_limit_allowed_total: allowed,
    });
  });

  it('refuses a key revoked on one instance on the others at once', async () => {
    if (!ready) return;
    const user = await createUserOn(api(0));
    // Warm every instance's verified-key cache first: the revocation must reach those caches.
    for (const i of [1, 2])
      expect((await call(api(i), 'GET', '/api/v1/me', user.key)).status).toBe(200);
    const revoked = await call(
      api(0),
      'DELETE',
      `/api/v1/admin/api-keys/${user.keyId}`,
      TEST_ADMIN_KEY,
    );
    expect(revoked.status).toBeLessThan(300);
    const answeredAt = Date.now();
    const refusedAfter = await Promise.all(
      [1, 2].map(async (i) => {
        await waitFor(
          () => call(api(i), 'GET', '/api/v1/me', user.key),
          (r) => r.status === 401,
          { timeoutMs: 5_000, intervalMs: 10, what: `instance ${i} refusing the revoked key` },
        );
        return Date.now() - answeredAt;
      }),
    );
    expect(Math.max(...refusedAfter)).toBeLessThan(1_000);
    figures.revocation_refused_elsewhere_ms = Math.max(...refusedAfter);
  });

  it('refuses a key rotated on one instance on the others at once, and takes the new one everywhere', async () => {
    if (!ready) return;
    const user = await createUserOn(api(1));
    for (const i of [0, 2])
      expect((await call(api(i), 'GET', '/api/v1/me', user.key)).status).toBe(200);
    const rotated = await call(
      api(1),
      'POST',
      `/api/v1/admin/api-keys/${user.keyId}/rotate`,
      TEST_ADMIN_KEY,
      {},
    );
    expect(rotated.status).toBeLessThan(300);
    const answeredAt = Date.now();
    const refusedAfter = await Promise.all(
      [0, 2].map(async (i) => {
        await waitFor(
          () => call(api(i), 'GET', '/api/v1/me', user.key),
          (r) => r.status === 401,
          { timeoutMs: 5_000, intervalMs: 10, what: `instance ${i} refusing the rotated key` },
        );
        return Date.now() - answeredAt;
      }),
    );
    expect(Math.max(...refusedAfter)).toBeLessThan(1_000);
    for (const i of [0, 1, 2])
      expect((await call(api(i), 'GET', '/api/v1/me', rotated.body.key)).status).toBe(200);
    figures.rotation_refused_elsewhere_ms = Math.max(...refusedAfter);
  });

  it('delivers events to a dashboard connected to any instance', async () => {
    if (!ready) return;
    const user = await createUserOn(api(0));
    const stream = await openEventStream({ baseUrl: api(1).baseUrl } as never, user.key);
    expect(stream.status).toBe(200);
    try {
      const started = Date.now();
      // Captured on A, analysed by a worker process, heard on B.
      const thought = await call(api(0), 'POST', '/api/v1/thoughts', user.key, {
        content: 'Event thought: book the venue for the offsite',
      });
      expect(thought.status).toBe(201);
      await within(
        (async () => {
          while (!(
            stream.received().includes('thought.analyzed') &&
            stream.received().includes(thought.body.id)
          ))
            await new Promise((r) => setTimeout(r, 50));
        })(),
        60_000,
        'thought.analyzed on the other instance',
      );
      figures.event_capture_on_a_to_stream_on_b_ms = Date.now() - started;
    } finally {
      stream.abort();
    }
  });

  it('runs each scheduled consciousness check, backup and retention pass exactly once', async () => {
    if (!ready) return;
    // Wait for the work itself (every process fires each schedule at the same second).
    await waitFor(
      () =>
        cluster.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM backup_runs WHERE trigger = 'scheduled' AND state = 'done'`,
        ),
      (rows) => rows[0]!.n >= 1,
      { timeoutMs: 120_000, intervalMs: 500, what: 'a scheduled backup' },
    );
    await waitFor(
      () =>
        cluster.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM scheduled_runs WHERE job = 'retention' AND finished_at IS NOT NULL`,
        ),
      (rows) => rows[0]!.n >= 1,
      { timeoutMs: 60_000, intervalMs: 500, what: 'a retention pass' },
    );
    // Users with thoughts and no check yet are due at once (the default interval is 60 minutes).
    const users = await cluster.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM thoughts`);
    const checks = await waitFor(
      () =>
        cluster.query<{ user_id: string; n: number }>(
          `SELECT user_id, count(*)::int AS n FROM scheduled_analyses WHERE trigger = 'scheduled' AND state <> 'running' GROUP BY user_id`,
        ),
      (rows) => rows.length >= users.length,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'a scheduled check for every user with thoughts',
      },
    );
    const slotsPerUser = await cluster.query<{ user_id: string; n: number }>(
      `SELECT user_id, count(DISTINCT slot_key)::int AS n FROM scheduled_analyses WHERE trigger = 'scheduled' GROUP BY user_id`,
    );
    const slots = new Map(slotsPerUser.map((row) => [row.user_id, row.n]));
    expect(checks.filter((row) => row.n !== slots.get(row.user_id))).toEqual([]);
    // The AI was asked once per check, not once per instance that fired.
    const checkCalls = await cluster.query<{ user_id: string; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM ai_analysis_results WHERE operation = 'consciousness_check' AND outcome = 'success' GROUP BY user_id`,
    );
    const done = await cluster.query<{ user_id: string; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM scheduled_analyses WHERE state = 'done' AND new_thought_count > 0 GROUP BY user_id`,
    );
    expect(new Map(checkCalls.map((row) => [row.user_id, row.n]))).toEqual(
      new Map(done.map((row) => [row.user_id, row.n])),
    );

    const backups = await cluster.query<{ slot_key: string }>(
      `SELECT slot_key FROM backup_runs WHERE trigger = 'scheduled'`,
    );
    expect(new Set(backups.map((b) => b.slot_key)).size).toBe(backups.length);
    // Only the claimer wrote a snapshot: finished snapshots on disk, and "backup written" lines
    // across all processes, are exactly the runs recorded (once any running one is done).
    const written = await waitFor(
      async () => {
        const rows = await cluster.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM backup_runs WHERE file_name IS NOT NULL`,
        );
        const files = readdirSync(cluster.backupDir).filter((name) =>
          name.endsWith('.pai.gz'),
        ).length;
        const logged = cluster.outputs.reduce(
          (sum, output) => sum + (output.match(/"msg":"backup written"/g)?.length ?? 0),
          0,
        );
        return { rows: rows[0]!.n, files, logged };
      },
      (seen) => seen.rows === seen.files && seen.rows === seen.logged,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'backup files and logs matching the recorded runs',
      },
    );
    const retention = await cluster.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM scheduled_runs WHERE job = 'retention'`,
    );
    const retentionLogged = cluster.outputs.reduce(
      (sum, output) => sum + (output.match(/"msg":"retention run"/g)?.length ?? 0),
      0,
    );
    expect(retentionLogged).toBe(
      await cluster
        .query<{ n: number }>(
          `SELECT count(*)::int AS n FROM scheduled_runs WHERE job = 'retention' AND finished_at IS NOT NULL`,
        )
        .then((r) => r[0]!.n),
    );
    Object.assign(figures, {
      scheduled_checks: checks.reduce((sum, row) => sum + row.n, 0),
      scheduled_check_users: checks.length,
      scheduled_backups: backups.length,
      backup_files_written: written.files,
      retention_passes: retention[0]!.n,
      retention_passes_logged: retentionLogged,
    });
  }, 180_000);
});
