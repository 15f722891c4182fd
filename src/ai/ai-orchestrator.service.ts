import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  AiBackendError,
  AiOutputInvalidError,
  AiUnavailableError,
  errorClassOf,
} from './ai-errors.js';
import type { AiOptions } from './ai-options.js';
import { AiRuntime } from './ai-runtime.js';
import { AI_BACKENDS, AI_LIMITS, AI_OPTIONS } from './ai.tokens.js';
import type {
  AiBackend,
  AiBackendName,
  AiResult,
  AnalysisContext,
  BackendAnswer,
  BackendCallOptions,
  ConsciousnessInput,
  ConsciousnessResult,
  ThoughtAnalysis,
  ThoughtForAnalysis,
  TokenUsage,
} from './ai.types.js';
import { answerOf, ClaudeBackend } from './backends/claude.backend.js';
import { retryDelay } from './backoff.js';
import { selectChain, type UserAiPreference } from './chain.js';
import type { CircuitState } from './circuit-breaker.js';
import type { AiOperation } from './ledger/ai-analysis-result.entity.js';
import { AiLedgerService } from './ledger/ai-ledger.service.js';
import { type AiLimits, type Breaker, LocalAiLimits } from './limits/ai-limits.js';
import { ANALYZE_THOUGHT_PROMPT, CONSCIOUSNESS_CHECK_PROMPT } from './prompts/index.js';
import { parseConsciousnessResult } from './schemas/consciousness.schema.js';
import { parseThoughtAnalysis } from './schemas/thought-analysis.schema.js';

export interface AiCallOptions {
  /** The user's ai_backend setting; it refines AI_BACKEND=auto only. */
  preferred?: UserAiPreference;
  /** Cancels the whole call (e.g. the job is shutting down). */
  signal?: AbortSignal;
}

export interface BackendStatus {
  name: AiBackendName;
  configured: boolean;
  circuitState: CircuitState;
  consecutiveFailures: number;
  lastErrorClass: string | null;
  lastErrorAt: Date | null;
  model: string | null;
}

/** How one backend is asked, or why it is not. */
type Plan<T> =
  | { skip: string }
  | {
      invoke: (signal: AbortSignal, options?: BackendCallOptions) => Promise<BackendAnswer>;
      validate: (raw: unknown) => T;
    };

interface CallSpec<T> {
  operation: AiOperation;
  userId: string;
  thoughtId: string | null;
  promptVersion: string;
  options?: AiCallOptions;
  plan: (backend: AiBackend) => Plan<T>;
}

/** Backends that are the last resort: always tried, never throttled or cut off by budgets. */
const LAST_RESORT = new Set<AiBackendName>(['local', 'mock']);

/**
 * One entry point for AI: picks the chain, guards every remote backend with a circuit
 * breaker, the RPM budget (per process, or shared through Redis) and the call's time budget,
 * retries with backoff,
 * validates every answer and writes a ledger row for every call and every skip.
 */
@Injectable()
export class AiOrchestrator {
  private readonly logger = new Logger('AiOrchestrator');
  private readonly byName = new Map<AiBackendName, AiBackend>();
  private readonly limits: AiLimits;

  constructor(
    @Inject(AI_BACKENDS) backends: AiBackend[],
    @Inject(AI_OPTIONS) private readonly options: AiOptions,
    private readonly ledger: AiLedgerService,
    private readonly runtime: AiRuntime,
    @Optional() @Inject(AI_LIMITS) limits?: AiLimits,
  ) {
    for (const backend of backends) this.byName.set(backend.name, backend);
    const now = () => this.runtime.now();
    this.limits =
      limits ??
      new LocalAiLimits({
        requestsPerMinute: options.requestsPerMinute,
        circuit: options.circuit,
        now,
      });
  }

  analyzeThought(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
    options?: AiCallOptions,
  ): Promise<AiResult<ThoughtAnalysis>> {
    return this.run({
      operation: 'analyze_thought',
      userId: context.userId,
      thoughtId: thought.id,
      promptVersion: ANALYZE_THOUGHT_PROMPT.version,
      options,
      plan: (backend) =>
        backend.isCloud && thought.localOnly
          ? { skip: 'local_only' }
          : {
              invoke: (signal, callOptions) =>
                backend.analyzeThought(
                  thought,
                  backend.isCloud ? shareableContext(context) : context,
                  signal,
                  callOptions,
                ),
              validate: (raw) => parseThoughtAnalysis(raw, thought),
            },
    });
  }

  /**
   * Cloud backends get the input without local-only thoughts (and without tasks that came
   * from them); when that leaves no recent thought, they are skipped. Other backends see all.
   */
  consciousnessCheck(
    input: ConsciousnessInput,
    options?: AiCallOptions,
  ): Promise<AiResult<ConsciousnessResult>> {
    const shareable = withoutLocalOnly(input);
    return this.run({
      operation: 'consciousness_check',
      userId: input.userId,
      thoughtId: null,
      promptVersion: CONSCIOUSNESS_CHECK_PROMPT.version,
      options,
      plan: (backend) => {
        const sent = backend.isCloud ? shareable : input;
        if (backend.isCloud && sent.recentThoughts.length === 0 && input.recentThoughts.length > 0)
          return { skip: 'local_only' };
        const known = new Set([...sent.recentThoughts, ...sent.trendThoughts].map((t) => t.id));
        return {
          invoke: (signal, callOptions) => backend.consciousnessCheck(sent, signal, callOptions),
          validate: (raw) => parseConsciousnessResult(raw, known),
        };
      },
    });
  }

  /**
   * Claude, when it is the backend this user's analyses would go to first, is configured and its
   * circuit is not open: the one backend whose bulk work may go through the Message Batches API.
   */
  async batchBackend(preferred?: UserAiPreference): Promise<ClaudeBackend | null> {
    const first = selectChain(this.options.mode, preferred)[0];
    const backend = first ? this.byName.get(first) : undefined;
    if (!(backend instanceof ClaudeBackend) || !backend.isConfigured()) return null;
    // The breaker may live in Redis (several instances share it).
    return (await this.breaker(backend.name).view()).state === 'open' ? null : backend;
  }

  /** The Claude backend when configured, whatever the chain: a submitted batch is read to its end. */
  claudeBackend(): ClaudeBackend | null {
    const backend = this.byName.get('claude');
    return backend instanceof ClaudeBackend && backend.isConfigured() ? backend : null;
  }

  /** A batch item's request for this thought, with the same privacy rules as a single call; null for a local_only thought. */
  batchRequest(
    backend: ClaudeBackend,
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
  ): ReturnType<ClaudeBackend['analyzeRequest']> | null {
    return thought.localOnly ? null : backend.analyzeRequest(thought, shareableContext(context));
  }

  /**
   * A batch item's answer, validated exactly as a single call's and written to the ledger as a
   * batch call (half price). Throws (after recording it) when the answer is unusable, so the
   * caller can fall back to a single call.
   */
  async acceptBatchAnswer(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
    message: unknown,
    facts: { model: string; promptVersion: string; latencyMs: number },
  ): Promise<AiResult<ThoughtAnalysis>> {
    const backend = this.byName.get('claude') as AiBackend;
    const call = {
      operation: 'analyze_thought' as const,
      userId: context.userId,
      thoughtId: thought.id,
    };
    let answer: BackendAnswer | null = null;
    try {
      answer = answerOf(message, ANALYZE_THOUGHT_PROMPT.toolName, facts.model, facts.promptVersion);
      const value = parseThoughtAnalysis(answer.output, thought);
      await this.record(backend, call, {
        ...facts,
        ...answer.usage,
        outcome: 'success',
        errorClass: null,
        result: value,
        batch: true,
      });
      return {
        value,
        backend: 'claude',
        model: facts.model,
        promptVersion: facts.promptVersion,
        usage: answer.usage,
        latencyMs: facts.latencyMs,
        skipped: [],
      };
    } catch (error) {
      const errorClass = errorClassOf(error);
      this.logger.warn(
        { backend: 'claude', operation: call.operation, errorClass },
        'AI batch answer rejected',
      );
      await this.record(backend, call, {
        ...facts,
        ...answer?.usage,
        outcome: 'invalid_output',
        errorClass,
        batch: true,
      });
      throw error;
    }
  }

  /** A batch item that came back errored, expired or canceled: on the books (unbilled), then redone singly. */
  recordBatchItemFailure(
    userId: string,
    thoughtId: string,
    facts: { model: string; promptVersion: string },
    errorClass: string,
  ): Promise<void> {
    const backend = this.byName.get('claude') as AiBackend;
    const call = { operation: 'analyze_thought' as const, userId, thoughtId };
    return this.record(backend, call, {
      ...facts,
      outcome: 'error',
      errorClass,
      latencyMs: 0,
      batch: true,
    });
  }

  status(): Promise<BackendStatus[]> {
    return Promise.all(
      [...this.byName.values()].map(async (backend) => {
        const view = await this.breaker(backend.name).view();
        const last = view.lastFailure;
        return {
          name: backend.name,
          configured: backend.isConfigured(),
          circuitState: view.state,
          consecutiveFailures: view.consecutiveFailures,
          lastErrorClass: last?.errorClass ?? null,
          lastErrorAt: last?.at ?? null,
          model: backend.model ?? null,
        };
      }),
    );
  }

  private async run<T>(call: CallSpec<T>): Promise<AiResult<T>> {
    const deadline = this.runtime.now() + this.options.callBudgetMs;
    const skipped: AiResult<T>['skipped'] = [];
    for (const name of selectChain(this.options.mode, call.options?.preferred)) {
      const backend = this.byName.get(name);
      if (!backend || !backend.isConfigured()) {
        // Configuration, not an event: reported to the caller, not written to the ledger.
        skipped.push({ backend: name, reason: 'not_configured' });
        continue;
      }
      const plan = call.plan(backend);
      const result = 'skip' in plan ? plan.skip : await this.attempt(backend, plan, call, deadline);
      if (typeof result !== 'string') return { ...result, skipped };
      if ('skip' in plan) await this.recordSkip(backend, call, plan.skip);
      skipped.push({ backend: name, reason: result });
    }
    throw new AiUnavailableError(skipped);
  }

  /** Tries one backend with retries; the result, or the reason it was passed over. */
  private async attempt<T>(
    backend: AiBackend,
    plan: Exclude<Plan<T>, { skip: string }>,
    call: CallSpec<T>,
    deadline: number,
  ): Promise<Omit<AiResult<T>, 'skipped'> | string> {
    const guarded = !LAST_RESORT.has(backend.name);
    const breaker = this.breaker(backend.name);
    let model: string | undefined;
    for (let retries = 0; ;) {
      if (call.options?.signal?.aborted)
        throw new AiBackendError('aborted', 'aborted by the caller', { retryable: false });
      if (guarded) {
        const refusal = await this.admit(breaker, deadline);
        if (refusal) {
          await this.recordSkip(backend, call, refusal);
          return refusal;
        }
      }
      const started = this.runtime.now();
      const signal = this.signalFor(call, guarded ? deadline - started : undefined);
      let answer: BackendAnswer;
      try {
        answer = await plan.invoke(signal, model ? { model } : undefined);
      } catch (error) {
        const errorClass = errorClassOf(error);
        await breaker.recordFailure(errorClass);
        this.logger.warn(
          { backend: backend.name, operation: call.operation, errorClass, status: statusOf(error) },
          'AI backend call failed',
        );
        await this.record(backend, call, {
          model: model ?? backend.model ?? backend.name,
          promptVersion: call.promptVersion,
          outcome: error instanceof AiOutputInvalidError ? 'invalid_output' : 'error',
          errorClass,
          latencyMs: this.runtime.now() - started,
        });
        const next = guarded ? this.nextStep(backend, error, retries, model, deadline) : null;
        if (!next) return errorClass;
        if (next.model) model = next.model;
        else retries += 1;
        await this.runtime.sleep(next.delayMs, call.options?.signal);
        continue;
      }
      const latencyMs = this.runtime.now() - started;
      const { usage } = answer;
      const facts = {
        model: answer.model,
        promptVersion: answer.promptVersion,
        ...usage,
        latencyMs,
      };
      try {
        const value = plan.validate(answer.output);
        await breaker.recordSuccess();
        await this.record(backend, call, {
          ...facts,
          outcome: 'success',
          errorClass: null,
          result: value,
        });
        return {
          value,
          backend: backend.name,
          model: answer.model,
          promptVersion: answer.promptVersion,
          usage,
          latencyMs,
        };
      } catch (error) {
        // Paid for but unusable: the tokens are recorded, the raw output is not.
        const errorClass = errorClassOf(error);
        await breaker.recordFailure(errorClass);
        this.logger.warn(
          {
            backend: backend.name,
            operation: call.operation,
            errorClass,
            problems: (error as AiOutputInvalidError).problems,
          },
          'AI answer rejected',
        );
        await this.record(backend, call, { ...facts, outcome: 'invalid_output', errorClass });
        return errorClass;
      }
    }
  }

  /** Why a guarded backend may not be called now, or null when it may. */
  private async admit(breaker: Breaker, deadline: number): Promise<string | null> {
    if (deadline - this.runtime.now() <= 0) return 'time_budget';
    if (!(await breaker.tryAcquire())) return 'circuit_open';
    if (!(await this.limits.takeRequest())) {
      await breaker.release();
      return 'rate_budget';
    }
    return null;
  }

  /**
   * Whether and when to try the same backend again. An overload switches to the fallback
   * model once (a different model has its own capacity, so that does not use up a retry);
   * otherwise only retryable errors are retried, at most maxRetries times, and never past
   * the time budget.
   */
  private nextStep(
    backend: AiBackend,
    error: unknown,
    retries: number,
    model: string | undefined,
    deadline: number,
  ): { delayMs: number; model?: string } | null {
    if (!(error instanceof AiBackendError) || !error.retryable) return null;
    const switchModel =
      error.errorClass === 'overloaded' && backend.fallbackModel && model === undefined
        ? backend.fallbackModel
        : undefined;
    if (!switchModel && retries >= this.options.maxRetries) return null;
    const delayMs = retryDelay(
      retries,
      error.options.retryAfterMs,
      deadline - this.runtime.now(),
      this.options.backoff,
      () => this.runtime.random(),
    );
    return delayMs === null ? null : { delayMs, model: switchModel };
  }

  private signalFor(call: CallSpec<unknown>, timeoutMs: number | undefined): AbortSignal {
    const signals = [
      call.options?.signal,
      timeoutMs === undefined ? undefined : AbortSignal.timeout(Math.max(1, timeoutMs)),
    ].filter((signal): signal is AbortSignal => signal !== undefined);
    return signals.length === 0 ? new AbortController().signal : AbortSignal.any(signals);
  }

  private breaker(name: AiBackendName): Breaker {
    return this.limits.breaker(name);
  }

  private recordSkip(backend: AiBackend, call: CallSpec<unknown>, reason: string): Promise<void> {
    return this.record(backend, call, {
      model: backend.model ?? backend.name,
      promptVersion: call.promptVersion,
      outcome: 'skipped',
      errorClass: reason,
      latencyMs: 0,
    });
  }

  private record(
    backend: AiBackend,
    call: Pick<CallSpec<unknown>, 'userId' | 'thoughtId' | 'operation'>,
    row: {
      model: string;
      promptVersion: string;
      outcome: 'success' | 'error' | 'invalid_output' | 'skipped';
      errorClass: string | null;
      latencyMs: number;
      result?: unknown;
      batch?: boolean;
    } & Partial<TokenUsage>,
  ): Promise<void> {
    return this.ledger.record({
      userId: call.userId,
      thoughtId: call.thoughtId,
      operation: call.operation,
      backend: backend.name,
      model: row.model,
      promptVersion: row.promptVersion,
      inputTokens: row.inputTokens ?? 0,
      outputTokens: row.outputTokens ?? 0,
      cacheCreationInputTokens: row.cacheCreationInputTokens ?? 0,
      cacheReadInputTokens: row.cacheReadInputTokens ?? 0,
      latencyMs: Math.max(0, Math.round(row.latencyMs)),
      outcome: row.outcome,
      errorClass: row.errorClass,
      result: row.result ?? null,
      batch: row.batch ?? false,
      createdAt: new Date(this.runtime.now()),
    });
  }
}

function statusOf(error: unknown): number | undefined {
  return error instanceof AiBackendError ? error.options.status : undefined;
}

/** A tag is private too: one seen only on local_only thoughts names what they are about. */
function shareableContext(context: AnalysisContext): AnalysisContext {
  if (!context.localOnlyTags?.length) return context;
  const hidden = new Set(context.localOnlyTags);
  return {
    ...context,
    existingTags: context.existingTags.filter((tag) => !hidden.has(tag)),
    localOnlyTags: [],
  };
}

function withoutLocalOnly(input: ConsciousnessInput): ConsciousnessInput {
  const hidden = new Set(
    [...input.recentThoughts, ...input.trendThoughts].filter((t) => t.localOnly).map((t) => t.id),
  );
  if (hidden.size === 0) return input;
  return {
    ...input,
    recentThoughts: input.recentThoughts.filter((t) => !hidden.has(t.id)),
    trendThoughts: input.trendThoughts.filter((t) => !hidden.has(t.id)),
    // A task's title may quote its private thought.
    openTasks: input.openTasks.filter(
      (task) => !task.sourceThoughtId || !hidden.has(task.sourceThoughtId),
    ),
  };
}
