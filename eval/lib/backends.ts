/**
 * The backends the scoreboard judges: the offline one always; Claude and Ollama only when the
 * environment configures them and never in CI (they cost money or need a model server).
 */
import type { AiBackend } from '../../src/ai/ai.types.js';
import { ClaudeBackend } from '../../src/ai/backends/claude.backend.js';
import { LocalBackend } from '../../src/ai/backends/local.backend.js';
import { OllamaBackend } from '../../src/ai/backends/ollama.backend.js';

export function evalBackends(env: NodeJS.ProcessEnv = process.env): AiBackend[] {
  const backends: AiBackend[] = [new LocalBackend()];
  if (env.CI) return backends;
  if (env.ANTHROPIC_API_KEY)
    backends.push(
      new ClaudeBackend({
        apiKey: env.ANTHROPIC_API_KEY,
        baseURL: env.ANTHROPIC_BASE_URL,
        model: env.CLAUDE_MODEL ?? 'claude-sonnet-4-6',
        timeoutMs: 60_000,
      }),
    );
  if (env.EVAL_OLLAMA_MODEL)
    backends.push(
      new OllamaBackend({
        host: env.OLLAMA_BASE_URL ?? 'http://127.0.0.1:11434',
        model: env.EVAL_OLLAMA_MODEL,
        timeoutMs: 120_000,
        enabled: true,
      }),
    );
  return backends;
}
