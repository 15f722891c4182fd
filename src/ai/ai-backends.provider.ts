import type { FactoryProvider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config.js';
import type { AiBackend } from './ai.types.js';
import { AI_BACKENDS } from './ai.tokens.js';
import { ClaudeBackend } from './backends/claude.backend.js';
import { LocalBackend } from './backends/local.backend.js';
import { LocalThreadPool } from './backends/local-thread/local-thread-pool.js';
import { MockBackend } from './backends/mock.backend.js';
import { OllamaBackend } from './backends/ollama.backend.js';

/**
 * Driver token plus factory: every backend is built here from config, so the orchestrator
 * sees one list and tests swap a backend by changing the environment, not the code. The
 * mock exists only under AI_BACKEND=mock, so it can never answer in production.
 */
export const aiBackendsProvider: FactoryProvider<AiBackend[]> = {
  provide: AI_BACKENDS,
  inject: [ConfigService],
  useFactory: (config: AppConfig): AiBackend[] => {
    const mode = config.get('AI_BACKEND', { infer: true });
    const backends: AiBackend[] = [
      new ClaudeBackend({
        apiKey: config.get('ANTHROPIC_API_KEY', { infer: true }),
        baseURL: config.get('ANTHROPIC_BASE_URL', { infer: true }),
        model: config.get('CLAUDE_MODEL', { infer: true }),
        fallbackModel: config.get('CLAUDE_FALLBACK_MODEL', { infer: true }),
        timeoutMs: config.get('AI_TIMEOUT_MS', { infer: true }),
      }),
      new OllamaBackend({
        host: config.get('OLLAMA_BASE_URL', { infer: true }),
        model: config.get('OLLAMA_MODEL', { infer: true }),
        timeoutMs: config.get('OLLAMA_TIMEOUT_MS', { infer: true }),
        // Optional: tried only when chosen or in 'auto'; when it is not running, calls fall through.
        enabled: mode === 'ollama' || mode === 'auto',
      }),
      new LocalBackend(new LocalThreadPool(config.get('LOCAL_AI_THREADS', { infer: true }))),
    ];
    if (mode === 'mock')
      backends.push(new MockBackend({ delayMs: config.get('MOCK_AI_DELAY_MS', { infer: true }) }));
    return backends;
  },
};
