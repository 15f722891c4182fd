import { Ollama } from 'ollama';
import { AiBackendError, AiOutputInvalidError } from '../ai-errors.js';
import type {
  AiBackend,
  AnalysisContext,
  BackendAnswer,
  ConsciousnessInput,
  ThoughtForAnalysis,
} from '../ai.types.js';
import { ANALYZE_THOUGHT_PROMPT, CONSCIOUSNESS_CHECK_PROMPT } from '../prompts/index.js';
import { abortFailure, classifyHttpFailure } from './http-failure.js';

export interface OllamaBackendOptions {
  host: string;
  model: string;
  timeoutMs: number;
  /** Whether to try Ollama at all (AI_BACKEND is 'ollama' or 'auto'). */
  enabled: boolean;
}

interface ChatCall {
  system: string;
  user: string;
  jsonSchema: Record<string, unknown>;
  promptVersion: string;
}

/**
 * A local or LAN Ollama server through the `ollama` client, structured output through
 * `format` (a JSON schema). The client has no timeout and passes no signal on non-streaming
 * calls, so each call gets its own client whose `fetch` carries both the timeout and the
 * orchestrator's signal.
 */
export class OllamaBackend implements AiBackend {
  readonly name = 'ollama' as const;
  readonly isCloud = false;
  readonly model: string;

  constructor(private readonly options: OllamaBackendOptions) {
    this.model = options.model;
  }

  isConfigured(): boolean {
    return this.options.enabled;
  }

  analyzeThought(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
    signal: AbortSignal,
  ): Promise<BackendAnswer> {
    const prompt = ANALYZE_THOUGHT_PROMPT;
    return this.chat(
      { ...prompt, promptVersion: prompt.version, user: prompt.render(thought, context) },
      signal,
    );
  }

  consciousnessCheck(input: ConsciousnessInput, signal: AbortSignal): Promise<BackendAnswer> {
    const prompt = CONSCIOUSNESS_CHECK_PROMPT;
    return this.chat(
      { ...prompt, promptVersion: prompt.version, user: prompt.render(input) },
      signal,
    );
  }

  private async chat(call: ChatCall, signal: AbortSignal): Promise<BackendAnswer> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const client = new Ollama({
      host: this.options.host,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          signal: AbortSignal.any([timeout, signal, ...(init?.signal ? [init.signal] : [])]),
        }),
    });
    let content: string;
    let usage: { inputTokens: number; outputTokens: number };
    try {
      const response = await client.chat({
        model: this.options.model,
        messages: [
          { role: 'system', content: call.system },
          { role: 'user', content: call.user },
        ],
        format: call.jsonSchema,
        stream: false,
        options: { temperature: 0 },
      });
      content = typeof response?.message?.content === 'string' ? response.message.content : '';
      usage = {
        inputTokens: count(response?.prompt_eval_count),
        outputTokens: count(response?.eval_count),
      };
    } catch (error) {
      throw toBackendError(error, signal, timeout);
    }
    return {
      output: parseJson(content),
      model: this.options.model,
      usage,
      promptVersion: call.promptVersion,
    };
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : 0;
}

/** `format` asks for JSON, but a model can still answer in prose: that is invalid output. */
function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    throw new AiOutputInvalidError('ollama: message content is not JSON');
  }
}

function toBackendError(error: unknown, signal: AbortSignal, timeout: AbortSignal): Error {
  if (error instanceof AiBackendError || error instanceof AiOutputInvalidError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return timeout.aborted
      ? new AiBackendError('timeout', 'timeout', { retryable: true })
      : abortFailure(signal);
  }
  // The client's ResponseError: non-2xx with Ollama's {"error": "..."} body.
  const status = (error as { status_code?: unknown })?.status_code;
  if (typeof status === 'number')
    return classifyHttpFailure(status, (error as Error).message ?? '');
  // A 200 whose body is not JSON (the client's response.json() fails). Checked by name, as
  // fetch's errors come from Node's own realm, where `instanceof` a different realm's class fails.
  if (name === 'SyntaxError') return new AiOutputInvalidError('ollama: response body is not JSON');
  // fetch() rejects with a TypeError when the server is unreachable.
  if (name === 'TypeError')
    return new AiBackendError('connection', 'connection failed', { retryable: true });
  return new AiBackendError('internal', 'unexpected error from the Ollama client', {
    retryable: false,
  });
}
