import { describe, expect, it } from '@jest/globals';
import { estimateCostUsd, priceOf } from './pricing.js';

describe('pricing', () => {
  it('prices Claude tokens per million, dated snapshots as their model', () => {
    expect(estimateCostUsd('claude', 'claude-sonnet-4-5', { inputTokens: 1_000_000, outputTokens: 0 })).toBe(3);
    expect(estimateCostUsd('claude', 'claude-sonnet-4-5-20250929', { inputTokens: 1200, outputTokens: 300 })).toBe(0.0081);
    expect(priceOf('claude-haiku-4-5-20251001')).toEqual({ input: 1, output: 5 });
    expect(priceOf('claude-sonnet-5-5')).toEqual({ input: 2, output: 10 });
  });

  it('estimates a model missing from the table by its family, never as free', () => {
    expect(priceOf('claude-opus-4-7')).toEqual({ input: 5, output: 25 });
    expect(priceOf('claude-haiku-6')).toEqual({ input: 1, output: 5 });
    expect(estimateCostUsd('claude', 'claude-next', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(18);
  });

  it('charges nothing for local backends', () => {
    expect(estimateCostUsd('ollama', 'llama3.1', { inputTokens: 10_000, outputTokens: 10_000 })).toBe(0);
    expect(estimateCostUsd('local', 'local', { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });
});
