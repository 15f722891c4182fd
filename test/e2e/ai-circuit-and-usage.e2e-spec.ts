import { describe, expect, it } from '@jest/globals';
import { AiUnavailableError } from '../../src/ai/ai-errors.js';
import { AiOrchestrator } from '../../src/ai/ai-orchestrator.service.js';
import { AI_BACKENDS } from '../../src/ai/ai.tokens.js';
import type { AiBackend } from '../../src/ai/ai.types.js';
import { MockBackend } from '../../src/ai/backends/mock.backend.js';
import { AiLedgerService } from '../../src/ai/ledger/ai-ledger.service.js';
import { anthropic } from '../fakes/anthropic-fake.js';
import { aiFakesSuite } from '../support/ai-fakes-suite.js';
import {
  contextFor,
  controlRuntime,
  FAKE_ANTHROPIC_KEY,
  ledgerRows,
  summary,
  thoughtOf,
} from '../support/ai-test-env.js';
import { bearer, createUser } from '../support/factories.js';

/** Prompts this short are below the minimum cacheable length, and nothing here is batched. */
const NO_CACHE = { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, batch_requests: 0 };

describe('AI circuit breaker, budgets, usage and status', () => {
  const fakes = aiFakesSuite();

  /** A fresh app per test: breakers and the RPM budget live in the process. */
  async function start(extra: Record<string, string> = {}) {
    const app = await fakes.startApp(extra);
    return {
      app,
      orchestrator: app.app.get(AiOrchestrator),
      runtime: controlRuntime(app),
      user: await createUser(app),
    };
  }

  it('opens the circuit after N failures, skips Claude, and closes it after the cool-down', async () => {
    const { app, orchestrator, runtime, user } = await start({
      AI_MAX_RETRIES: '0',
      AI_CIRCUIT_FAILURE_THRESHOLD: '3',
      AI_CIRCUIT_COOLDOWN_MS: '30000',
    });
    const status = async () =>
      (await app.http().get('/api/v1/ai/status').set(bearer(user.key))).body.backends.find(
        (b: { name: string }) => b.name === 'claude',
      );
    fakes.claude.enqueue(anthropic.serverError(), anthropic.serverError(), anthropic.serverError());
    for (let i = 0; i < 3; i++)
      expect(
        (await orchestrator.analyzeThought(thoughtOf(`idea ${i}`), contextFor(user.userId)))
          .backend,
      ).toBe('ollama');
    expect(await status()).toMatchObject({
      circuit_state: 'open',
      consecutive_failures: 3,
      last_error_class: 'server_error',
      configured: true,
    });

    const skipped = await orchestrator.analyzeThought(thoughtOf('idea 4'), contextFor(user.userId));
    expect(skipped).toMatchObject({
      backend: 'ollama',
      skipped: [{ backend: 'claude', reason: 'circuit_open' }],
    });
    expect(fakes.claude.requests).toHaveLength(3);

    runtime.advance(30_000);
    expect(await status()).toMatchObject({ circuit_state: 'half_open' });
    const probed = await orchestrator.analyzeThought(thoughtOf('idea 5'), contextFor(user.userId));
    expect(probed.backend).toBe('claude');
    expect(fakes.claude.requests).toHaveLength(4);
    expect(await status()).toMatchObject({ circuit_state: 'closed', consecutive_failures: 0 });
    expect(
      summary(await ledgerRows(app, user.userId)).filter((row) => row.startsWith('claude')),
    ).toEqual([
      'claude:error:server_error',
      'claude:error:server_error',
      'claude:error:server_error',
      'claude:skipped:circuit_open',
      'claude:success:-',
    ]);
  });

  it('goes straight to local when the requests-per-minute budget is spent', async () => {
    const { orchestrator, runtime, user } = await start({ AI_REQUESTS_PER_MINUTE: '2' });
    await orchestrator.analyzeThought(thoughtOf('one'), contextFor(user.userId));
    await orchestrator.analyzeThought(thoughtOf('two'), contextFor(user.userId));
    const third = await orchestrator.analyzeThought(thoughtOf('three'), contextFor(user.userId));
    expect(third).toMatchObject({
      backend: 'local',
      skipped: [
        { backend: 'claude', reason: 'rate_budget' },
        { backend: 'ollama', reason: 'rate_budget' },
      ],
    });
    expect(fakes.claude.requests).toHaveLength(2);
    expect(fakes.ollama.requests).toHaveLength(0);
    runtime.advance(30_000);
    expect(
      (await orchestrator.analyzeThought(thoughtOf('four'), contextFor(user.userId))).backend,
    ).toBe('claude');
  });

  it('reports usage per day and backend to its owner only, and status of every backend', async () => {
    const { app, orchestrator, user } = await start();
    const other = await createUser(app);
    fakes.claude.enqueue(anthropic.overloaded());
    await orchestrator.analyzeThought(thoughtOf('first'), contextFor(user.userId));
    await orchestrator.analyzeThought(thoughtOf('second'), contextFor(user.userId));
    await orchestrator.analyzeThought(
      thoughtOf('private', { localOnly: true }),
      contextFor(user.userId),
    );

    const mine = await app.http().get('/api/v1/ai/usage?days=7').set(bearer(user.key));
    expect(mine.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(mine.body).toMatchObject({ days: 7, items: expect.any(Array), totals: { requests: 4 } });
    expect(mine.body.items).toEqual([
      // Sonnet's overload (no tokens), Haiku's answer, Sonnet's answer; the skip is not a request.
      {
        date: today,
        backend: 'claude',
        requests: 3,
        failed_requests: 1,
        input_tokens: 2400,
        output_tokens: 600,
        ...NO_CACHE,
        cost_usd: 0.0108,
        cost_saved_usd: 0,
      },
      {
        date: today,
        backend: 'ollama',
        requests: 1,
        failed_requests: 0,
        input_tokens: 800,
        output_tokens: 200,
        ...NO_CACHE,
        cost_usd: 0,
        cost_saved_usd: 0,
      },
    ]);
    const theirs = await app.http().get('/api/v1/ai/usage').set(bearer(other.key));
    expect(theirs.body).toMatchObject({
      days: 30,
      items: [],
      totals: { requests: 0, cost_usd: 0 },
    });
    expect((await app.http().get('/api/v1/ai/usage?days=0').set(bearer(user.key))).status).toBe(
      400,
    );
    expect((await app.http().get('/api/v1/ai/usage')).status).toBe(401);

    const status = await app.http().get('/api/v1/ai/status').set(bearer(other.key));
    expect(status.status).toBe(200);
    expect(status.body.mode).toBe('auto');
    expect(status.body.backends).toEqual(
      expect.arrayContaining([
        {
          name: 'claude',
          configured: true,
          circuit_state: 'closed',
          consecutive_failures: 0,
          last_error_class: 'overloaded',
          last_error_at: expect.any(String),
          model: 'claude-sonnet-4-6',
        },
        {
          name: 'ollama',
          configured: true,
          circuit_state: 'closed',
          consecutive_failures: 0,
          last_error_class: null,
          last_error_at: null,
          model: 'llama3.1',
        },
        expect.objectContaining({ name: 'local', configured: true, circuit_state: 'closed' }),
      ]),
    );
    expect(JSON.stringify(status.body)).not.toContain(FAKE_ANTHROPIC_KEY);
    const docs = await app.http().get('/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/ai/usage', '/api/v1/ai/status']),
    );
  });

  it('purges ledger rows older than 30 days (now injected)', async () => {
    const { app, orchestrator, runtime, user } = await start();
    runtime.advance(-31 * 86_400_000);
    await orchestrator.analyzeThought(thoughtOf('old'), contextFor(user.userId));
    runtime.advance(31 * 86_400_000);
    await orchestrator.analyzeThought(thoughtOf('new'), contextFor(user.userId));
    expect(await ledgerRows(app, user.userId)).toHaveLength(2);

    expect(await app.app.get(AiLedgerService).purgeExpired(new Date())).toBeGreaterThanOrEqual(1);
    const left = await ledgerRows(app, user.userId);
    expect(left).toHaveLength(1);
    expect(left[0].created_at.getTime()).toBeGreaterThan(Date.now() - 86_400_000);
  });

  it('AI_BACKEND=mock answers alone, canned or scripted, and its answers are validated too', async () => {
    const { orchestrator, user } = await start({ AI_BACKEND: 'mock' });
    const mock = fakes
      .app!.app.get<AiBackend[]>(AI_BACKENDS)
      .find((b) => b instanceof MockBackend) as MockBackend;
    const canned = await orchestrator.analyzeThought(
      thoughtOf('todo: buy #milk and #Eggs'),
      contextFor(user.userId),
      { preferred: 'claude' },
    );
    expect(canned).toMatchObject({
      backend: 'mock',
      value: {
        thoughtType: 'task',
        isActionable: true,
        tags: [{ tag: 'milk' }, { tag: 'eggs' }],
        tasks: [{ title: 'buy #milk and #Eggs' }],
      },
    });
    mock.script(() => 'just prose');
    await expect(
      orchestrator.analyzeThought(thoughtOf('anything'), contextFor(user.userId)),
    ).rejects.toThrow(AiUnavailableError);
    expect(fakes.claude.requests).toHaveLength(0);
  });
});
