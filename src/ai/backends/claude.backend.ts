import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { AiBackendError, AiOutputInvalidError } from '../ai-errors.js';
import type {
  AiBackend,
  AnalysisContext,
  BackendAnswer,
  BackendCallOptions,
  ConsciousnessInput,
  ThoughtForAnalysis,
} from '../ai.types.js';
import { ANALYZE_THOUGHT_PROMPT, CONSCIOUSNESS_CHECK_PROMPT } from '../prompts/index.js';
import { abortFailure, classifyHttpFailure, parseRetryAfter } from './http-failure.js';

export interface ClaudeBackendOptions {
  apiKey?: string;
  /** Unset: the SDK's default (api.anthropic.com). Tests point it at the fake server. */
  baseURL?: string;
  model: string;
  fallbackModel?: string;
  timeoutMs: number;
}

interface ToolCall {
  system: string;
  user: string;
  toolName: string;
  toolDescription: string;
  jsonSchema: Record<string, unknown>;
  maxOutputTokens: number;
  promptVersion: string;
}

/**
 * Claude through the official SDK, structured output through one forced tool call. The SDK
 * never retries (`maxRetries: 0`) and gives up after `timeoutMs`: the orchestrator owns
 * retries so it can honour retry-after, switch to the fallback model and keep its time budget.
 */
export class ClaudeBackend implements AiBackend {
  readonly name = 'claude' as const;
  readonly isCloud = true;
  readonly model: string;
  readonly fallbackModel?: string;
  private readonly client: Anthropic | null;

  constructor(options: ClaudeBackendOptions) {
    this.model = options.model;
    this.fallbackModel = options.fallbackModel && options.fallbackModel !== options.model ? options.fallbackModel : undefined;
    this.client = options.apiKey
      ? new Anthropic({
          apiKey: options.apiKey,
          baseURL: options.baseURL,
          timeout: options.timeoutMs,
          maxRetries: 0,
          // The SDK's own logging is off: we log the error class, never request details.
          logLevel: 'off',
          openTelemetry: false,
        })
      : null;
  }

  isConfigured(): boolean {
    return this.client !== null;
  }

  analyzeThought(thought: ThoughtForAnalysis, context: AnalysisContext, signal: AbortSignal, options?: BackendCallOptions): Promise<BackendAnswer> {
    const prompt = ANALYZE_THOUGHT_PROMPT;
    return this.callTool({ ...prompt, promptVersion: prompt.version, user: prompt.render(thought, context) }, signal, options);
  }

  consciousnessCheck(input: ConsciousnessInput, signal: AbortSignal, options?: BackendCallOptions): Promise<BackendAnswer> {
    const prompt = CONSCIOUSNESS_CHECK_PROMPT;
    return this.callTool({ ...prompt, promptVersion: prompt.version, user: prompt.render(input) }, signal, options);
  }

  private async callTool(call: ToolCall, signal: AbortSignal, options?: BackendCallOptions): Promise<BackendAnswer> {
    if (!this.client) throw new AiBackendError('auth', 'ANTHROPIC_API_KEY is not set', { retryable: false });
    const model = options?.model ?? this.model;
    let response: unknown;
    try {
      response = await this.client.messages.create(
        {
          model,
          max_tokens: call.maxOutputTokens,
          system: call.system,
          messages: [{ role: 'user', content: call.user }],
          tools: [{ name: call.toolName, description: call.toolDescription, input_schema: call.jsonSchema as Anthropic.Tool.InputSchema }],
          tool_choice: { type: 'tool', name: call.toolName, disable_parallel_tool_use: true },
        },
        { signal },
      );
    } catch (error) {
      throw toBackendError(error, signal);
    }
    return { output: toolInput(response, call.toolName), model, usage: usageOf(response), promptVersion: call.promptVersion };
  }
}

/** The forced tool call's input; a reply without one (prose, a refusal) is invalid output. */
function toolInput(response: unknown, toolName: string): unknown {
  const content = (response as { content?: unknown })?.content;
  if (!Array.isArray(content)) throw new AiOutputInvalidError('claude: response has no content blocks');
  const block = content.find((b: { type?: string; name?: string }) => b?.type === 'tool_use' && b.name === toolName);
  if (!block) throw new AiOutputInvalidError('claude: no tool_use block in the response');
  return (block as { input: unknown }).input;
}

function usageOf(response: unknown): { inputTokens: number; outputTokens: number } {
  const usage = (response as { usage?: { input_tokens?: unknown; output_tokens?: unknown } })?.usage;
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : 0);
  return { inputTokens: count(usage?.input_tokens), outputTokens: count(usage?.output_tokens) };
}

function toBackendError(error: unknown, signal: AbortSignal): Error {
  if (error instanceof APIUserAbortError) return abortFailure(signal);
  if (error instanceof APIConnectionTimeoutError) return new AiBackendError('timeout', 'timeout', { retryable: true });
  if (error instanceof APIConnectionError) return new AiBackendError('connection', 'connection failed', { retryable: true });
  if (error instanceof APIError && typeof error.status === 'number') {
    return classifyHttpFailure(error.status, error.apiMessage ?? error.message, {
      type: error.type,
      retryAfterMs: parseRetryAfter(error.headers),
    });
  }
  // A 200 whose body is not JSON: the SDK's JSON parse fails. By name: fetch's errors come
  // from Node's own realm, where `instanceof` against another realm's SyntaxError fails.
  if ((error as Error)?.name === 'SyntaxError') return new AiOutputInvalidError('claude: response body is not JSON');
  return new AiBackendError('internal', 'unexpected error from the Anthropic client', { retryable: false });
}
