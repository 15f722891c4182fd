import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capture no longer looks for near-duplicates: the analysis job flags them (issue #13). The
 * lookup was the one read in capture's statement, and its plan depended on statistics, so
 * capture slowed down as a user's day filled up. Its function goes.
 */
export class NearDuplicatesFlaggedByAnalysis1765000000000 implements MigrationInterface {
  name = 'NearDuplicatesFlaggedByAnalysis1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION "thought_near_duplicate"(uuid, text, uuid, integer, real)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "thought_near_duplicate"(p_user_id uuid, p_content text, p_fingerprint uuid, p_window integer, p_similarity real)
      RETURNS uuid
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      SET enable_bitmapscan = off
      AS $fn$
      DECLARE
        found uuid;
      BEGIN
        SELECT same.id INTO found FROM thoughts same
        WHERE same.user_id = p_user_id AND same.content_fingerprint = p_fingerprint
          AND same.created_at > now() - interval '1 day'
        ORDER BY same.created_at DESC LIMIT 1;
        IF found IS NOT NULL THEN
          RETURN found;
        END IF;
        SELECT recent.id INTO found FROM (
          SELECT r.id, similarity(r.content, p_content) AS sim FROM thoughts r
          WHERE r.user_id = p_user_id AND r.created_at > now() - interval '1 day'
          ORDER BY r.created_at DESC, r.id DESC LIMIT p_window
        ) recent
        WHERE recent.sim >= p_similarity
        ORDER BY recent.sim DESC LIMIT 1;
        RETURN found;
      END
      $fn$`);
  }
}
