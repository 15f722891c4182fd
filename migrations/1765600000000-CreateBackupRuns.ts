import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The record of every backup and its restore drill: what GET /admin/backups and /metrics report. */
export class CreateBackupRuns1765600000000 implements MigrationInterface {
  name = 'CreateBackupRuns1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "backup_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trigger" varchar(16) NOT NULL,
        "slot_key" varchar(64),
        "state" varchar(16) NOT NULL DEFAULT 'running',
        "file_name" varchar(255),
        "size_bytes" bigint,
        "sha256" varchar(64),
        "migration" varchar(255),
        "duration_ms" integer,
        "error" text,
        "drill_state" varchar(16) NOT NULL DEFAULT 'pending',
        "drill_detail" text,
        "drill_duration_ms" integer,
        "drilled_at" timestamptz,
        "started_at" timestamptz(3) NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        "deleted_at" timestamptz,
        CONSTRAINT "PK_backup_runs_id" PRIMARY KEY ("id"),
        CONSTRAINT "backup_runs_trigger_check" CHECK ("trigger" IN ('scheduled', 'manual')),
        CONSTRAINT "backup_runs_state_check" CHECK ("state" IN ('running', 'done', 'failed')),
        CONSTRAINT "backup_runs_drill_state_check" CHECK ("drill_state" IN ('pending', 'passed', 'failed', 'not_run'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "backup_runs_started_idx" ON "backup_runs" ("started_at" DESC, "id" DESC)`,
    );
    // One scheduled backup per cron slot, however many instances fire: the claim is this insert.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "backup_runs_slot_key" ON "backup_runs" ("slot_key") WHERE "slot_key" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "backup_runs"`);
  }
}
