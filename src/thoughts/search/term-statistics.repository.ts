import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Keeps user_terms (per-user document frequencies) current, one thought at a time: the words
 * counted for it before (thought_terms) come out, its words now go in, in one statement. Run by
 * the analysis job and by import, never per request; a delete is taken back by a trigger.
 */
const COUNT_SQL = `
  WITH doc AS (
    SELECT t.id, t.user_id, array_prepend('', tsvector_to_array(t.search_vector)) AS terms
    FROM thoughts t WHERE t.id = $1 AND t.user_id = $2
  ),
  before AS (SELECT tt.terms FROM thought_terms tt WHERE tt.thought_id = $1 FOR UPDATE),
  saved AS (
    INSERT INTO thought_terms (thought_id, user_id, terms) SELECT id, user_id, terms FROM doc
    ON CONFLICT (thought_id) DO UPDATE SET terms = EXCLUDED.terms
  ),
  delta AS (
    SELECT term, sum(change)::int AS change FROM (
      SELECT unnest(terms) AS term, 1 AS change FROM doc
      UNION ALL
      SELECT unnest(terms), -1 FROM before
    ) changes GROUP BY term HAVING sum(change) <> 0
  )
  INSERT INTO user_terms AS u (user_id, term, documents)
  SELECT $2, term, change FROM delta
  ON CONFLICT (user_id, term) DO UPDATE SET documents = u.documents + EXCLUDED.documents`;

@Injectable()
export class TermStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts the thought's current words in the user's document frequencies (a no-op when it is gone). */
  async count(userId: string, thoughtId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(COUNT_SQL, [thoughtId, userId]);
  }
}
