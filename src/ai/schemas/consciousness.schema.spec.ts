import { describe, expect, it } from '@jest/globals';
import { AiOutputInvalidError } from '../ai-errors.js';
import { CONSCIOUSNESS_JSON_SCHEMA, parseConsciousnessResult } from './consciousness.schema.js';

const known = new Set(['a', 'b']);

function answer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    summary: 'You think about taxes a lot.',
    patterns: [
      {
        kind: 'recurring_theme',
        title: 'Taxes',
        description: 'Again and again.',
        thought_ids: ['a', 'b', 'zzz', 'a'],
        confidence: 1.4,
      },
    ],
    insights: [{ title: 'Insight', description: 'd', thought_ids: ['other-users-thought'] }],
    suggestions: [
      {
        title: 'File the forms',
        priority: 'high',
        thought_ids: ['b'],
        confidence: 0.7,
        description: null,
      },
    ],
    ...overrides,
  };
}

describe('parseConsciousnessResult', () => {
  it('keeps only thought ids that were in the input, deduplicated; clamps confidence', () => {
    expect(parseConsciousnessResult(answer(), known)).toEqual({
      summary: 'You think about taxes a lot.',
      patterns: [
        {
          kind: 'recurring_theme',
          title: 'Taxes',
          description: 'Again and again.',
          thoughtIds: ['a', 'b'],
          confidence: 1,
        },
      ],
      insights: [{ title: 'Insight', description: 'd', thoughtIds: [] }],
      suggestions: [
        { title: 'File the forms', priority: 'high', thoughtIds: ['b'], confidence: 0.7 },
      ],
    });
  });

  it('caps lists and strings', () => {
    const many = Array.from({ length: 50 }, () => ({
      title: 't'.repeat(500),
      description: 'd'.repeat(5000),
      thought_ids: ['a'],
    }));
    const result = parseConsciousnessResult(answer({ insights: many }), known);
    expect(result.insights).toHaveLength(20);
    expect(result.insights[0].title).toHaveLength(120);
    expect(result.insights[0].description).toHaveLength(1000);
  });

  it.each([
    ['prose', 'You seem stressed.'],
    [
      'an unknown pattern kind',
      answer({
        patterns: [
          { kind: 'vibes', title: 't', description: 'd', thought_ids: [], confidence: 0.5 },
        ],
      }),
    ],
    [
      'thought_ids as a string',
      answer({ suggestions: [{ title: 't', priority: 'low', thought_ids: 'a', confidence: 0.5 }] }),
    ],
    ['missing lists', { summary: 'x' }],
  ])('rejects %s', (_label, raw) => {
    expect(() => parseConsciousnessResult(raw, known)).toThrow(AiOutputInvalidError);
  });

  it('generates the JSON schema from the same zod schema', () => {
    expect(CONSCIOUSNESS_JSON_SCHEMA).toMatchObject({
      type: 'object',
      required: ['summary', 'patterns', 'insights', 'suggestions'],
    });
  });
});
