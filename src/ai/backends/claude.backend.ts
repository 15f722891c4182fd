import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { AiBackendError, AiOutputInvalidError } from '../ai-errors.js';
import type {
  AiBackend,
  AnalysisContext,
  BackendAnswer,
  BackendCallOptions,
  ConsciousnessInput,
  ThoughtForAnalysis,
  TokenUsage,
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
  /** Instructions, then the user's standing facts; the last block carries the cache breakpoint. */
  system: string[];
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
    this.fallbackModel =
      options.fallbackModel && options.fallbackModel !== options.model
        ? options.fallbackModel
        : undefined;
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

  analyzeThought(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
    signal: AbortSignal,
    options?: BackendCallOptions,
  ): Promise<BackendAnswer> {
    return this.callTool(analyzeCall(thought, context), signal, options);
  }

  consciousnessCheck(
    input: ConsciousnessInput,
    signal: AbortSignal,
    options?: BackendCallOptions,
  ): Promise<BackendAnswer> {
    const prompt = CONSCIOUSNESS_CHECK_PROMPT;
    return this.callTool(
      {
        ...prompt,
        system: [prompt.system],
        promptVersion: prompt.version,
        user: prompt.render(input),
      },
      signal,
      options,
    );
  }

  /** The Messages request a thought's analysis sends: the same one, alone or in a batch. */
  analyzeRequest(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
  ): { params: Anthropic.MessageCreateParamsNonStreaming; promptVersion: string } {
    const call = analyzeCall(thought, context);
    return { params: requestOf(call, this.model), promptVersion: call.promptVersion };
  }

  /** The SDK client for the Message Batches API; null without a key. */
  batchesClient(): Anthropic['messages']['batches'] | null {
    return this.client?.messages.batches ?? null;
  }

  private async callTool(
    call: ToolCall,
    signal: AbortSignal,
    options?: BackendCallOptions,
  ): Promise<BackendAnswer> {
    if (!this.client)
      throw new AiBackendError('auth', 'ANTHROPIC_API_KEY is not set', { retryable: false });
    const model = options?.model ?? this.model;
    let response: unknown;
    try {
      response = await this.client.messages.create(requestOf(call, model), { signal });
    } catch (error) {
      throw toBackendError(error, signal);
    }
    return answerOf(response, call.toolName, model, call.promptVersion);
  }
}

function analyzeCall(thought: ThoughtForAnalysis, context: AnalysisContext): ToolCall {
  const prompt = ANALYZE_THOUGHT_PROMPT;
  return {
    ...prompt,
    system: [prompt.system, prompt.stable(context)],
    promptVersion: prompt.version,
    user: prompt.variable(thought, context),
  };
}

/**
 * Prompt caching: the tools, the instructions and the user's standing facts form a prefix that
 * is the same for every thought of a user, so one breakpoint after its last block caches all
 * of it (the API caches tools, then system, up to the breakpoint); only the thought after it
 * is read afresh. Below the model's minimum cacheable length the API simply does not cache.
 */
function requestOf(call: ToolCall, model: string): Anthropic.MessageCreateParamsNonStreaming {
  const last = call.system.length - 1;
  return {
    model,
    max_tokens: call.maxOutputTokens,
    system: call.system.map((text, index): Anthropic.TextBlockParam =>
      index === last
        ? { type: 'text', text, cache_control: { type: 'ephemeral' } }
        : { type: 'text', text },
    ),
    messages: [{ role: 'user', content: call.user }],
    tools: [
      {
        name: call.toolName,
        description: call.toolDescription,
        input_schema: call.jsonSchema as Anthropic.Tool.InputSchema,
      },
    ],
    tool_choice: { type: 'tool', name: call.toolName, disable_parallel_tool_use: true },
  };
}

/** A Messages response (alone, or one item of a batch) as a backend answer; throws on one without the tool call. */
export function answerOf(
  response: unknown,
  toolName: string,
  model: string,
  promptVersion: string,
): BackendAnswer {
  return { output: toolInput(response, toolName), model, usage: usageOf(response), promptVersion };
}

/** The forced tool call's input; a reply without one (prose, a refusal) is invalid output. */
function toolInput(response: unknown, toolName: string): unknown {
  const content = (response as { content?: unknown })?.content;
  if (!Array.isArray(content))
    throw new AiOutputInvalidError('claude: response has no content blocks');
  const block = content.find(
    (b: { type?: string; name?: string }) => b?.type === 'tool_use' && b.name === toolName,
  );
  if (!block) throw new AiOutputInvalidError('claude: no tool_use block in the response');
  return (block as { input: unknown }).input;
}

/** Tokens as billed; the cache fields are null (or absent) when the request cached nothing. */
function usageOf(response: unknown): TokenUsage {
  const usage = (response as { usage?: Record<string, unknown> })?.usage;
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : 0;
  return {
    inputTokens: count(usage?.input_tokens),
    outputTokens: count(usage?.output_tokens),
    cacheCreationInputTokens: count(usage?.cache_creation_input_tokens),
    cacheReadInputTokens: count(usage?.cache_read_input_tokens),
  };
}

function toBackendError(error: unknown, signal: AbortSignal): Error {
  if (error instanceof APIUserAbortError) return abortFailure(signal);
  if (error instanceof APIConnectionTimeoutError)
    return new AiBackendError('timeout', 'timeout', { retryable: true });
  if (error instanceof APIConnectionError)
    return new AiBackendError('connection', 'connection failed', { retryable: true });
  if (error instanceof APIError && typeof error.status === 'number') {
    return classifyHttpFailure(error.status, error.apiMessage ?? error.message, {
      type: error.type,
      retryAfterMs: parseRetryAfter(error.headers),
    });
  }
  // A 200 whose body is not JSON: the SDK's JSON parse fails. By name: fetch's errors come
  // from Node's own realm, where `instanceof` against another realm's SyntaxError fails.
  if ((error as Error)?.name === 'SyntaxError')
    return new AiOutputInvalidError('claude: response body is not JSON');
  return new AiBackendError('internal', 'unexpected error from the Anthropic client', {
    retryable: false,
  });
}
