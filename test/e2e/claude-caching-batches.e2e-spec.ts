import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AiOrchestrator } from '../../src/ai/ai-orchestrator.service.js';
import { ReanalysisBatchService } from '../../src/intelligence/reanalysis-batch.service.js';
import { ReanalysisService } from '../../src/intelligence/reanalysis.service.js';
import { ThoughtAnalysisWorker } from '../../src/intelligence/thought-analysis.worker.js';
import { anthropic, systemText, type AnthropicFake } from '../fakes/anthropic-fake.js';
import type { RecordedRequest } from '../fakes/fake-server.js';
import { aiFakesSuite } from '../support/ai-fakes-suite.js';
import { contextFor, thoughtOf } from '../support/ai-test-env.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import type { TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const METRICS_TOKEN = 'metrics-token-for-the-claude-e2e-0123456789';

interface CacheLedgerRow {
  thought_id: string | null;
  outcome: string;
  error_class: string | null;
  batch: boolean;
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cost_usd: number;
  cost_saved_usd: number;
}

function cacheLedger(testApp: TestApp, userId: string): Promise<CacheLedgerRow[]> {
  return testApp.app.get(DataSource).query(
    `SELECT thought_id, outcome, error_class, batch, input_tokens, cache_creation_input_tokens, cache_read_input_tokens,
            cost_usd::float8 AS cost_usd, cost_saved_usd::float8 AS cost_saved_usd
       FROM ai_analysis_results WHERE user_id = $1 AND backend = 'claude' ORDER BY created_at, id`,
    [userId],
  );
}

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

const messagesCalls = (fake: AnthropicFake) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');

describe('Claude prompt caching and Message Batches (through the SDK, against the fake)', () => {
  const fakes = aiFakesSuite();

  async function start(
    extra: Record<string, string> = {},
  ): Promise<{ app: TestApp; user: CreatedUser }> {
    const app = await fakes.startApp({ METRICS_TOKEN, ...extra });
    return { app, user: await createUser(app) };
  }

  describe('prompt caching', () => {
    it('puts instructions, profile and sorted vocabulary in cache_control system blocks, identical for two thoughts', async () => {
      const { app, user } = await start();
      fakes.claude.promptCache.minCacheableTokens = 1;
      const orchestrator = app.app.get(AiOrchestrator);
      const context = { ...contextFor(user.userId), existingTags: ['work', 'family', 'health'] };
      await orchestrator.analyzeThought(thoughtOf('Plan the website relaunch sprint'), context);
      // The vocabulary ranked differently (usage counts moved) and the clock moved on: same prefix.
      await orchestrator.analyzeThought(thoughtOf('Call the dentist on Friday'), {
        ...context,
        existingTags: ['health', 'work', 'family'],
        now: new Date(Date.now() + 60_000),
      });

      const [first, second] = messagesCalls(fakes.claude);
      const system = first.body.system as { type: string; text: string; cache_control?: unknown }[];
      expect(Array.isArray(system)).toBe(true);
      expect(system.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
      expect(system.at(-1)?.text).toContain('existing_tags: ["family","health","work"]');
      expect(system.at(-1)?.text).toContain('Website relaunch');
      expect(JSON.stringify(second.body.system)).toBe(JSON.stringify(first.body.system));
      expect(JSON.stringify(second.body.tools)).toBe(JSON.stringify(first.body.tools));
      // The variable part is after the prefix, and only there.
      const userText = (request: RecordedRequest) => JSON.stringify(request.body.messages);
      expect(userText(first)).toContain('Plan the website relaunch sprint');
      expect(userText(second)).toContain('Call the dentist on Friday');
      expect(systemText(first)).not.toContain('Plan the website');
      expect(systemText(first)).not.toMatch(/today: \d{4}/);
    });

    it('records a cache write, then cache reads, their cost and a positive net saving, in the ledger, usage and metrics', async () => {
      const { app, user } = await start();
      fakes.claude.promptCache.minCacheableTokens = 1;
      const orchestrator = app.app.get(AiOrchestrator);
      for (const content of ['first thought', 'second thought', 'third thought'])
        await orchestrator.analyzeThought(thoughtOf(content), contextFor(user.userId));

      const rows = await cacheLedger(app, user.userId);
      expect(rows).toHaveLength(3);
      const prefix = rows[0].cache_creation_input_tokens;
      expect(prefix).toBeGreaterThan(100);
      expect(
        rows.map((row) => [row.cache_creation_input_tokens, row.cache_read_input_tokens]),
      ).toEqual([
        [prefix, 0],
        [0, prefix],
        [0, prefix],
      ]);
      // claude-sonnet-4-6: $3 in, $15 out per million; writes 1.25x, reads 0.1x the input price.
      const round6 = (usd: number) => Math.round(usd * 1e6) / 1e6;
      expect(rows[0].cost_usd).toBeCloseTo(round6((1200 * 3 + prefix * 3.75 + 300 * 15) / 1e6), 6);
      expect(rows[0].cost_saved_usd).toBeCloseTo(-round6((prefix * 0.75) / 1e6), 6);
      expect(rows[1].cost_usd).toBeCloseTo(round6((1200 * 3 + prefix * 0.3 + 300 * 15) / 1e6), 6);
      expect(rows[1].cost_saved_usd).toBeCloseTo(round6((prefix * 2.7) / 1e6), 6);
      expect(rows.every((row) => row.batch === false)).toBe(true);

      const usage = await app.http().get('/api/v1/ai/usage?days=1').set(bearer(user.key));
      expect(usage.status).toBe(200);
      expect(usage.body.totals).toMatchObject({
        requests: 3,
        cache_creation_input_tokens: prefix,
        cache_read_input_tokens: 2 * prefix,
        batch_requests: 0,
      });
      expect(usage.body.totals.cost_saved_usd).toBeCloseTo(
        round6(rows.reduce((sum, row) => sum + row.cost_saved_usd, 0)),
        6,
      );
      expect(usage.body.totals.cost_saved_usd).toBeGreaterThan(0);

      const metrics = await app
        .http()
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(
        sample(metrics.text, 'pai_ai_tokens_total', { backend: 'claude', direction: 'cache_read' }),
      ).toBeGreaterThanOrEqual(2 * prefix);
      expect(
        sample(metrics.text, 'pai_ai_cost_saved_usd_total', { backend: 'claude', via: 'cache' }),
      ).toBeGreaterThan(0);
    });

    it('reports no cache tokens when the prefix is below the minimum cacheable length, as the API does', async () => {
      const { app, user } = await start();
      fakes.claude.promptCache.minCacheableTokens = 100_000;
      await app.app.get(AiOrchestrator).analyzeThought(thoughtOf('short'), contextFor(user.userId));
      expect(await cacheLedger(app, user.userId)).toEqual([
        expect.objectContaining({
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cost_saved_usd: 0,
        }),
      ]);
    });
  });

  describe('Message Batches for bulk re-analysis', () => {
    // The tests poll their thoughts every 100 ms; the default 100 requests a minute would answer
    // a slow machine's polls with 429 long before the analysis is done.
    const BATCH_ENV = {
      CLAUDE_BATCH_MIN: '3',
      CLAUDE_BATCH_POLL_MIN_SECONDS: '0',
      RATE_LIMIT_PER_MINUTE: '100000',
    };

    /** Captures the thoughts, starts a re-analysis and runs its selection: the batch row it made. */
    async function reanalyse(
      app: TestApp,
      user: CreatedUser,
      contents: string[],
    ): Promise<{ thoughtIds: string[]; operationId: string; batchId: string | null }> {
      const thoughtIds: string[] = [];
      for (const content of contents)
        thoughtIds.push((await captureThought(app, user.key, content)).id);
      const operation = await app
        .http()
        .post('/api/v1/thoughts/reanalyze')
        .set(bearer(user.key))
        .send({});
      expect(operation.status).toBe(202);
      await app.app.get(ReanalysisService).selectChunk(operation.body.id);
      const [row] = await app.app
        .get(DataSource)
        .query(`SELECT id FROM claude_batches WHERE user_id = $1`, [user.userId]);
      return { thoughtIds, operationId: operation.body.id, batchId: row?.id ?? null };
    }

    async function runBatch(app: TestApp, batchId: string): Promise<string[]> {
      const steps: string[] = [];
      for (let i = 0; i < 10 && steps.at(-1) !== 'done'; i++)
        steps.push(await app.app.get(ReanalysisBatchService).step(batchId));
      return steps;
    }

    const statusOf = async (app: TestApp, user: CreatedUser, id: string) =>
      (await app.http().get(`/api/v1/thoughts/${id}`).set(bearer(user.key))).body;

    it('sends a re-analysis above CLAUDE_BATCH_MIN as one batch, applies every result and marks the ledger batch', async () => {
      const { app, user } = await start(BATCH_ENV);
      // No cache in play, so the saving is the batch discount alone.
      fakes.claude.promptCache.minCacheableTokens = Number.POSITIVE_INFINITY;
      const { thoughtIds, operationId, batchId } = await reanalyse(app, user, [
        'idea one',
        'idea two',
        'idea three',
        'idea four',
      ]);
      expect(batchId).not.toBeNull();

      expect(await runBatch(app, batchId!)).toEqual(['submitted', 'processing', 'done']);
      expect(fakes.claude.batches.created).toHaveLength(1);
      const sent = fakes.claude.batches.created[0].requests;
      expect(sent.map((r) => r.custom_id).sort()).toEqual([...thoughtIds].sort());
      // The same request a single analysis sends, cache breakpoint included.
      expect(
        (sent[0].params.system as { cache_control?: unknown }[]).at(-1)?.cache_control,
      ).toEqual({ type: 'ephemeral' });
      expect(messagesCalls(fakes.claude)).toHaveLength(0);

      for (const id of thoughtIds)
        expect(await statusOf(app, user, id)).toMatchObject({
          analysis_status: 'done',
          ai_tags: expect.arrayContaining(['work', 'planning']),
        });
      const rows = await cacheLedger(app, user.userId);
      expect(rows).toHaveLength(4);
      expect(rows.every((row) => row.batch && row.outcome === 'success')).toBe(true);
      // Half price: what it saved equals what it cost.
      expect(rows[0].cost_saved_usd).toBeCloseTo(rows[0].cost_usd, 6);
      const operation = await app
        .http()
        .get(`/api/v1/operations/${operationId}`)
        .set(bearer(user.key));
      expect(operation.body).toMatchObject({ state: 'completed', total: 4, done: 4, failed: 0 });
      const usage = await app.http().get('/api/v1/ai/usage?days=1').set(bearer(user.key));
      expect(usage.body.totals).toMatchObject({ requests: 4, batch_requests: 4 });
      const history = await app
        .http()
        .get(`/api/v1/thoughts/${thoughtIds[0]}/analyses`)
        .set(bearer(user.key));
      expect(history.body.items).toEqual([
        expect.objectContaining({
          backend: 'claude',
          outcome: 'success',
          batch: true,
          cost_saved_usd: expect.any(Number),
        }),
      ]);
    });

    it('runs the whole batch through the queue workers: selection, submit, polls, results, operation completed', async () => {
      const { app, user } = await start({ ...BATCH_ENV, WORKERS_ENABLED: 'true' });
      const thoughtIds: string[] = [];
      for (const content of ['worked one', 'worked two', 'worked three', 'worked four'])
        thoughtIds.push((await captureThought(app, user.key, content)).id);
      // Captures are analysed singly first; the re-analysis after them is the bulk work.
      for (const id of thoughtIds)
        await waitFor(
          () => statusOf(app, user, id),
          (thought) => thought.analysis_status === 'done',
          { what: 'the capture analysis', timeoutMs: 60_000 },
        );
      const singleCalls = messagesCalls(fakes.claude).length;
      const operation = await app
        .http()
        .post('/api/v1/thoughts/reanalyze')
        .set(bearer(user.key))
        .send({});
      expect(operation.status).toBe(202);
      const finished = await waitFor(
        async () =>
          (await app.http().get(`/api/v1/operations/${operation.body.id}`).set(bearer(user.key)))
            .body,
        (body) => body.state !== 'running',
        { what: 'the batched re-analysis', timeoutMs: 60_000 },
      );
      expect(finished).toMatchObject({ state: 'completed', total: 4, done: 4, failed: 0 });
      expect(fakes.claude.batches.created).toHaveLength(1);
      expect(messagesCalls(fakes.claude)).toHaveLength(singleCalls);
      expect(
        (await cacheLedger(app, user.userId)).filter(
          (row) => row.batch && row.outcome === 'success',
        ),
      ).toHaveLength(4);
    }, 180_000);

    it('keeps a re-analysis at or below CLAUDE_BATCH_MIN on the one-job-per-thought path', async () => {
      const { app, user } = await start(BATCH_ENV);
      const { batchId, operationId } = await reanalyse(app, user, [
        'only one',
        'only two',
        'only three',
      ]);
      expect(batchId).toBeNull();
      const jobs = await app.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'analyze-thought-bulk' AND data->>'operationId' = $1`,
          [operationId],
        );
      expect(jobs[0].n).toBe(3);
    });

    it('falls back to a single analysis for an errored or expired item, and for an unusable answer', async () => {
      const { app, user } = await start(BATCH_ENV);
      const contents = ['keep me', 'error me', 'expire me', 'garble me'];
      const thoughtIds: string[] = [];
      for (const content of contents)
        thoughtIds.push((await captureThought(app, user.key, content)).id);
      fakes.claude.batches.itemOutcome = (customId) =>
        customId === thoughtIds[1]
          ? anthropic.overloaded()
          : customId === thoughtIds[2]
            ? { kind: 'expired' }
            : customId === thoughtIds[3]
              ? anthropic.text('no tool call')
              : undefined;
      const operation = await app
        .http()
        .post('/api/v1/thoughts/reanalyze')
        .set(bearer(user.key))
        .send({});
      await app.app.get(ReanalysisService).selectChunk(operation.body.id);
      const [{ id: batchId }] = await app.app
        .get(DataSource)
        .query(`SELECT id FROM claude_batches WHERE user_id = $1`, [user.userId]);
      expect((await runBatch(app, batchId)).at(-1)).toBe('done');

      expect(await statusOf(app, user, thoughtIds[0])).toMatchObject({ analysis_status: 'done' });
      const fallback: {
        id: string;
        data: { thoughtId: string; reason: string; operationId: string };
      }[] = await app.app
        .get(DataSource)
        .query(
          `SELECT id, data FROM pgboss.job WHERE name = 'analyze-thought-bulk' AND data->>'operationId' = $1 ORDER BY data->>'thoughtId'`,
          [operation.body.id],
        );
      expect(fallback.map((job) => job.data.thoughtId).sort()).toEqual(thoughtIds.slice(1).sort());

      // The single path (what the bulk worker runs) finishes them through the Messages API.
      const worker = app.app.get(ThoughtAnalysisWorker);
      for (const job of fallback)
        await worker.handle({ id: job.id, data: job.data as never, retryCount: 0, retryLimit: 3 });
      expect(messagesCalls(fakes.claude)).toHaveLength(3);
      for (const id of thoughtIds)
        expect(await statusOf(app, user, id)).toMatchObject({ analysis_status: 'done' });

      const rows = await cacheLedger(app, user.userId);
      const batchRows = rows
        .filter((row) => row.batch)
        .map((row) => `${row.outcome}:${row.error_class ?? '-'}`)
        .sort();
      expect(batchRows).toEqual([
        'error:batch_errored',
        'error:batch_expired',
        'invalid_output:invalid_output',
        'success:-',
      ]);
      expect(rows.filter((row) => !row.batch).map((row) => row.outcome)).toEqual([
        'success',
        'success',
        'success',
      ]);
      const finished = await app
        .http()
        .get(`/api/v1/operations/${operation.body.id}`)
        .set(bearer(user.key));
      expect(finished.body).toMatchObject({ state: 'completed', done: 4, failed: 0 });
    });

    it('resumes polling the stored batch after a restart, never submitting it twice', async () => {
      const started = await start(BATCH_ENV);
      const user = started.user;
      let app = started.app;
      fakes.claude.batches.endsAfterPolls = Number.POSITIVE_INFINITY;
      const { thoughtIds, batchId } = await reanalyse(app, user, [
        'restart one',
        'restart two',
        'restart three',
        'restart four',
      ]);
      const batches = () => app.app.get(ReanalysisBatchService);
      expect(await batches().step(batchId!)).toBe('submitted');
      expect(await batches().step(batchId!)).toBe('processing');
      const [stored] = await app.app
        .get(DataSource)
        .query(`SELECT anthropic_batch_id, state, polls FROM claude_batches WHERE id = $1`, [
          batchId,
        ]);
      expect(stored).toMatchObject({
        anthropic_batch_id: fakes.claude.batches.created[0].id,
        state: 'processing',
        polls: 1,
      });
      // The next poll waits in the durable queue.
      const queued = await app.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'claude-batch' AND data->>'batchId' = $1 AND state = 'created'`,
          [batchId],
        );
      expect(queued[0].n).toBeGreaterThanOrEqual(1);

      await app.close();
      app = await fakes.startApp(BATCH_ENV);
      fakes.claude.batches.endAll();
      expect(await runBatch(app, batchId!)).toEqual(['done']);
      expect(fakes.claude.batches.created).toHaveLength(1);
      expect(
        fakes.claude.requests.filter(
          (r) => r.method === 'POST' && r.path === '/v1/messages/batches',
        ),
      ).toHaveLength(1);
      for (const id of thoughtIds)
        expect(await statusOf(app, user, id)).toMatchObject({ analysis_status: 'done' });
      // Run once more (a duplicate job): nothing is applied twice.
      expect(await runBatch(app, batchId!)).toEqual(['done']);
      expect((await cacheLedger(app, user.userId)).filter((row) => row.batch)).toHaveLength(4);
    });
  });
});
