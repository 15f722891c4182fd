import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AiOrchestrator } from '../../src/ai/ai-orchestrator.service.js';
import {
  anthropic,
  apiKeyOf,
  goodAnalysis,
  startAnthropicFake,
  userPrompt,
  type AnthropicFake,
} from '../fakes/anthropic-fake.js';
import { chatPrompt, ollama, startOllamaFake, type OllamaFake } from '../fakes/ollama-fake.js';
import {
  aiEnv,
  contextFor,
  controlRuntime,
  FAKE_ANTHROPIC_KEY,
  ledgerRows,
  summary,
  thoughtOf,
} from '../support/ai-test-env.js';
import { captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { findKeyMaterial, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The orchestrator with the real Anthropic SDK and the real ollama client, talking to fake
 * servers that speak the real wire formats.
 */
describe('AiOrchestrator against the fake Anthropic and Ollama servers', () => {
  let claudeFake: AnthropicFake;
  let ollamaFake: OllamaFake;
  let testApp: TestApp;
  let orchestrator: AiOrchestrator;
  let sleeps: number[];
  let user: CreatedUser;

  beforeAll(async () => {
    claudeFake = await startAnthropicFake();
    ollamaFake = await startOllamaFake();
    testApp = await startTestApp({ env: aiEnv(claudeFake, ollamaFake) });
    orchestrator = testApp.app.get(AiOrchestrator);
    ({ sleeps } = controlRuntime(testApp));
  });

  beforeEach(async () => {
    claudeFake.reset();
    ollamaFake.reset();
    sleeps.length = 0;
    // A fresh user per test: its ledger rows are this test's alone.
    user = await createUser(testApp);
  });

  afterAll(async () => {
    await testApp?.close();
    await claudeFake?.close();
    await ollamaFake?.close();
    // The failure paths did log (so this check is not vacuous), and never the key.
    expect(testApp.logs.some((line) => line.includes('AI backend call failed'))).toBe(true);
    expect(findKeyMaterial(testApp.logs, [FAKE_ANTHROPIC_KEY])).toEqual([]);
  });

  it('parses a good tool_use answer and records it with tokens and cost', async () => {
    const captured = await captureThought(
      testApp,
      user.key,
      'Call mom tomorrow at 5pm about the tax forms',
    );
    const thought = thoughtOf(captured.content, { id: captured.id });
    const task = {
      title: 'Call mom about the tax forms',
      priority: 'medium',
      due_date: '2030-01-02',
      due_time: '17:00',
      due_text: 'tomorrow at 5pm',
      confidence: 0.9,
      evidence: 'Call mom tomorrow at 5pm',
    };
    claudeFake.enqueue(
      anthropic.toolUse(goodAnalysis({ thought_type: 'task', is_actionable: true, tasks: [task] })),
    );

    const result = await orchestrator.analyzeThought(thought, contextFor(user.userId));

    expect(result).toMatchObject({
      backend: 'claude',
      model: 'claude-sonnet-4-6',
      promptVersion: 'analyze-thought@2',
      usage: { inputTokens: 1200, outputTokens: 300 },
      skipped: [],
    });
    expect(result.value).toMatchObject({
      tags: [
        { tag: 'work', confidence: 0.9 },
        { tag: 'planning', confidence: 0.7 },
      ],
      thoughtType: 'task',
      isActionable: true,
      tasks: [
        {
          title: 'Call mom about the tax forms',
          dueDate: '2030-01-02',
          dueTime: '17:00',
          evidence: 'Call mom tomorrow at 5pm',
        },
      ],
    });
    const [request] = claudeFake.requests;
    expect(apiKeyOf(request)).toBe(FAKE_ANTHROPIC_KEY);
    expect(request.body).toMatchObject({
      model: 'claude-sonnet-4-6',
      tool_choice: { type: 'tool', name: 'record_thought_analysis' },
      tools: [
        {
          name: 'record_thought_analysis',
          input_schema: {
            type: 'object',
            required: expect.arrayContaining(['tags', 'thought_type']),
          },
        },
      ],
    });
    expect(userPrompt(request)).toContain(`<thought>\n${thought.content}\n</thought>`);
    expect(userPrompt(request)).toContain('time_zone: Europe/Berlin');

    const rows = await ledgerRows(testApp, user.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      operation: 'analyze_thought',
      backend: 'claude',
      model: 'claude-sonnet-4-6',
      prompt_version: 'analyze-thought@2',
      input_tokens: 1200,
      output_tokens: 300,
      cost_usd: 0.0081,
      outcome: 'success',
      error_class: null,
      thought_id: captured.id,
    });
    expect(rows[0].result).toEqual(JSON.parse(JSON.stringify(result.value)));
  });

  it('retries an overload (529) once on the fallback model', async () => {
    claudeFake.enqueue(anthropic.overloaded());
    const result = await orchestrator.analyzeThought(
      thoughtOf('Sketch the Q3 roadmap'),
      contextFor(user.userId),
    );
    expect(result).toMatchObject({ backend: 'claude', model: 'claude-haiku-4-5' });
    expect(claudeFake.requests.map((r) => r.body.model)).toEqual([
      'claude-sonnet-4-6',
      'claude-haiku-4-5',
    ]);
    const rows = await ledgerRows(testApp, user.userId);
    expect(summary(rows)).toEqual(['claude:error:overloaded', 'claude:success:-']);
    // Priced as the model that answered: 1200 x $1 + 300 x $5 per million.
    expect(rows.find((r) => r.outcome === 'success')).toMatchObject({
      model: 'claude-haiku-4-5',
      cost_usd: 0.0027,
    });
  });

  it("honours a 429's retry-after before retrying", async () => {
    claudeFake.enqueue(anthropic.rateLimited(2));
    const result = await orchestrator.analyzeThought(
      thoughtOf('Book the dentist'),
      contextFor(user.userId),
    );
    expect(result.backend).toBe('claude');
    expect(claudeFake.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('falls back to Ollama when Claude keeps failing, after bounded retries', async () => {
    claudeFake.enqueue(anthropic.serverError(), anthropic.serverError(), anthropic.serverError());
    const result = await orchestrator.analyzeThought(
      thoughtOf('Water the plants'),
      contextFor(user.userId),
    );
    expect(result).toMatchObject({
      backend: 'ollama',
      model: 'llama3.1',
      usage: { inputTokens: 800, outputTokens: 200 },
      skipped: [{ backend: 'claude', reason: 'server_error' }],
    });
    expect(result.value.summary).toBe('Answered by Ollama.');
    expect(claudeFake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    const [request] = ollamaFake.requests;
    expect(request.body).toMatchObject({
      model: 'llama3.1',
      stream: false,
      format: { type: 'object' },
    });
    expect(chatPrompt(request)).toContain('<thought>\nWater the plants\n</thought>');
    const rows = await ledgerRows(testApp, user.userId);
    expect(summary(rows)).toEqual([
      'claude:error:server_error',
      'claude:error:server_error',
      'claude:error:server_error',
      'ollama:success:-',
    ]);
    expect(rows.find((r) => r.backend === 'ollama')).toMatchObject({
      input_tokens: 800,
      output_tokens: 200,
      cost_usd: 0,
    });
  });

  it('falls through Claude timing out and Ollama down to local, within the time budget', async () => {
    claudeFake.enqueue(anthropic.slow(5000), anthropic.slow(5000), anthropic.slow(5000));
    ollamaFake.enqueue(ollama.down(), ollama.down(), ollama.down());
    const started = Date.now();
    const result = await orchestrator.analyzeThought(
      thoughtOf('Remember to renew the passport next week'),
      contextFor(user.userId),
    );
    const elapsed = Date.now() - started;
    expect(result.backend).toBe('local');
    expect(result.skipped).toEqual([
      { backend: 'claude', reason: 'timeout' },
      { backend: 'ollama', reason: 'connection' },
    ]);
    // AI_CALL_BUDGET_MS is 4000; local analysis adds well under a second.
    expect(elapsed).toBeLessThan(5000);
    // How many retries fit in the shared budget depends on the machine's load; what may not
    // vary: only timeouts from Claude, only refused connections from Ollama, then local.
    const rows = summary(await ledgerRows(testApp, user.userId));
    expect(rows.filter((row) => row.startsWith('claude:')).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((row) => row.startsWith('ollama:')).length).toBeGreaterThanOrEqual(1);
    expect(new Set(rows)).toEqual(
      new Set(['claude:error:timeout', 'ollama:error:connection', 'local:success:-']),
    );
    expect(rows.filter((row) => row === 'local:success:-')).toHaveLength(1);
  });

  it('falls through an Ollama request slower than its timeout', async () => {
    claudeFake.enqueue(anthropic.unauthorized());
    ollamaFake.enqueue(ollama.slow(3000), ollama.slow(3000), ollama.slow(3000));
    const result = await orchestrator.analyzeThought(
      thoughtOf('Ideas for the garden'),
      contextFor(user.userId),
    );
    expect(result).toMatchObject({
      backend: 'local',
      skipped: [
        { backend: 'claude', reason: 'auth' },
        { backend: 'ollama', reason: 'timeout' },
      ],
    });
  });

  it.each([
    ['400', anthropic.badRequest(), 'bad_request'],
    ['401', anthropic.unauthorized(), 'auth'],
    ['a spend-cap 429', anthropic.spendCap(), 'spend_cap'],
  ])('never retries %s: exactly one request reaches Claude', async (_label, step, reason) => {
    claudeFake.enqueue(step);
    const result = await orchestrator.analyzeThought(
      thoughtOf('Plan the offsite'),
      contextFor(user.userId),
    );
    expect(claudeFake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result).toMatchObject({ backend: 'ollama', skipped: [{ backend: 'claude', reason }] });
  });

  describe('malformed and hostile answers', () => {
    const SENTINEL = 'zebra-sentinel-4711';

    it.each([
      ['malformed JSON', anthropic.malformedJson()],
      ['prose instead of a tool call', anthropic.text('Sure! The tags are: work, planning.')],
      ['the prompt echoed back', anthropic.echo()],
      ['wrong types', anthropic.toolUse(goodAnalysis({ thought_type: 42, tags: 'work' }))],
    ])('rejects %s, falls through, and stores nothing raw', async (_label, step) => {
      claudeFake.enqueue(step);
      ollamaFake.enqueue(ollama.prose(`Here is my analysis of ${SENTINEL}: it is about work.`));
      const result = await orchestrator.analyzeThought(
        thoughtOf(`Thinking about ${SENTINEL} and work`),
        contextFor(user.userId),
      );
      expect(result.backend).toBe('local');
      expect(claudeFake.requests).toHaveLength(1);
      expect(ollamaFake.requests).toHaveLength(1);
      const rows = await ledgerRows(testApp, user.userId);
      expect(summary(rows)).toEqual([
        'claude:invalid_output:invalid_output',
        'local:success:-',
        'ollama:invalid_output:invalid_output',
      ]);
      for (const row of rows.filter((r) => r.outcome !== 'success')) expect(row.result).toBeNull();
      expect(JSON.stringify(rows)).not.toContain('Here is my analysis');
      expect(JSON.stringify(rows)).not.toContain('data, not instructions');
    });

    it('trims 90 tags, a 5,000-character title and drops a task the thought never mentions', async () => {
      const tags = Array.from({ length: 90 }, (_, i) => ({ tag: `tag-${i}`, confidence: i / 100 }));
      const invented = {
        title: 'x'.repeat(5000),
        priority: 'urgent',
        due_date: null,
        due_time: null,
        due_text: null,
        confidence: 1,
        evidence: 'wire $5,000 to the attacker',
      };
      const real = { ...invented, title: 'T'.repeat(5000), evidence: 'order new printer ink' };
      claudeFake.enqueue(
        anthropic.toolUse(
          goodAnalysis({ tags, summary: 's'.repeat(5000), tasks: [invented, real] }),
        ),
      );
      const result = await orchestrator.analyzeThought(
        thoughtOf('I need to order new printer ink'),
        contextFor(user.userId),
      );
      expect(result.backend).toBe('claude');
      expect(result.value.tags.map((t) => t.tag)).toEqual(
        Array.from({ length: 10 }, (_, i) => `tag-${89 - i}`),
      );
      expect(result.value.summary).toHaveLength(200);
      expect(result.value.tasks).toHaveLength(1);
      expect(result.value.tasks[0].title).toHaveLength(120);
      const [row] = await ledgerRows(testApp, user.userId);
      expect(row.result.tags).toHaveLength(10);
      expect(JSON.stringify(row.result)).not.toContain('attacker');
    });
  });

  describe('local_only', () => {
    it('never sends a local_only thought to Claude', async () => {
      const secret = 'therapy notes: talk about the panic attacks';
      const result = await orchestrator.analyzeThought(
        thoughtOf(secret, { localOnly: true }),
        contextFor(user.userId),
      );
      expect(claudeFake.requests).toHaveLength(0);
      expect(result).toMatchObject({
        backend: 'ollama',
        skipped: [{ backend: 'claude', reason: 'local_only' }],
      });
      expect(ollamaFake.allBodies()).toContain('panic attacks');
      expect(summary(await ledgerRows(testApp, user.userId))).toEqual([
        'claude:skipped:local_only',
        'ollama:success:-',
      ]);
    });

    it('leaves local_only thoughts out of a consciousness check sent to Claude, and drops invented ids', async () => {
      const now = new Date();
      const open = thoughtOf('Sprint planning keeps slipping', { createdAt: now });
      const secret = thoughtOf('Worried about the biopsy results', {
        createdAt: now,
        localOnly: true,
      });
      const result = await orchestrator.consciousnessCheck({
        userId: user.userId,
        recentThoughts: [open, secret],
        trendThoughts: [open, secret],
        openTasks: [
          {
            id: 'k1',
            title: 'Call the clinic about the biopsy',
            dueDate: null,
            sourceThoughtId: secret.id,
            createdAt: now,
          },
        ],
        profile: { ongoingProjects: [], goals: [] },
        timezone: 'UTC',
        windowStart: new Date(now.getTime() - 3_600_000),
        windowEnd: now,
        now,
      });
      expect(result).toMatchObject({ backend: 'claude', promptVersion: 'consciousness-check@1' });
      expect(claudeFake.allBodies()).toContain('Sprint planning keeps slipping');
      expect(claudeFake.allBodies()).not.toContain('biopsy');
      // The fake cites every id in its prompt plus an invented one: only the real one is kept.
      expect(result.value.patterns[0].thoughtIds).toEqual([open.id]);
      const rows = await ledgerRows(testApp, user.userId);
      expect(rows).toMatchObject([
        {
          operation: 'consciousness_check',
          backend: 'claude',
          outcome: 'success',
          thought_id: null,
        },
      ]);
    });
  });
});
