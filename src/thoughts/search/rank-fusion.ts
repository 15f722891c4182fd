/**
 * Reciprocal rank fusion (Cormack et al., 2009): each arm ranks its own candidates, and a
 * candidate's fused score is the sum over arms of 1 / (k + rank). Scores of different arms
 * (ts_rank, trigram similarity, BM25, tag counts) are on scales that cannot be added; ranks
 * can. k = 60 damps the head so that being second in two arms beats being first in one.
 */
export const RRF_K = 60;

/** One arm's ranking: ids best first. */
export type ArmRanking<Arm extends string> = { arm: Arm; ids: readonly string[] };

export interface FusedHit<Arm extends string> {
  id: string;
  /** Sum of 1 / (k + rank) over the arms that ranked it (rank 1 is best). */
  score: number;
  /** The arms that ranked it, with its rank in each. */
  ranks: Partial<Record<Arm, number>>;
}

/** Best first; ties go to the candidate ranked earliest by the earliest arm given. */
export function fuseByReciprocalRank<Arm extends string>(
  arms: readonly ArmRanking<Arm>[],
  k: number = RRF_K,
): FusedHit<Arm>[] {
  const hits = new Map<string, FusedHit<Arm> & { firstSeen: number }>();
  let seen = 0;
  for (const { arm, ids } of arms) {
    ids.forEach((id, index) => {
      const rank = index + 1;
      let hit = hits.get(id);
      if (!hit) {
        hit = { id, score: 0, ranks: {}, firstSeen: seen++ };
        hits.set(id, hit);
      }
      // An arm that lists an id twice counts it once, at its best rank.
      if (hit.ranks[arm] !== undefined) return;
      hit.ranks[arm] = rank;
      hit.score += 1 / (k + rank);
    });
  }
  return [...hits.values()]
    .sort((a, b) => b.score - a.score || a.firstSeen - b.firstSeen)
    .map(({ id, score, ranks }) => ({ id, score, ranks }));
}

/** The SQL of the same fusion over rank columns (NULL where an arm did not rank the row). */
export function reciprocalRankSql(rankColumns: readonly string[], k: number = RRF_K): string {
  return rankColumns.map((column) => `COALESCE(1.0 / (${k} + ${column}), 0)`).join(' + ');
}

/** The highest fused score a candidate can reach over `arms` arms: first in every one. */
export function bestFusedScore(arms: number, k: number = RRF_K): number {
  return arms / (k + 1);
}
