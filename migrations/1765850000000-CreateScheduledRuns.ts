import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims of cron slots by jobs that have no table of their own (retention): every instance
 * fires the cron, the first insert of (job, slot) wins and the others do nothing.
 */
export class CreateScheduledRuns1765850000000 implements MigrationInterface {
  name = 'CreateScheduledRuns1765850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scheduled_runs" (
        "job" varchar(32) NOT NULL,
        "slot_key" varchar(64) NOT NULL,
        "started_at" timestamptz(3) NOT NULL DEFAULT now(),
        "finished_at" timestamptz(3),
        "report" jsonb,
        CONSTRAINT "PK_scheduled_runs_job_slot" PRIMARY KEY ("job", "slot_key")
      )`);
    await queryRunner.query(
      `CREATE INDEX "scheduled_runs_started_idx" ON "scheduled_runs" ("started_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scheduled_runs"`);
  }
}
