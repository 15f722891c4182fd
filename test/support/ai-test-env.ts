import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AiRuntime } from '../../src/ai/ai-runtime.js';
import type { AnalysisContext, ThoughtForAnalysis } from '../../src/ai/ai.types.js';
import type { AnthropicFake } from '../fakes/anthropic-fake.js';
import type { OllamaFake } from '../fakes/ollama-fake.js';
import type { TestApp } from './test-app.js';

/** Shaped like a real key so a leak would be recognisable; never valid anywhere. */
export const FAKE_ANTHROPIC_KEY = 'sk-ant-test-key-do-not-log-0123456789';

/** The app wired to the fakes, with short timeouts so failure paths run in seconds. */
export function aiEnv(
  anthropic: AnthropicFake,
  ollama: OllamaFake,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    AI_BACKEND: 'auto',
    ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY,
    ANTHROPIC_BASE_URL: anthropic.url,
    OLLAMA_BASE_URL: ollama.url,
    CLAUDE_MODEL: 'claude-sonnet-4-6',
    CLAUDE_FALLBACK_MODEL: 'claude-haiku-4-5',
    OLLAMA_MODEL: 'llama3.1',
    AI_TIMEOUT_MS: '1000',
    OLLAMA_TIMEOUT_MS: '1000',
    AI_CALL_BUDGET_MS: '4000',
    AI_MAX_RETRIES: '2',
    AI_CIRCUIT_FAILURE_THRESHOLD: '100',
    AI_CIRCUIT_COOLDOWN_MS: '30000',
    AI_REQUESTS_PER_MINUTE: '1000',
    SCHEDULER_ENABLED: 'false',
    // No analysis jobs: only the test's own calls may reach the fakes.
    WORKERS_ENABLED: 'false',
    ...extra,
  };
}

export function thoughtOf(
  content: string,
  extra: Partial<ThoughtForAnalysis> = {},
): ThoughtForAnalysis {
  return { id: randomUUID(), content, tags: [], createdAt: new Date(), localOnly: false, ...extra };
}

export function contextFor(userId: string): AnalysisContext {
  return {
    userId,
    profile: { ongoingProjects: [{ name: 'Website relaunch', status: 'active' }], goals: [] },
    existingTags: ['work', 'family'],
    timezone: 'Europe/Berlin',
    now: new Date(),
  };
}

/** Retry waits are recorded instead of slept; the clock can be moved forward. */
export function controlRuntime(testApp: TestApp): {
  sleeps: number[];
  advance: (ms: number) => void;
} {
  const runtime = testApp.app.get(AiRuntime);
  const sleeps: number[] = [];
  let offset = 0;
  jest.spyOn(runtime, 'sleep').mockImplementation(async (ms: number) => void sleeps.push(ms));
  jest.spyOn(runtime, 'now').mockImplementation(() => Date.now() + offset);
  return { sleeps, advance: (ms) => void (offset += ms) };
}

export interface LedgerRow {
  operation: string;
  backend: string;
  model: string;
  prompt_version: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  latency_ms: number;
  outcome: string;
  error_class: string | null;

  result: any;
  thought_id: string | null;
  created_at: Date;
}

export function ledgerRows(testApp: TestApp, userId: string): Promise<LedgerRow[]> {
  return testApp.app.get(DataSource).query(
    `SELECT operation, backend, model, prompt_version, input_tokens, output_tokens, cost_usd::float8 AS cost_usd,
              latency_ms, outcome, error_class, result, thought_id, created_at
         FROM ai_analysis_results WHERE user_id = $1 ORDER BY created_at, latency_ms`,
    [userId],
  );
}

/** "backend:outcome:error_class" per row, sorted: rows written in the same millisecond have no order. */
export function summary(rows: LedgerRow[]): string[] {
  return rows.map((row) => `${row.backend}:${row.outcome}:${row.error_class ?? '-'}`).sort();
}
