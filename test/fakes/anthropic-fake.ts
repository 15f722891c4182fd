import { randomUUID } from 'node:crypto';
import { FakeBatches } from './anthropic-batches.js';
import { FakePromptCache } from './anthropic-prompt-cache.js';
import { FakeServer, type RecordedRequest, type Reply } from './fake-server.js';

/** One scripted answer of the fake Messages API. */
export type AnthropicStep =
  | { kind: 'tool_use'; input: unknown; usage?: { input_tokens: number; output_tokens: number } }
  /** A text block instead of the forced tool call (prose, a refusal). */
  | { kind: 'text'; text: string }
  /** The user prompt sent back as text, as a model hijacked by the thought might. */
  | { kind: 'echo' }
  | {
      kind: 'error';
      status: number;
      type: string;
      message: string;
      headers?: Record<string, string>;
    }
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  | { kind: 'slow'; delayMs: number; then?: AnthropicStep }
  /** The connection dropped without an answer: the API is down. */
  | { kind: 'drop' };

export const DEFAULT_USAGE = { input_tokens: 1200, output_tokens: 300 };

export const anthropic = {
  toolUse: (input: unknown, usage = DEFAULT_USAGE): AnthropicStep => ({
    kind: 'tool_use',
    input,
    usage,
  }),
  overloaded: (): AnthropicStep => ({
    kind: 'error',
    status: 529,
    type: 'overloaded_error',
    message: 'Overloaded',
  }),
  serverError: (): AnthropicStep => ({
    kind: 'error',
    status: 500,
    type: 'api_error',
    message: 'Internal server error',
  }),
  rateLimited: (retryAfterSeconds: number): AnthropicStep => ({
    kind: 'error',
    status: 429,
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  spendCap: (): AnthropicStep => ({
    kind: 'error',
    status: 429,
    type: 'rate_limit_error',
    message:
      'You have reached your specified API usage limits. You will regain access on 2026-02-01 at 00:00 UTC.',
    headers: { 'retry-after': '1' },
  }),
  badRequest: (): AnthropicStep => ({
    kind: 'error',
    status: 400,
    type: 'invalid_request_error',
    message: 'max_tokens: field required',
  }),
  unauthorized: (): AnthropicStep => ({
    kind: 'error',
    status: 401,
    type: 'authentication_error',
    message: 'invalid x-api-key',
  }),
  malformedJson: (): AnthropicStep => ({
    kind: 'raw',
    status: 200,
    body: '{"id": "msg_1", "content": [{"type": "tool_use", ',
  }),
  slow: (delayMs: number, then?: AnthropicStep): AnthropicStep => ({ kind: 'slow', delayMs, then }),
  text: (text: string): AnthropicStep => ({ kind: 'text', text }),
  echo: (): AnthropicStep => ({ kind: 'echo' }),
  drop: (): AnthropicStep => ({ kind: 'drop' }),
};

/** A valid analysis for any thought (no tasks: the fake cannot quote a thought it does not know). */
export function goodAnalysis(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tags: [
      { tag: 'Work', confidence: 0.9 },
      { tag: '#planning', confidence: 0.7 },
    ],
    thought_type: 'idea',
    is_actionable: false,
    tasks: [],
    summary: 'An idea about work planning.',
    sentiment: 'neutral',
    energy: null,
    ...overrides,
  };
}

/** A valid check citing the thought ids found in the prompt (plus one invented id). */
export function goodCheck(prompt: string): Record<string, unknown> {
  const ids = [...prompt.matchAll(/<thought id="([^"]+)"/g)].map((match) => match[1]);
  return {
    summary: 'You keep coming back to the same topics.',
    patterns: [
      {
        kind: 'recurring_theme',
        title: 'Recurring topic',
        description: 'It comes up often.',
        thought_ids: [...ids, '00000000-0000-4000-8000-000000000000'],
        confidence: 0.8,
      },
    ],
    insights: [
      { title: 'Insight', description: 'Something useful.', thought_ids: ids.slice(0, 1) },
    ],
    suggestions: [
      { title: 'Follow up', priority: 'medium', thought_ids: ids.slice(0, 1), confidence: 0.6 },
    ],
  };
}

export function userPrompt(request: RecordedRequest): string {
  const content = request.body?.messages?.[0]?.content;
  return typeof content === 'string' ? content : JSON.stringify(content ?? '');
}

function message(
  request: RecordedRequest,
  content: unknown[],
  usage: Record<string, number> = DEFAULT_USAGE,
): string {
  return JSON.stringify({
    id: `msg_${randomUUID().replace(/-/g, '')}`,
    type: 'message',
    role: 'assistant',
    model: request.body?.model ?? 'claude-unknown',
    content,
    stop_reason: content.some((block) => (block as { type: string }).type === 'tool_use')
      ? 'tool_use'
      : 'end_turn',
    stop_sequence: null,
    usage,
  });
}

/** The key the client sent: this SDK sends `Authorization: Bearer`, older ones `x-api-key`. */
export function apiKeyOf(request: RecordedRequest): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
  return bearer ?? (request.headers['x-api-key'] as string | undefined);
}

function render(step: AnthropicStep, request: RecordedRequest, cache: FakePromptCache): Reply {
  const headers = { 'request-id': `req_${randomUUID().slice(0, 8)}` };
  if (!apiKeyOf(request)) {
    return {
      status: 401,
      headers,
      body: JSON.stringify({
        type: 'error',
        error: { type: 'authentication_error', message: 'x-api-key header is required' },
      }),
    };
  }
  switch (step.kind) {
    case 'tool_use': {
      const name = request.body?.tool_choice?.name ?? 'tool';
      const block = {
        type: 'tool_use',
        id: `toolu_${randomUUID().slice(0, 12)}`,
        name,
        input: step.input,
      };
      return {
        status: 200,
        headers,
        body: message(request, [block], { ...step.usage, ...cache.usage(request.body) }),
      };
    }
    case 'text':
      return {
        status: 200,
        headers,
        body: message(request, [{ type: 'text', text: step.text }], {
          ...DEFAULT_USAGE,
          ...cache.usage(request.body),
        }),
      };
    case 'echo':
      return {
        status: 200,
        headers,
        body: message(request, [
          { type: 'text', text: `${systemText(request)}\n${userPrompt(request)}` },
        ]),
      };
    case 'error':
      return {
        status: step.status,
        headers: { ...headers, ...step.headers },
        body: JSON.stringify({ type: 'error', error: { type: step.type, message: step.message } }),
      };
    case 'raw':
      return {
        status: step.status,
        headers: { ...headers, 'content-type': step.contentType ?? 'application/json' },
        body: step.body,
      };
    case 'slow':
      return {
        ...render(step.then ?? anthropic.toolUse(goodAnalysis()), request, cache),
        delayMs: step.delayMs,
      };
    case 'drop':
      return { status: 0, body: '', destroy: true };
  }
}

function defaultStep(request: RecordedRequest): AnthropicStep {
  return request.body?.tool_choice?.name === 'record_consciousness_check'
    ? anthropic.toolUse(goodCheck(userPrompt(request)))
    : anthropic.toolUse(goodAnalysis());
}

/** The system prompt as text, whether sent as a string or as content blocks. */
export function systemText(request: RecordedRequest): string {
  const system = request.body?.system;
  return Array.isArray(system)
    ? system.map((block: { text?: string }) => block.text ?? '').join('\n')
    : String(system ?? '');
}

export type AnthropicFake = FakeServer<AnthropicStep> & {
  /** Prompt caching as the API reports it: a write the first time a cache_control'd prefix is seen, reads after. */
  promptCache: FakePromptCache;
  /** The Message Batches endpoints, their processing states and per-item outcomes. */
  batches: FakeBatches;
};

const BATCH_PATH = /^\/v1\/messages\/batches(\/[^/]+(\/results)?)?$/;

/**
 * The Anthropic Messages API (`POST /v1/messages`) on 127.0.0.1, scripted per test, with prompt
 * caching in its usage block and the Message Batches API (`/v1/messages/batches...`).
 */
export async function startAnthropicFake(): Promise<AnthropicFake> {
  const promptCache = new FakePromptCache();
  const renderWithCache = (step: AnthropicStep, request: RecordedRequest) =>
    render(step, request, promptCache);
  // A batch item is answered like a Messages request with the batch request's key.
  const batches: FakeBatches = new FakeBatches(
    () => server.url,
    (params, step) => {
      const request: RecordedRequest = {
        method: 'POST',
        path: '/v1/messages',
        headers: { authorization: 'Bearer batch' },
        body: params,
      };
      return renderWithCache(step ?? defaultStep(request), request);
    },
  );
  const server = new FakeServer<AnthropicStep>(
    (method, path) => (method === 'POST' && path === '/v1/messages') || BATCH_PATH.test(path),
    renderWithCache,
    defaultStep,
    (request) => (request.path === '/v1/messages' ? null : batches.handle(request)),
  );
  // reset() between tests forgets the cache and the batches too.
  const resetRequests = server.reset.bind(server);
  server.reset = () => {
    resetRequests();
    promptCache.reset();
    batches.reset();
  };
  await server.start();
  return Object.assign(server, { promptCache, batches });
}
