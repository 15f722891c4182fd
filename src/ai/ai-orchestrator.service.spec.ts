import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { AiBackendError, AiOutputInvalidError, AiUnavailableError } from './ai-errors.js';
import type { AiOptions } from './ai-options.js';
import { AiOrchestrator } from './ai-orchestrator.service.js';
import type { AiRuntime } from './ai-runtime.js';
import type {
  AiBackend,
  AiBackendName,
  AnalysisContext,
  BackendAnswer,
  BackendCallOptions,
  ConsciousnessInput,
  ThoughtForAnalysis,
} from './ai.types.js';
import type { AiLedgerService, LedgerEntry } from './ledger/ai-ledger.service.js';

type Behaviour = (options?: BackendCallOptions) => unknown;

const GOOD = {
  tags: [{ tag: 'work', confidence: 0.8 }],
  thought_type: 'note',
  is_actionable: false,
  tasks: [],
  summary: 'ok',
};

class FakeBackend implements AiBackend {
  readonly calls: (BackendCallOptions | undefined)[] = [];
  readonly inputs: unknown[] = [];
  readonly model: string;
  constructor(
    readonly name: AiBackendName,
    readonly isCloud: boolean,
    private readonly behaviours: Behaviour[] = [],
    readonly fallbackModel?: string,
    private readonly configured = true,
  ) {
    this.model = `${name}-model`;
  }
  isConfigured() {
    return this.configured;
  }
  private async answer(options?: BackendCallOptions): Promise<BackendAnswer> {
    this.calls.push(options);
    const behaviour = this.behaviours.shift() ?? (() => GOOD);
    const output = behaviour(options);
    if (output instanceof Error) throw output;
    return {
      output,
      model: options?.model ?? this.model,
      usage: { inputTokens: 10, outputTokens: 5 },
      promptVersion: 'p@1',
    };
  }
  analyzeThought(
    _t: ThoughtForAnalysis,
    _c: AnalysisContext,
    _s: AbortSignal,
    options?: BackendCallOptions,
  ) {
    return this.answer(options);
  }
  consciousnessCheck(input: ConsciousnessInput, _s: AbortSignal, options?: BackendCallOptions) {
    this.inputs.push(input);
    return this.answer(options);
  }
}

const fail =
  (
    errorClass: ConstructorParameters<typeof AiBackendError>[0],
    retryable: boolean,
    retryAfterMs?: number,
  ) =>
  () =>
    new AiBackendError(errorClass, errorClass, { retryable, retryAfterMs });

function setup(backends: FakeBackend[], overrides: Partial<AiOptions> = {}) {
  const clock = { now: 1_000_000 };
  const sleeps: number[] = [];
  const runtime = {
    now: () => clock.now,
    random: () => 0.5,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock.now += ms;
    },
  } as unknown as AiRuntime;
  const rows: LedgerEntry[] = [];
  const ledger = {
    record: async (row: LedgerEntry) => void rows.push(row),
  } as unknown as AiLedgerService;
  const options: AiOptions = {
    mode: 'auto',
    maxRetries: 2,
    callBudgetMs: 10_000,
    backoff: { baseMs: 100, capMs: 1000 },
    circuit: { failureThreshold: 3, cooldownMs: 5000 },
    requestsPerMinute: 100,
    ...overrides,
  };
  return {
    orchestrator: new AiOrchestrator(backends, options, ledger, runtime),
    clock,
    sleeps,
    rows,
  };
}

const thought: ThoughtForAnalysis = {
  id: 't1',
  content: 'Plan the week',
  tags: [],
  createdAt: new Date(),
  localOnly: false,
};
const context: AnalysisContext = {
  userId: 'u1',
  profile: { ongoingProjects: [], goals: [] },
  existingTags: [],
  timezone: 'UTC',
  now: new Date(),
};

describe('AiOrchestrator', () => {
  // The failure paths log warnings by design; they are noise here.
  beforeAll(() => Logger.overrideLogger(false));

  it('answers from the first backend and records one success row', async () => {
    const claude = new FakeBackend('claude', true);
    const { orchestrator, rows } = setup([
      claude,
      new FakeBackend('ollama', false),
      new FakeBackend('local', false),
    ]);
    const result = await orchestrator.analyzeThought(thought, context);
    expect(result).toMatchObject({
      backend: 'claude',
      model: 'claude-model',
      usage: { inputTokens: 10, outputTokens: 5 },
      skipped: [],
    });
    expect(result.value.tags).toEqual([{ tag: 'work', confidence: 0.8 }]);
    expect(rows).toEqual([
      expect.objectContaining({
        backend: 'claude',
        outcome: 'success',
        thoughtId: 't1',
        inputTokens: 10,
        result: result.value,
      }),
    ]);
  });

  it('retries retryable errors with backoff, honouring retry-after, then falls through', async () => {
    const claude = new FakeBackend('claude', true, [
      fail('rate_limited', true, 1500),
      fail('server_error', true),
      fail('server_error', true),
    ]);
    const { orchestrator, sleeps, rows } = setup([
      claude,
      new FakeBackend('ollama', false),
      new FakeBackend('local', false),
    ]);
    const result = await orchestrator.analyzeThought(thought, context);
    expect(claude.calls).toHaveLength(3);
    expect(sleeps).toEqual([1500, 100]);
    expect(result.backend).toBe('ollama');
    expect(result.skipped).toEqual([{ backend: 'claude', reason: 'server_error' }]);
    expect(rows.map((r) => `${r.backend}:${r.outcome}:${r.errorClass}`)).toEqual([
      'claude:error:rate_limited',
      'claude:error:server_error',
      'claude:error:server_error',
      'ollama:success:null',
    ]);
  });

  it('switches to the fallback model once on overload, without using up a retry', async () => {
    const claude = new FakeBackend(
      'claude',
      true,
      [fail('overloaded', true), fail('overloaded', true)],
      'claude-small',
    );
    const { orchestrator } = setup([claude, new FakeBackend('local', false)], { maxRetries: 1 });
    const result = await orchestrator.analyzeThought(thought, context);
    expect(claude.calls).toEqual([undefined, { model: 'claude-small' }, { model: 'claude-small' }]);
    expect(result).toMatchObject({ backend: 'claude', model: 'claude-small' });
  });

  it('never retries a non-retryable error', async () => {
    const claude = new FakeBackend('claude', true, [fail('spend_cap', false)]);
    const { orchestrator, sleeps } = setup([claude, new FakeBackend('local', false)]);
    const result = await orchestrator.analyzeThought(thought, context);
    expect(claude.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.skipped[0]).toEqual({ backend: 'claude', reason: 'spend_cap' });
  });

  it('rejects invalid output without retrying, records its tokens but not the output', async () => {
    const claude = new FakeBackend('claude', true, [() => 'Sure! Here is your analysis.']);
    const { orchestrator, rows } = setup([claude, new FakeBackend('local', false)]);
    const result = await orchestrator.analyzeThought(thought, context);
    expect(claude.calls).toHaveLength(1);
    expect(result.backend).toBe('local');
    expect(rows[0]).toMatchObject({
      backend: 'claude',
      outcome: 'invalid_output',
      errorClass: 'invalid_output',
      inputTokens: 10,
      result: null,
    });
  });

  it('never sends a local_only thought to a cloud backend', async () => {
    const claude = new FakeBackend('claude', true);
    const ollama = new FakeBackend('ollama', false);
    const { orchestrator, rows } = setup([claude, ollama, new FakeBackend('local', false)]);
    const result = await orchestrator.analyzeThought({ ...thought, localOnly: true }, context);
    expect(claude.calls).toHaveLength(0);
    expect(result.backend).toBe('ollama');
    expect(rows[0]).toMatchObject({
      backend: 'claude',
      outcome: 'skipped',
      errorClass: 'local_only',
    });
  });

  it('opens the circuit after N failures, skips the backend, and probes after the cool-down', async () => {
    const claude = new FakeBackend('claude', true, [
      fail('timeout', true),
      fail('timeout', true),
      fail('timeout', true),
    ]);
    const { orchestrator, clock } = setup([claude, new FakeBackend('local', false)], {
      maxRetries: 5,
    });
    await orchestrator.analyzeThought(thought, context);
    expect(claude.calls).toHaveLength(3);
    expect((await orchestrator.status()).find((s) => s.name === 'claude')).toMatchObject({
      circuitState: 'open',
      consecutiveFailures: 3,
      lastErrorClass: 'timeout',
    });
    const skipped = await orchestrator.analyzeThought(thought, context);
    expect(skipped.skipped[0]).toEqual({ backend: 'claude', reason: 'circuit_open' });
    expect(claude.calls).toHaveLength(3);
    clock.now += 5000;
    const probed = await orchestrator.analyzeThought(thought, context);
    expect(probed.backend).toBe('claude');
    expect((await orchestrator.status())[0]).toMatchObject({
      circuitState: 'closed',
      consecutiveFailures: 0,
    });
  });

  it('skips remote backends to local when the requests-per-minute budget is spent', async () => {
    const claude = new FakeBackend('claude', true);
    const { orchestrator } = setup(
      [claude, new FakeBackend('ollama', false), new FakeBackend('local', false)],
      { requestsPerMinute: 1 },
    );
    await orchestrator.analyzeThought(thought, context);
    const second = await orchestrator.analyzeThought(thought, context);
    expect(second.backend).toBe('local');
    expect(second.skipped).toEqual([
      { backend: 'claude', reason: 'rate_budget' },
      { backend: 'ollama', reason: 'rate_budget' },
    ]);
  });

  it('stops retrying when the time budget is spent, and local still answers', async () => {
    let advance = (_ms: number) => {};
    // Each call takes 600 ms of the 1000 ms budget; the retry-after (300 ms) fits once.
    const slowFailure = () => {
      advance(600);
      return new AiBackendError('rate_limited', 'rate_limited', {
        retryable: true,
        retryAfterMs: 300,
      });
    };
    const claude = new FakeBackend('claude', true, [slowFailure, slowFailure]);
    const { orchestrator, clock } = setup(
      [claude, new FakeBackend('ollama', false), new FakeBackend('local', false)],
      { callBudgetMs: 1000 },
    );
    advance = (ms) => {
      clock.now += ms;
    };
    const result = await orchestrator.analyzeThought(thought, context);
    expect(claude.calls).toHaveLength(2);
    expect(result.backend).toBe('local');
    expect(result.skipped).toEqual([
      { backend: 'claude', reason: 'rate_limited' },
      { backend: 'ollama', reason: 'time_budget' },
    ]);
  });

  it("follows the user's preference under 'auto', and skips unconfigured backends", async () => {
    const claude = new FakeBackend('claude', true, [], undefined, false);
    const { orchestrator } = setup([
      claude,
      new FakeBackend('ollama', false),
      new FakeBackend('local', false),
    ]);
    expect(
      (await orchestrator.analyzeThought(thought, context, { preferred: 'local' })).backend,
    ).toBe('local');
    const auto = await orchestrator.analyzeThought(thought, context);
    expect(auto).toMatchObject({
      backend: 'ollama',
      skipped: [{ backend: 'claude', reason: 'not_configured' }],
    });
  });

  it('throws AiUnavailableError when every backend fails', async () => {
    const local = new FakeBackend('local', false, [() => new Error('bug')]);
    const { orchestrator } = setup(
      [new FakeBackend('claude', true, [fail('auth', false)]), local],
      { mode: 'claude' },
    );
    await expect(orchestrator.analyzeThought(thought, context)).rejects.toThrow(AiUnavailableError);
  });

  it('uses only the mock under AI_BACKEND=mock', async () => {
    const claude = new FakeBackend('claude', true);
    const mock = new FakeBackend('mock', false);
    const { orchestrator } = setup([claude, mock], { mode: 'mock' });
    expect(
      (await orchestrator.analyzeThought(thought, context, { preferred: 'claude' })).backend,
    ).toBe('mock');
    expect(claude.calls).toHaveLength(0);
  });

  describe('consciousnessCheck', () => {
    const at = new Date('2026-01-04T10:00:00Z');
    const open: ThoughtForAnalysis = {
      id: 'open',
      content: 'Work plans',
      tags: [],
      createdAt: at,
      localOnly: false,
    };
    const secret: ThoughtForAnalysis = {
      id: 'secret',
      content: 'Therapy notes',
      tags: [],
      createdAt: at,
      localOnly: true,
    };
    const input: ConsciousnessInput = {
      userId: 'u1',
      recentThoughts: [open, secret],
      trendThoughts: [open, secret],
      openTasks: [
        {
          id: 'k1',
          title: 'Book therapist',
          dueDate: null,
          sourceThoughtId: 'secret',
          createdAt: at,
        },
        { id: 'k2', title: 'Plan sprint', dueDate: null, sourceThoughtId: 'open', createdAt: at },
      ],
      profile: { ongoingProjects: [], goals: [] },
      timezone: 'UTC',
      windowStart: at,
      windowEnd: at,
      now: at,
    };
    const check = (ids: string[]) => () => ({
      summary: 's',
      patterns: [],
      insights: [{ title: 'i', description: 'd', thought_ids: ids }],
      suggestions: [],
    });

    it('sends cloud backends no local-only thought nor its tasks, and rejects ids outside what was sent', async () => {
      const claude = new FakeBackend('claude', true, [check(['open', 'secret'])]);
      const { orchestrator } = setup([claude, new FakeBackend('local', false)]);
      const result = await orchestrator.consciousnessCheck(input);
      const sent = claude.inputs[0] as ConsciousnessInput;
      expect(sent.recentThoughts.map((t) => t.id)).toEqual(['open']);
      expect(sent.openTasks.map((t) => t.id)).toEqual(['k2']);
      expect(result.value.insights[0].thoughtIds).toEqual(['open']);
    });

    it('gives non-cloud backends everything, and skips cloud when every recent thought is local-only', async () => {
      const claude = new FakeBackend('claude', true);
      const ollama = new FakeBackend('ollama', false, [check(['secret'])]);
      const { orchestrator } = setup([claude, ollama, new FakeBackend('local', false)]);
      const result = await orchestrator.consciousnessCheck({ ...input, recentThoughts: [secret] });
      expect(claude.calls).toHaveLength(0);
      expect(result).toMatchObject({
        backend: 'ollama',
        skipped: [{ backend: 'claude', reason: 'local_only' }],
      });
      expect(result.value.insights[0].thoughtIds).toEqual(['secret']);
    });
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const claude = new FakeBackend('claude', true, [
      () => {
        controller.abort();
        return new AiBackendError('aborted', 'aborted', { retryable: false });
      },
    ]);
    const { orchestrator } = setup([claude, new FakeBackend('local', false)]);
    await expect(
      orchestrator.analyzeThought(thought, context, { signal: controller.signal }),
    ).rejects.toMatchObject({ errorClass: 'aborted' });
  });

  it('keeps the AiOutputInvalidError type for schema failures', () => {
    expect(new AiOutputInvalidError('x').errorClass).toBe('invalid_output');
  });
});
