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
  return (
    CLAUDE_PRICES[id] ?? (FAMILY_PRICES.find(([family]) => family.test(id)) as [RegExp, Price])[1]
  );
}

/**
 * Prompt caching and batch multipliers on the input/output prices above (Anthropic's pricing
 * page): a 5-minute cache write costs 1.25x the input price, a cache read 0.1x; a Message
 * Batches call costs half of everything, cache tokens included.
 */
export const CACHE_WRITE_MULTIPLIER = 1.25;
export const CACHE_READ_MULTIPLIER = 0.1;
export const BATCH_MULTIPLIER = 0.5;

const round6 = (usd: number) => Math.round(usd * 1_000_000) / 1_000_000;

/**
 * Estimated cost in USD, rounded to the ledger's six decimals; local backends cost nothing.
 * `inputTokens` are the uncached ones: Anthropic reports cache writes and reads apart from them.
 */
export function estimateCostUsd(
  backend: AiBackendName,
  model: string,
  usage: TokenUsage,
  options: { batch?: boolean } = {},
): number {
  return costAndSaving(backend, model, usage, options).costUsd;
}

/**
 * The cost, and what it saved against the same tokens sent uncached and one call at a time.
 * The saving is negative on a call that only wrote the cache (a write costs more than plain
 * input): the reads after it earn that back, and the ledger's sum shows the net.
 */
export function costAndSaving(
  backend: AiBackendName,
  model: string,
  usage: TokenUsage,
  options: { batch?: boolean } = {},
): { costUsd: number; savedUsd: number } {
  if (backend !== 'claude') return { costUsd: 0, savedUsd: 0 };
  const price = priceOf(model);
  const written = usage.cacheCreationInputTokens ?? 0;
  const read = usage.cacheReadInputTokens ?? 0;
  const input = usage.inputTokens + written * CACHE_WRITE_MULTIPLIER + read * CACHE_READ_MULTIPLIER;
  const full =
    ((usage.inputTokens + written + read) * price.input + usage.outputTokens * price.output) /
    1_000_000;
  const cost =
    ((input * price.input + usage.outputTokens * price.output) / 1_000_000) *
    (options.batch ? BATCH_MULTIPLIER : 1);
  const costUsd = round6(cost);
  return { costUsd, savedUsd: round6(round6(full) - costUsd) };
}
