import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A re-analysis now answers at once and selects its thoughts in the background, one chunk per
 * transaction. The operation keeps where the selection stands (how many were selected and the
 * last (created_at, id) taken), so a chunk that dies with its process is redone from there, and
 * `selecting` keeps the operation from finishing while its total is still growing.
 */
export class ReanalysisSelectsInBackground1765300000000 implements MigrationInterface {
  name = 'ReanalysisSelectsInBackground1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "operations"
        ADD COLUMN "selecting" boolean NOT NULL DEFAULT false,
        ADD COLUMN "selected" integer NOT NULL DEFAULT 0,
        ADD COLUMN "select_after_created_at" timestamptz(3),
        ADD COLUMN "select_after_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "operations"
        DROP COLUMN "select_after_id",
        DROP COLUMN "select_after_created_at",
        DROP COLUMN "selected",
        DROP COLUMN "selecting"`);
  }
}
