import { describe, expect, it } from '@jest/globals';
import type { SearchResult } from '../../thoughts/search/thought-search.repository.js';
import type { Thought } from '../../thoughts/thought.entity.js';
import { explainHit } from './thought-tools.js';

const hit = (snippet: string, matched: SearchResult['matched'], rank = 0.25): SearchResult => ({
  thought: {} as Thought,
  rank,
  snippet,
  matched,
});

describe('explainHit', () => {
  it('marks the matched words with «», unescapes the snippet, and lists each term once, lower-cased', () => {
    const explained = explainHit(
      hit('a &lt;b&gt; <mark>Garden</mark>, <mark>garden</mark> &amp; <mark>M&amp;M</mark>', [
        { arm: 'full_text', terms: ['garden'] },
        { arm: 'substring', terms: ['m&m'] },
      ]),
    );
    expect(explained).toEqual({
      snippet: 'a <b> «Garden», «garden» & «M&M»',
      matched_terms: ['garden', 'm&m'],
      match: 'full_text',
      matched: [
        { arm: 'full_text', terms: ['garden'] },
        { arm: 'substring', terms: ['m&m'] },
      ],
      why:
        'full-text match on "garden" (word forms count: "call" matches "calling"; rank 0.250); ' +
        'contains the exact text "m&m"',
    });
  });

  it('a snippet without marks or entities is kept as it is', () => {
    expect(explainHit(hit('plain text', [{ arm: 'trigram', terms: ['gardn'] }]))).toMatchObject({
      snippet: 'plain text',
      matched_terms: [],
      match: 'trigram',
      why: expect.stringContaining('similar spelling: "gardn"'),
    });
    expect(explainHit(hit('x', [])).match).toBe('substring');
  });
});
