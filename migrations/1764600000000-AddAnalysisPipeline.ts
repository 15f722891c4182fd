import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAnalysisPipeline1764600000000 implements MigrationInterface {
  name = 'AddAnalysisPipeline1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A near-identical thought from the last day: flagged and linked, never dropped.
    await queryRunner.query(`ALTER TABLE "thoughts" ADD "duplicate_of_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "thoughts" ADD CONSTRAINT "thoughts_duplicate_of_id_fkey" FOREIGN KEY ("duplicate_of_id") REFERENCES "thoughts"("id") ON DELETE SET NULL`,
    );
    // The analysis outbox: a captured thought is pending with no job yet; the dispatcher moves
    // such rows into the job queue in batches (see AnalysisOutbox). Existing thoughts count as queued.
    await queryRunner.query(`ALTER TABLE "thoughts" ADD "analysis_queued_at" timestamptz`);
    await queryRunner.query(`UPDATE "thoughts" SET "analysis_queued_at" = now()`);
    await queryRunner.query(
      `CREATE INDEX "thoughts_analysis_outbox_idx" ON "thoughts" ("created_at") WHERE "analysis_queued_at" IS NULL AND "analysis_status" = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE "thought_links" (
        "thought_id" uuid NOT NULL,
        "related_thought_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "score" real NOT NULL,
        "shared_tags" jsonb NOT NULL DEFAULT '[]',
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_thought_links" PRIMARY KEY ("thought_id", "related_thought_id"),
        CONSTRAINT "thought_links_thought_id_fkey" FOREIGN KEY ("thought_id") REFERENCES "thoughts"("id") ON DELETE CASCADE,
        CONSTRAINT "thought_links_related_thought_id_fkey" FOREIGN KEY ("related_thought_id") REFERENCES "thoughts"("id") ON DELETE CASCADE,
        CONSTRAINT "thought_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "thought_links_related_idx" ON "thought_links" ("related_thought_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "operations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "kind" varchar(32) NOT NULL,
        "state" varchar(16) NOT NULL DEFAULT 'running',
        "total" integer NOT NULL DEFAULT 0,
        "done" integer NOT NULL DEFAULT 0,
        "failed" integer NOT NULL DEFAULT 0,
        "parameters" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        CONSTRAINT "PK_operations_id" PRIMARY KEY ("id"),
        CONSTRAINT "operations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "operations_kind_check" CHECK ("kind" IN ('reanalyze')),
        CONSTRAINT "operations_state_check" CHECK ("state" IN ('running', 'completed', 'completed_with_failures'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "operations_user_created_idx" ON "operations" ("user_id", "created_at" DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "operations"`);
    await queryRunner.query(`DROP TABLE "thought_links"`);
    await queryRunner.query(`DROP INDEX "thoughts_analysis_outbox_idx"`);
    await queryRunner.query(`ALTER TABLE "thoughts" DROP COLUMN "analysis_queued_at"`);
    await queryRunner.query(
      `ALTER TABLE "thoughts" DROP CONSTRAINT "thoughts_duplicate_of_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "thoughts" DROP COLUMN "duplicate_of_id"`);
  }
}
