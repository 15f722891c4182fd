import { FakeServer, type RecordedRequest, type Reply } from './fake-server.js';
import { goodAnalysis, goodCheck } from './anthropic-fake.js';

/** One scripted answer of the fake Ollama `/api/chat`. */
export type OllamaStep =
  | { kind: 'json'; content: unknown; promptEvalCount?: number; evalCount?: number }
  /** message.content that is not JSON (a model answering in prose despite `format`). */
  | { kind: 'content'; content: string }
  | { kind: 'error'; status: number; message: string }
  | { kind: 'slow'; delayMs: number; then?: OllamaStep }
  | { kind: 'down' };

export const ollama = {
  json: (content: unknown, promptEvalCount = 800, evalCount = 200): OllamaStep => ({
    kind: 'json',
    content,
    promptEvalCount,
    evalCount,
  }),
  prose: (content: string): OllamaStep => ({ kind: 'content', content }),
  error: (status = 500, message = 'model runner has unexpectedly stopped'): OllamaStep => ({
    kind: 'error',
    status,
    message,
  }),
  slow: (delayMs: number, then?: OllamaStep): OllamaStep => ({ kind: 'slow', delayMs, then }),
  down: (): OllamaStep => ({ kind: 'down' }),
};

export function chatPrompt(request: RecordedRequest): string {
  const messages: { role: string; content: string }[] = request.body?.messages ?? [];
  return messages.find((m) => m.role === 'user')?.content ?? '';
}

function render(step: OllamaStep, request: RecordedRequest): Reply {
  switch (step.kind) {
    case 'json':
    case 'content': {
      const content = step.kind === 'json' ? JSON.stringify(step.content) : step.content;
      return {
        status: 200,
        body: JSON.stringify({
          model: request.body?.model,
          created_at: new Date().toISOString(),
          message: { role: 'assistant', content },
          done: true,
          done_reason: 'stop',
          total_duration: 1_500_000_000,
          load_duration: 10_000_000,
          prompt_eval_count: step.kind === 'json' ? (step.promptEvalCount ?? 800) : 800,
          prompt_eval_duration: 500_000_000,
          eval_count: step.kind === 'json' ? (step.evalCount ?? 200) : 200,
          eval_duration: 900_000_000,
        }),
      };
    }
    case 'error':
      return { status: step.status, body: JSON.stringify({ error: step.message }) };
    case 'slow':
      return {
        ...render(step.then ?? ollama.json(goodAnalysis()), request),
        delayMs: step.delayMs,
      };
    case 'down':
      return { status: 0, body: '', destroy: true };
  }
}

function defaultStep(request: RecordedRequest): OllamaStep {
  const prompt = chatPrompt(request);
  return ollama.json(
    prompt.includes('<recent_thoughts>')
      ? goodCheck(prompt)
      : goodAnalysis({ summary: 'Answered by Ollama.' }),
  );
}

export type OllamaFake = FakeServer<OllamaStep>;

/** Ollama's `POST /api/chat` (non-streaming) on 127.0.0.1, scripted per test. */
export function startOllamaFake(): Promise<OllamaFake> {
  return new FakeServer<OllamaStep>(
    (method, path) => method === 'POST' && path === '/api/chat',
    render,
    defaultStep,
  ).start();
}
