import type {
  AiBackend,
  AnalysisContext,
  BackendAnswer,
  ConsciousnessInput,
  ConsciousnessResult,
  ThoughtAnalysis,
  ThoughtForAnalysis,
} from '../ai.types.js';
import { analyzeLocally } from './local/analyze.js';
import { checkLocally } from './local/consciousness.js';
import { loadNlp } from './local/nlp.js';
import { abortFailure } from './http-failure.js';
import type { LocalThreadPool } from './local-thread/local-thread-pool.js';

export const LOCAL_MODEL = 'wink-eng-lite-web-model@1.8.1';
export const LOCAL_PROMPT_VERSION = 'local-v1';

const NO_TOKENS = { inputTokens: 0, outputTokens: 0 };

/**
 * The offline backend: wink-nlp's English model for words and structure, chrono-node for dates,
 * and rules for the rest. Nothing leaves the process, it costs nothing and it is deterministic
 * (the clock it reads is `context.now` / `input.now`), so it is the end of every fallback chain.
 *
 * Its output is the same snake_case wire shape the LLM backends return, so the orchestrator
 * validates every backend's answer with one schema.
 */
export class LocalBackend implements AiBackend {
  readonly name = 'local' as const;
  readonly isCloud = false;
  readonly model = LOCAL_MODEL;

  /** With a pool, the CPU-heavy rules run in worker threads; without (unit tests), on this thread. */
  constructor(private readonly threads?: LocalThreadPool) {}

  isConfigured(): boolean {
    return true;
  }

  async analyzeThought(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
    signal: AbortSignal,
  ): Promise<BackendAnswer> {
    if (this.threads) {
      const { existingTags, rejectedTags, profile, timezone, now } = context;
      const analysis = await this.inThread<ThoughtAnalysis>(
        {
          kind: 'analyze',
          content: thought.content,
          context: { existingTags, rejectedTags, profile, timezone, now },
        },
        signal,
      );
      return this.answer(analysisWire(analysis));
    }
    const nlp = await loadNlp();
    if (signal.aborted) throw abortFailure(signal);
    return this.answer(analysisWire(analyzeLocally(nlp, thought.content, context)));
  }

  async consciousnessCheck(input: ConsciousnessInput, signal: AbortSignal): Promise<BackendAnswer> {
    if (this.threads)
      return this.answer(
        checkWire(await this.inThread<ConsciousnessResult>({ kind: 'check', input }, signal)),
      );
    const nlp = await loadNlp();
    if (signal.aborted) throw abortFailure(signal);
    return this.answer(checkWire(checkLocally(nlp, input)));
  }

  private async inThread<T>(
    task: Parameters<LocalThreadPool['run']>[0],
    signal: AbortSignal,
  ): Promise<T> {
    try {
      return await this.threads!.run<T>(task, signal);
    } catch (error) {
      if (signal.aborted) throw abortFailure(signal);
      throw error;
    }
  }

  private answer(output: unknown): BackendAnswer {
    return {
      output,
      model: LOCAL_MODEL,
      usage: { ...NO_TOKENS },
      promptVersion: LOCAL_PROMPT_VERSION,
    };
  }
}

/** ThoughtAnalysis in the wire shape of thought-analysis.schema.ts. */
export function analysisWire(analysis: ThoughtAnalysis): Record<string, unknown> {
  return {
    tags: analysis.tags,
    thought_type: analysis.thoughtType,
    is_actionable: analysis.isActionable,
    tasks: analysis.tasks.map((task) => ({
      title: task.title,
      priority: task.priority,
      due_date: task.dueDate,
      due_time: task.dueTime,
      due_text: task.dueText,
      confidence: task.confidence,
      evidence: task.evidence,
    })),
    summary: analysis.summary,
    sentiment: analysis.sentiment ?? null,
    energy: analysis.energy ?? null,
  };
}

/** ConsciousnessResult in the wire shape of consciousness.schema.ts. */
export function checkWire(result: ConsciousnessResult): Record<string, unknown> {
  return {
    summary: result.summary,
    patterns: result.patterns.map((p) => ({
      kind: p.kind,
      title: p.title,
      description: p.description,
      thought_ids: p.thoughtIds,
      confidence: p.confidence,
    })),
    insights: result.insights.map((i) => ({
      title: i.title,
      description: i.description,
      thought_ids: i.thoughtIds,
    })),
    suggestions: result.suggestions.map((s) => ({
      title: s.title,
      description: s.description ?? null,
      priority: s.priority,
      thought_ids: s.thoughtIds,
      confidence: s.confidence,
    })),
  };
}
