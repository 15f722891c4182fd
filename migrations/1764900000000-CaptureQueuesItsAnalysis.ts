import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capture now writes the thought and its analysis job in one statement (one transaction),
 * so the outbox column and its dispatcher go. Before they do, any thought still waiting in
 * the outbox gets its job, so an upgrade loses no analysis.
 *
 * The near-duplicate check changes shape: comparing trigram similarity with the newest 50
 * thoughts cost PostgreSQL more than the insert itself on every capture. It now looks up
 * the same words (case, punctuation and spacing aside) anywhere in the last day through an
 * index, and compares similarity with the newest few only, which is where a quick re-typed
 * correction lands.
 */
export class CaptureQueuesItsAnalysis1764900000000 implements MigrationInterface {
  name = 'CaptureQueuesItsAnalysis1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // pg-boss creates its schema when the app first starts, after migrations: on a new
    // database there is no queue yet, and no waiting thought either.
    await queryRunner.query(`
      DO $do$
      BEGIN
        IF to_regclass('pgboss.job') IS NOT NULL THEN
          INSERT INTO pgboss.job (name, data, singleton_key, policy, retry_limit, retry_delay, retry_backoff,
            retry_delay_max, expire_seconds, deletion_seconds, keep_until, dead_letter, heartbeat_seconds)
          SELECT q.name, jsonb_build_object('thoughtId', t.id, 'userId', t.user_id, 'reason', 'capture'), t.id::text,
            q.policy, q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max, q.expire_seconds,
            q.deletion_seconds, now() + q.retention_seconds * interval '1 second', q.dead_letter, q.heartbeat_seconds
          FROM thoughts t JOIN pgboss.queue q ON q.name = 'analyze-thought'
          WHERE t.analysis_queued_at IS NULL AND t.analysis_status = 'pending'
          ON CONFLICT DO NOTHING;
        END IF;
      END
      $do$`);
    await queryRunner.query(`DROP INDEX "thoughts_analysis_outbox_idx"`);
    await queryRunner.query(`ALTER TABLE "thoughts" DROP COLUMN "analysis_queued_at"`);

    await queryRunner.query(`ALTER TABLE "thoughts" ADD "content_fingerprint" uuid`);
    await queryRunner.query(
      `CREATE INDEX "thoughts_user_fingerprint_idx" ON "thoughts" ("user_id", "content_fingerprint")
       WHERE "content_fingerprint" IS NOT NULL`,
    );
    await queryRunner.query(`DROP FUNCTION "thought_near_duplicate"(uuid, text, integer, real)`);
    // PL/pgSQL, not SQL: a SQL function that cannot be inlined (the SET clause) is planned
    // again on every call before PostgreSQL 18; PL/pgSQL keeps its plans for the session.
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

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION "thought_near_duplicate"(uuid, text, uuid, integer, real)`,
    );
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
    await queryRunner.query(`DROP INDEX "thoughts_user_fingerprint_idx"`);
    await queryRunner.query(`ALTER TABLE "thoughts" DROP COLUMN "content_fingerprint"`);
    // Every existing thought counts as queued: the jobs are already in pg-boss.
    await queryRunner.query(
      `ALTER TABLE "thoughts" ADD "analysis_queued_at" timestamptz DEFAULT now()`,
    );
    await queryRunner.query(
      `ALTER TABLE "thoughts" ALTER COLUMN "analysis_queued_at" DROP DEFAULT`,
    );
    await queryRunner.query(
      `CREATE INDEX "thoughts_analysis_outbox_idx" ON "thoughts" ("created_at")
       WHERE "analysis_queued_at" IS NULL AND "analysis_status" = 'pending'`,
    );
  }
}
