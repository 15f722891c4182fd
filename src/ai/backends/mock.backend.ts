import type {
  AiBackend,
  AnalysisContext,
  BackendAnswer,
  ConsciousnessInput,
  ThoughtForAnalysis,
} from '../ai.types.js';
import { ANALYZE_THOUGHT_PROMPT, CONSCIOUSNESS_CHECK_PROMPT } from '../prompts/index.js';

export type MockCall =
  | { operation: 'analyze_thought'; thought: ThoughtForAnalysis; context: AnalysisContext }
  | { operation: 'consciousness_check'; input: ConsciousnessInput };

/** Returns the raw output for a call (validated like any backend's), or throws to simulate a failure. */
export type MockScript = (call: MockCall) => unknown;

const TODO = /^\s*todo:\s*/i;

/**
 * Deterministic canned answers for tests (AI_BACKEND=mock): tags are the words written with
 * '#', a thought starting "todo:" is a task. `script()` replaces the answer per test, raw
 * output included, so tests can feed the orchestrator anything a real model might say.
 */
export class MockBackend implements AiBackend {
  readonly name = 'mock' as const;
  readonly isCloud = false;
  readonly model = 'mock';
  readonly calls: MockCall[] = [];
  private scripted: MockScript | null = null;

  /** delayMs: each answer takes this long (a worker can be killed mid-job in tests). */
  constructor(private readonly options: { delayMs?: number } = {}) {}

  isConfigured(): boolean {
    return true;
  }

  /** Answers every following call with `fn` (null: back to the canned answers). */
  script(fn: MockScript | null): void {
    this.scripted = fn;
  }

  async analyzeThought(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
    signal?: AbortSignal,
  ): Promise<BackendAnswer> {
    const call: MockCall = { operation: 'analyze_thought', thought, context };
    this.calls.push(call);
    await this.pause(signal);
    const output = this.scripted ? await this.scripted(call) : cannedAnalysis(thought);
    return {
      output,
      model: this.model,
      usage: { inputTokens: 0, outputTokens: 0 },
      promptVersion: ANALYZE_THOUGHT_PROMPT.version,
    };
  }

  async consciousnessCheck(
    input: ConsciousnessInput,
    signal?: AbortSignal,
  ): Promise<BackendAnswer> {
    const call: MockCall = { operation: 'consciousness_check', input };
    this.calls.push(call);
    await this.pause(signal);
    const output = this.scripted ? await this.scripted(call) : cannedCheck(input);
    return {
      output,
      model: this.model,
      usage: { inputTokens: 0, outputTokens: 0 },
      promptVersion: CONSCIOUSNESS_CHECK_PROMPT.version,
    };
  }

  private async pause(signal?: AbortSignal): Promise<void> {
    const delayMs = this.options.delayMs ?? 0;
    if (delayMs <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, delayMs);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }
}

function cannedAnalysis(thought: ThoughtForAnalysis): unknown {
  const tags = [...thought.content.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((match) => ({
    tag: match[1].toLowerCase(),
    confidence: 0.9,
  }));
  const todo = TODO.test(thought.content);
  const rest = thought.content.replace(TODO, '').trim();
  return {
    tags,
    thought_type: todo ? 'task' : 'note',
    is_actionable: todo,
    tasks: todo
      ? [
          {
            title: rest.slice(0, 120),
            priority: 'medium',
            due_date: null,
            due_time: null,
            due_text: null,
            confidence: 0.9,
            evidence: rest,
          },
        ]
      : [],
    summary: rest.split('\n')[0].slice(0, 200),
    sentiment: null,
    energy: null,
  };
}

function cannedCheck(input: ConsciousnessInput): unknown {
  const ids = input.recentThoughts.map((thought) => thought.id);
  return {
    summary: `${ids.length} new thoughts.`,
    patterns: ids.length
      ? [
          {
            kind: 'recurring_theme',
            title: 'Recent thoughts',
            description: 'What you wrote lately.',
            thought_ids: ids,
            confidence: 0.5,
          },
        ]
      : [],
    insights: [],
    suggestions: [],
  };
}
