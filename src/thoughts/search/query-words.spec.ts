import { describe, expect, it } from '@jest/globals';
import { queryWords } from './query-words.js';

describe('queryWords', () => {
  it('keeps words of any script, lower-cased and once each', () => {
    expect(queryWords('Insomnai and INSOMNAI 睡眠 café')).toEqual([
      'insomnai',
      'and',
      '睡眠',
      'café',
    ]);
  });

  it('drops excluded words, OR and the syntax around words', () => {
    expect(queryWords('"tax forms" -mom OR bank')).toEqual(['tax', 'forms', 'bank']);
  });

  it('looks up at most 8 words', () => {
    expect(queryWords('a b c d e f g h i j')).toHaveLength(8);
  });
});
