import type { Thought } from '../thought.entity.js';
import { bestFusedScore, fuseByReciprocalRank } from './rank-fusion.js';
import type { RelatedArm, RelatedCandidate } from './related-thoughts.repository.js';

const ARMS: readonly RelatedArm[] = ['tags', 'term_vector', 'full_text', 'trigram'];

export interface RelatedResult {
  thought: Thought;
  /** 0..1: the fused score over the best a thought could reach (first in every arm). */
  score: number;
  sharedTags: string[];
  /** Why it is related, one phrase per arm that ranked it. */
  reasons: string[];
}

/** The candidates fused by reciprocal rank over the four arms, best `limit` first, each with its reasons. */
export function rankRelated(
  candidates: readonly RelatedCandidate[],
  limit: number,
): RelatedResult[] {
  const byId = new Map(candidates.map((candidate) => [candidate.thought.id, candidate]));
  const arms = ARMS.map((arm) => ({
    arm,
    ids: candidates
      .filter((candidate) => candidate.ranks[arm] !== undefined)
      .sort((a, b) => a.ranks[arm]! - b.ranks[arm]!)
      .map((candidate) => candidate.thought.id),
  }));
  const best = bestFusedScore(ARMS.length);
  return fuseByReciprocalRank(arms)
    .slice(0, limit)
    .map((hit) => {
      const candidate = byId.get(hit.id)!;
      return {
        thought: candidate.thought,
        score: Math.round((hit.score / best) * 10_000) / 10_000,
        sharedTags: candidate.sharedTags,
        reasons: relatedReasons(candidate),
      };
    });
}

/** One phrase per arm that ranked the candidate, in a fixed order, e.g. "shared tags: sleep". */
export function relatedReasons(
  candidate: Pick<RelatedCandidate, 'ranks' | 'sharedTags' | 'sharedWords' | 'textSimilarity'>,
): string[] {
  const reasons: string[] = [];
  if (candidate.ranks.tags !== undefined && candidate.sharedTags.length > 0)
    reasons.push(`shared tags: ${candidate.sharedTags.join(', ')}`);
  if (candidate.ranks.term_vector !== undefined && candidate.sharedWords.length > 0)
    reasons.push(`similar words: ${candidate.sharedWords.join(', ')}`);
  if (candidate.ranks.full_text !== undefined) reasons.push('full-text match');
  if (candidate.ranks.trigram !== undefined)
    reasons.push(
      `similar text (${Math.round(candidate.textSimilarity * 100)}% trigram similarity)`,
    );
  return reasons;
}
