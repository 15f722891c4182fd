import { describe, expect, it } from '@jest/globals';
import { costAndSaving, estimateCostUsd, priceOf } from './pricing.js';

describe('pricing', () => {
  it('prices Claude tokens per million, dated snapshots as their model', () => {
    expect(
      estimateCostUsd('claude', 'claude-sonnet-4-5', { inputTokens: 1_000_000, outputTokens: 0 }),
    ).toBe(3);
    expect(
      estimateCostUsd('claude', 'claude-sonnet-4-5-20250929', {
        inputTokens: 1200,
        outputTokens: 300,
      }),
    ).toBe(0.0081);
    expect(priceOf('claude-haiku-4-5-20251001')).toEqual({ input: 1, output: 5 });
    expect(priceOf('claude-sonnet-5-5')).toEqual({ input: 2, output: 10 });
  });

  it('estimates a model missing from the table by its family, never as free', () => {
    expect(priceOf('claude-opus-4-7')).toEqual({ input: 5, output: 25 });
    expect(priceOf('claude-haiku-6')).toEqual({ input: 1, output: 5 });
    expect(
      estimateCostUsd('claude', 'claude-next', { inputTokens: 1_000_000, outputTokens: 1_000_000 }),
    ).toBe(18);
  });

  it('charges nothing for local backends', () => {
    expect(
      estimateCostUsd('ollama', 'llama3.1', { inputTokens: 10_000, outputTokens: 10_000 }),
    ).toBe(0);
    expect(estimateCostUsd('local', 'local', { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });
});

describe('prompt caching and batch pricing', () => {
  const usage = { inputTokens: 100_000, outputTokens: 0 };

  it('prices cache writes at 1.25x and reads at 0.1x the input price, and says what that saved', () => {
    const write = costAndSaving('claude', 'claude-sonnet-4-6', {
      ...usage,
      cacheCreationInputTokens: 1_000_000,
    });
    expect(write).toEqual({ costUsd: 0.3 + 3.75, savedUsd: -0.75 });
    const read = costAndSaving('claude', 'claude-sonnet-4-6', {
      ...usage,
      cacheReadInputTokens: 1_000_000,
    });
    expect(read).toEqual({ costUsd: 0.6, savedUsd: 2.7 });
  });

  it('halves everything in a batch, cache tokens included, and counts the half as saved', () => {
    expect(
      costAndSaving(
        'claude',
        'claude-haiku-4-5',
        { inputTokens: 1_000_000, outputTokens: 1_000_000 },
        { batch: true },
      ),
    ).toEqual({ costUsd: 3, savedUsd: 3 });
    expect(
      estimateCostUsd(
        'claude',
        'claude-haiku-4-5',
        { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 1_000_000 },
        { batch: true },
      ),
    ).toBe(0.05);
  });

  it('saves nothing on local backends', () => {
    expect(costAndSaving('ollama', 'llama3.1', { ...usage, cacheReadInputTokens: 5 })).toEqual({
      costUsd: 0,
      savedUsd: 0,
    });
  });
});
