import { describe, expect, it } from '@jest/globals';
import { Thought } from '../thought.entity.js';
import { rankRelated, relatedReasons } from './related-ranking.js';
import type { RelatedCandidate } from './related-thoughts.repository.js';

const candidate = (
  id: string,
  ranks: RelatedCandidate['ranks'],
  extra: Partial<RelatedCandidate> = {},
): RelatedCandidate => ({
  thought: Object.assign(new Thought(), { id }),
  ranks,
  sharedTags: [],
  sharedWords: [],
  textSimilarity: 0,
  ...extra,
});

describe('rankRelated', () => {
  it('fuses the arms by reciprocal rank, best first, scaled to 0..1, cut to the limit', () => {
    const ranked = rankRelated(
      [
        candidate('one-arm', { full_text: 1 }),
        candidate(
          'everywhere',
          { tags: 1, term_vector: 1, full_text: 2, trigram: 1 },
          { sharedTags: ['sleep'], sharedWords: ['insomnia'], textSimilarity: 0.5 },
        ),
        candidate(
          'two-arms',
          { tags: 2, term_vector: 2 },
          { sharedTags: ['sleep'], sharedWords: ['night'] },
        ),
      ],
      2,
    );
    expect(ranked.map((hit) => hit.thought.id)).toEqual(['everywhere', 'two-arms']);
    expect(ranked[0]!.score).toBeLessThan(1);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(ranked[1]!.score).toBeGreaterThan(0);
  });

  it('gives 1 to a candidate first in all four arms', () => {
    const [hit] = rankRelated(
      [candidate('top', { tags: 1, term_vector: 1, full_text: 1, trigram: 1 })],
      10,
    );
    expect(hit!.score).toBe(1);
  });
});

describe('relatedReasons', () => {
  it('says why, one phrase per arm that ranked it', () => {
    expect(
      relatedReasons({
        ranks: { tags: 1, term_vector: 3, full_text: 2, trigram: 1 },
        sharedTags: ['sleep'],
        sharedWords: ['insomnia', 'night'],
        textSimilarity: 0.414,
      }),
    ).toEqual([
      'shared tags: sleep',
      'similar words: insomnia, night',
      'full-text match',
      'similar text (41% trigram similarity)',
    ]);
  });

  it('names only the arms that ranked it', () => {
    expect(
      relatedReasons({
        ranks: { trigram: 4 },
        sharedTags: [],
        sharedWords: [],
        textSimilarity: 0.3,
      }),
    ).toEqual(['similar text (30% trigram similarity)']);
  });
});
