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
  SELECT $2, term, change FROM delta ORDER BY term
  ON CONFLICT (user_id, term) DO UPDATE SET documents = u.documents + EXCLUDED.documents`;

/**
 * Every counter of a thought (this swap, the backfill below) first locks the thought's row in
 * a statement of its own: the second of two counters then starts its statement after the first
 * committed, sees the thought_terms row it wrote and swaps against it, where a single statement
 * would have read "nothing counted yet" from its snapshot and counted the thought twice.
 */
const LOCK_THOUGHT_SQL = `SELECT 1 FROM thoughts WHERE id = $1 FOR NO KEY UPDATE`;

/** The backfill's state row, skipped while another instance's batch holds it. */
const CLAIM_BACKFILL_SQL = `SELECT after_id, finished_at FROM term_statistics_backfill FOR UPDATE SKIP LOCKED`;

/** The next batch of thoughts by id (a walk along the primary key), locked against a concurrent count. */
const LOCK_BATCH_SQL = `SELECT id FROM thoughts WHERE id > $1::uuid ORDER BY id LIMIT $2 FOR NO KEY UPDATE`;
/** Below every id a thought gets: the cursor before the first batch. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Counts the batch's thoughts that nothing has counted yet (thought_terms says which have
 * been). Both writers of user_terms take its rows in (user, term) order, so two of them meet
 * in the same order instead of deadlocking.
 */
const COUNT_BATCH_SQL = `
  WITH doc AS (
    SELECT t.id, t.user_id, array_prepend('', tsvector_to_array(t.search_vector)) AS terms
    FROM thoughts t WHERE t.id = ANY($1::uuid[])
  ),
  saved AS (
    INSERT INTO thought_terms (thought_id, user_id, terms) SELECT id, user_id, terms FROM doc
    ON CONFLICT (thought_id) DO NOTHING
    RETURNING user_id, terms
  ),
  counted AS (
    INSERT INTO user_terms AS u (user_id, term, documents)
    SELECT s.user_id, term, count(*)::int FROM saved s, unnest(s.terms) AS term GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (user_id, term) DO UPDATE SET documents = u.documents + EXCLUDED.documents
  )
  SELECT count(*)::int AS counted FROM saved`;

const ADVANCE_BACKFILL_SQL = `
  UPDATE term_statistics_backfill
  SET after_id = coalesce($1::uuid, after_id), counted = counted + $2::int, finished_at = CASE WHEN $3::boolean THEN now() END`;

export type Query = (sql: string, values?: unknown[]) => Promise<unknown[]>;

/**
 * One batch of the count of thoughts stored before term statistics existed, to be run inside
 * a transaction (which the bench opens on its own connection). 'busy' while another
 * instance's batch holds the state row; 'finished' once the cursor has passed the last thought.
 */
export async function backfillBatch(query: Query, limit: number): Promise<BackfillBatch> {
  const [state] = (await query(CLAIM_BACKFILL_SQL)) as {
    after_id: string | null;
    finished_at: Date | null;
  }[];
  if (!state) {
    const [held] = (await query(`SELECT finished_at FROM term_statistics_backfill`)) as {
      finished_at: Date | null;
    }[];
    return held && !held.finished_at ? { state: 'busy' } : { state: 'finished' };
  }
  if (state.finished_at) return { state: 'finished' };
  const ids = (
    (await query(LOCK_BATCH_SQL, [state.after_id ?? FIRST_ID, limit])) as { id: string }[]
  ).map((row) => row.id);
  const [{ counted }] = ids.length
    ? ((await query(COUNT_BATCH_SQL, [ids])) as [{ counted: number }])
    : [{ counted: 0 }];
  const finished = ids.length < limit;
  await query(ADVANCE_BACKFILL_SQL, [ids.at(-1) ?? null, counted, finished]);
  return { state: 'counted', thoughts: ids.length, counted, finished };
}

export type BackfillBatch =
  | { state: 'busy' }
  | { state: 'finished' }
  | { state: 'counted'; thoughts: number; counted: number; finished: boolean };

@Injectable()
export class TermStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts the thought's current words in the user's document frequencies (a no-op when it is gone). */
  async count(userId: string, thoughtId: string, manager?: EntityManager): Promise<void> {
    const swap = async (m: EntityManager) => {
      await m.query(LOCK_THOUGHT_SQL, [thoughtId]);
      await m.query(COUNT_SQL, [thoughtId, userId]);
    };
    await (manager ? swap(manager) : this.dataSource.transaction(swap));
  }

  /**
   * One batch of the backfill, in one transaction with its cursor: a batch is either counted
   * and its cursor moved, or neither (a crash redoes it).
   */
  backfillBatch(limit: number): Promise<BackfillBatch> {
    return this.dataSource.transaction((manager) =>
      backfillBatch((sql, values) => manager.query(sql, values), limit),
    );
  }
}
