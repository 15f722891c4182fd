import type { AppConfig } from '../config/app-config.js';
import type { AI_BACKENDS as AI_BACKEND_MODES } from '../config/env.schema.js';
import type { BackoffOptions } from './backoff.js';

export type AiMode = (typeof AI_BACKEND_MODES)[number];

export interface AiOptions {
  /** AI_BACKEND: the server's choice; a user's setting only refines 'auto'. */
  mode: AiMode;
  /** Retries per backend after the first attempt. */
  maxRetries: number;
  /** Wall-clock budget for one orchestrator call across all remote backends. */
  callBudgetMs: number;
  backoff: BackoffOptions;
  circuit: { failureThreshold: number; cooldownMs: number };
  requestsPerMinute: number;
}

export function aiOptionsFromConfig(config: AppConfig): AiOptions {
  return {
    mode: config.get('AI_BACKEND', { infer: true }),
    maxRetries: config.get('AI_MAX_RETRIES', { infer: true }),
    callBudgetMs: config.get('AI_CALL_BUDGET_MS', { infer: true }),
    backoff: { baseMs: 500, capMs: 8_000 },
    circuit: {
      failureThreshold: config.get('AI_CIRCUIT_FAILURE_THRESHOLD', { infer: true }),
      cooldownMs: config.get('AI_CIRCUIT_COOLDOWN_MS', { infer: true }),
    },
    requestsPerMinute: config.get('AI_REQUESTS_PER_MINUTE', { infer: true }),
  };
}
