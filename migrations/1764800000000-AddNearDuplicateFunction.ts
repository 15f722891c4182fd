import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The near-duplicate lookup capture runs inside its INSERT. As a plain sub-select its plan
 * depended on table statistics: with none yet (a new database) or stale ones (a burst of
 * captures, an import) the planner expects a handful of rows and bitmap-scans and sorts ALL of
 * the user's thoughts of the last day on every capture, instead of reading the newest 50 from
 * thoughts_user_created_idx. The function pins the ordered index scan (bitmap scans off inside
 * it only) and computes each similarity once.
 */
export class AddNearDuplicateFunction1764800000000 implements MigrationInterface {
  name = 'AddNearDuplicateFunction1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "thought_near_duplicate"(p_user_id uuid, p_content text, p_window integer, p_similarity real)
      RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE
      SET enable_bitmapscan = off
      AS $fn$
        SELECT recent.id FROM (
          SELECT r.id, similarity(r.content, p_content) AS sim FROM thoughts r
          WHERE r.user_id = p_user_id AND r.created_at > now() - interval '1 day'
          ORDER BY r.created_at DESC, r.id DESC LIMIT p_window
        ) recent
        WHERE recent.sim >= p_similarity
        ORDER BY recent.sim DESC LIMIT 1
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION IF EXISTS "thought_near_duplicate"(uuid, text, integer, real)`,
    );
  }
}
