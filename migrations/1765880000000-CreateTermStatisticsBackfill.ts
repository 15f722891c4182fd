import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where the background count of stored thoughts' words (user_terms, thought_terms) has got to:
 * one row, its keyset cursor over thoughts and when it finished. Counting a million thoughts
 * inside a migration took minutes and held up start-up, so the migration only records that a
 * count is due; TermStatisticsBackfill does it in batches once the app is up.
 */
export class CreateTermStatisticsBackfill1765880000000 implements MigrationInterface {
  name = 'CreateTermStatisticsBackfill1765880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "term_statistics_backfill" (
        "id" boolean NOT NULL DEFAULT true,
        "after_id" uuid,
        "counted" integer NOT NULL DEFAULT 0,
        "finished_at" timestamptz,
        CONSTRAINT "PK_term_statistics_backfill" PRIMARY KEY ("id"),
        CONSTRAINT "term_statistics_backfill_single_row" CHECK ("id")
      )`);
    // Due where thoughts are already stored (an upgrade); a new database has nothing to count.
    await queryRunner.query(`
      INSERT INTO "term_statistics_backfill" ("id", "finished_at")
      SELECT true, CASE WHEN EXISTS (SELECT 1 FROM "thoughts") THEN NULL ELSE now() END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "term_statistics_backfill"`);
  }
}
