import { describe, expect, it } from '@jest/globals';
import { bestFusedScore, fuseByReciprocalRank, reciprocalRankSql, RRF_K } from './rank-fusion.js';

describe('fuseByReciprocalRank', () => {
  it('sums 1 / (k + rank) over the arms that ranked a candidate', () => {
    const fused = fuseByReciprocalRank([
      { arm: 'a', ids: ['x', 'y'] },
      { arm: 'b', ids: ['y'] },
    ]);
    expect(fused.map((hit) => hit.id)).toEqual(['y', 'x']);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1), 12);
    expect(fused[0]!.ranks).toEqual({ a: 2, b: 1 });
    expect(fused[1]!.score).toBeCloseTo(1 / (RRF_K + 1), 12);
    expect(fused[1]!.ranks).toEqual({ a: 1 });
  });

  it('puts second in two arms above first in one (k damps the head)', () => {
    const fused = fuseByReciprocalRank([
      { arm: 'tags', ids: ['solo', 'both'] },
      { arm: 'words', ids: ['other', 'both'] },
    ]);
    expect(fused[0]!.id).toBe('both');
  });

  it('lets a small k favour a single first place instead', () => {
    const arms = [
      { arm: 'tags', ids: ['solo', 'x', 'y', 'both'] },
      { arm: 'words', ids: ['other', 'x', 'y', 'both'] },
    ];
    expect(fuseByReciprocalRank(arms, 60).findIndex((hit) => hit.id === 'both')).toBeLessThan(
      fuseByReciprocalRank(arms, 1).findIndex((hit) => hit.id === 'both'),
    );
  });

  it('breaks ties by the order the arms first listed the candidates, and counts a repeated id once', () => {
    const fused = fuseByReciprocalRank([
      { arm: 'a', ids: ['p', 'p'] },
      { arm: 'b', ids: ['q'] },
    ]);
    expect(fused.map((hit) => [hit.id, hit.ranks])).toEqual([
      ['p', { a: 1 }],
      ['q', { b: 1 }],
    ]);
  });

  it('has nothing to fuse without rankings', () => {
    expect(fuseByReciprocalRank([{ arm: 'a', ids: [] }])).toEqual([]);
  });

  it('scales: first in every arm is the best score', () => {
    const fused = fuseByReciprocalRank([
      { arm: 'a', ids: ['x'] },
      { arm: 'b', ids: ['x'] },
    ]);
    expect(fused[0]!.score).toBeCloseTo(bestFusedScore(2), 12);
  });

  it('writes the same fusion as SQL, an arm that did not rank a row adding nothing', () => {
    expect(reciprocalRankSql(['f.r', 'g.r'])).toBe(
      'COALESCE(1.0 / (60 + f.r), 0) + COALESCE(1.0 / (60 + g.r), 0)',
    );
  });
});
