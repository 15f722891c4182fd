import { describe, expect, it } from '@jest/globals';
import { spellingKey, suggestMerges } from './suggested-merges.js';

describe('suggestMerges', () => {
  it('groups case, separator and plural variants, most used first as the target', () => {
    const groups = suggestMerges([
      { tag: 'cybersecurity', count: 5 },
      { tag: 'cyber-security', count: 2 },
      { tag: 'cyber security', count: 1 },
      { tag: 'garden', count: 9 },
      { tag: 'recipe', count: 1 },
      { tag: 'recipes', count: 3 },
    ]);
    expect(groups).toEqual([
      {
        into: 'cybersecurity',
        variants: [
          { tag: 'cybersecurity', count: 5 },
          { tag: 'cyber-security', count: 2 },
          { tag: 'cyber security', count: 1 },
        ],
        total: 8,
        kind: 'variant',
      },
      // "recipe" is a cooking word in the lexicon, but both spell one word.
      {
        into: 'recipes',
        variants: [
          { tag: 'recipes', count: 3 },
          { tag: 'recipe', count: 1 },
        ],
        total: 4,
        kind: 'variant',
      },
    ]);
  });

  it('groups near-synonyms of one lexicon topic as "synonym"', () => {
    const [group] = suggestMerges([
      { tag: 'running', count: 4 },
      { tag: 'jogging', count: 2 },
      { tag: 'work', count: 7 },
    ]);
    expect(group).toEqual({
      into: 'running',
      variants: [
        { tag: 'running', count: 4 },
        { tag: 'jogging', count: 2 },
      ],
      total: 6,
      kind: 'synonym',
    });
  });

  it('on equal use prefers the tidy spelling as the target', () => {
    expect(
      suggestMerges([
        { tag: 'Side-Projects', count: 2 },
        { tag: 'side project', count: 2 },
      ])[0]!.into,
    ).toBe('side project');
  });

  it('suggests nothing for distinct tags, stop words or bare numbers', () => {
    expect(
      suggestMerges([
        { tag: 'garden', count: 1 },
        { tag: 'the', count: 3 },
        { tag: '2024', count: 2 },
        { tag: 'work', count: 1 },
      ]),
    ).toEqual([]);
  });

  it('reduces spellings to one key', () => {
    expect(
      new Set(
        ['Cyber-Security', 'cyber security', 'cybersecurity', 'cyber_securities'].map(spellingKey),
      ),
    ).toEqual(new Set(['cybersecurity']));
  });
});
