import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-0123456789';

/** The value of the first sample whose name and labels match, or undefined. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      return Number(line.split(' ').pop());
  }
  return undefined;
}

describe('GET /metrics', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: TestApp;
  let user: CreatedUser;

  beforeAll(async () => {
    database = await createScratchDatabase();
    app = await startTestApp({
      databaseUrl: database.url,
      env: {
        METRICS_TOKEN,
        WORKERS_ENABLED: 'true',
        AI_BACKEND: 'mock',
        QUEUE_SUPERVISE_INTERVAL_SECONDS: '1',
      },
    });
    user = await createUser(app, 'Measured');
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('shows every family after traffic: HTTP, AI, queue, jobs, checks, pool, backup age', async () => {
    const thought = await captureThought(app, user.key, 'call the plumber about the leak tomorrow');
    await waitFor(
      async () =>
        (await app.http().get(`/api/v1/thoughts/${thought.id}`).set(bearer(user.key))).body
          .analysis_status,
      (status) => status === 'done',
      { what: 'the analysis' },
    );
    expect(
      (await app.http().post('/api/v1/consciousness-check').set(bearer(user.key)).send({})).status,
    ).toBeLessThan(300);
    expect((await app.http().get('/api/v1/nowhere').set(bearer(user.key))).status).toBe(404);

    const response = await app
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.text;

    expect(
      sample(text, 'pai_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/thoughts',
        status: '201',
      }),
    ).toBe(1);
    // An unknown path is counted under its catch-all template, never under its own URL (bounded series).
    expect(
      sample(text, 'pai_http_request_duration_seconds_count', { method: 'GET', status: '404' }),
    ).toBe(1);
    expect(text).not.toContain('/api/v1/nowhere');
    expect(
      sample(text, 'pai_http_request_duration_seconds_bucket', {
        route: '/api/v1/thoughts/:id',
        le: '+Inf',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'pai_ai_calls_total', { backend: 'mock', outcome: 'success' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'pai_ai_tokens_total', { backend: 'mock', direction: 'input' }),
    ).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'pai_ai_cost_usd_total', { backend: 'mock' })).toBeGreaterThanOrEqual(0);
    expect(
      sample(text, 'pai_ai_call_duration_seconds_count', { backend: 'mock', outcome: 'success' }),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'pai_jobs_total', { queue: 'analyze-thought', outcome: 'completed' })).toBe(
      1,
    );
    expect(
      sample(text, 'pai_queue_jobs', { queue: 'analyze-thought', state: 'queued' }),
    ).toBeGreaterThanOrEqual(0);
    expect(
      sample(text, 'pai_consciousness_checks_total', { trigger: 'manual', outcome: 'done' }),
    ).toBe(1);
    expect(sample(text, 'pai_db_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'pai_db_pool_connections', { state: 'waiting' })).toBe(0);
    // No backup has passed a drill on this database yet (prom-client writes NaN as "Nan", which Prometheus parses).
    expect(text).toMatch(/^pai_backup_last_good_age_seconds Nan$/m);
  });

  it('wants its own token: none, a wrong one or an API key is 401', async () => {
    expect((await app.http().get('/metrics')).status).toBe(401);
    expect(
      (await app.http().get('/metrics').set('Authorization', 'Bearer not-the-metrics-token-at-all'))
        .status,
    ).toBe(401);
    const withApiKey = await app.http().get('/metrics').set(bearer(TEST_ADMIN_KEY));
    expect(withApiKey.status).toBe(401);
    expect(withApiKey.body).toMatchObject({ status_code: 401 });
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  it('does not exist', async () => {
    const app = await startTestApp({ env: { METRICS_TOKEN: undefined } });
    try {
      const response = await app
        .http()
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ status_code: 404 });
    } finally {
      await app.close();
    }
  });
});
