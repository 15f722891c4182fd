import type { AiBackendName, TokenUsage } from './ai.types.js';

type Price = { input: number; output: number };

/**
 * USD per million tokens (input, output) from Anthropic's model pages (platform.claude.com,
 * checked 2026-11). A model matches its id or its dated snapshot ("claude-haiku-4-5-20251001").
 * Update with the price list; the ledger keeps the cost as estimated at the time of the call.
 */
export const CLAUDE_PRICES: Record<string, Price> = {
  'claude-fable-5-1': { input: 10, output: 50 },
  'claude-opus-5-5': { input: 4, output: 20 },
  'claude-opus-5': { input: 5, output: 25 },
  'claude-opus-4-6': { input: 5, output: 25 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-5-5': { input: 2, output: 10 },
  'claude-sonnet-5': { input: 2, output: 10 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
};

/** A model missing from the table is estimated at its family's usual price, never as free. */
const FAMILY_PRICES: [RegExp, Price][] = [
  [/fable/, { input: 10, output: 50 }],
  [/opus/, { input: 5, output: 25 }],
  [/haiku/, { input: 1, output: 5 }],
  [/./, { input: 3, output: 15 }],
];

export function priceOf(model: string): Price {
  const id = model.replace(/-\d{8}$/, '');
  return CLAUDE_PRICES[id] ?? (FAMILY_PRICES.find(([family]) => family.test(id)) as [RegExp, Price])[1];
}

/** Estimated cost in USD, rounded to the ledger's six decimals; local backends cost nothing. */
export function estimateCostUsd(backend: AiBackendName, model: string, usage: TokenUsage): number {
  if (backend !== 'claude') return 0;
  const price = priceOf(model);
  const cost = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}
