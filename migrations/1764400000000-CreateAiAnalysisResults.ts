import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAiAnalysisResults1764400000000 implements MigrationInterface {
  name = 'CreateAiAnalysisResults1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ai_analysis_results" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "thought_id" uuid,
        "operation" varchar(32) NOT NULL,
        "backend" varchar(16) NOT NULL,
        "model" varchar(100) NOT NULL,
        "prompt_version" varchar(64) NOT NULL,
        "input_tokens" integer NOT NULL DEFAULT 0,
        "output_tokens" integer NOT NULL DEFAULT 0,
        "cost_usd" numeric(12,6) NOT NULL DEFAULT 0,
        "latency_ms" integer NOT NULL DEFAULT 0,
        "outcome" varchar(16) NOT NULL,
        "error_class" varchar(32),
        "result" jsonb,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ai_analysis_results_id" PRIMARY KEY ("id"),
        CONSTRAINT "ai_analysis_results_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        -- SET NULL: deleting a thought keeps the spend it caused on the books.
        CONSTRAINT "ai_analysis_results_thought_id_fkey" FOREIGN KEY ("thought_id") REFERENCES "thoughts"("id") ON DELETE SET NULL,
        CONSTRAINT "ai_analysis_results_operation_check" CHECK ("operation" IN ('analyze_thought', 'consciousness_check')),
        CONSTRAINT "ai_analysis_results_outcome_check" CHECK ("outcome" IN ('success', 'error', 'invalid_output', 'skipped'))
      )`);
    // GET /ai/usage: one user's recent rows.
    await queryRunner.query(
      `CREATE INDEX "ai_analysis_results_user_created_idx" ON "ai_analysis_results" ("user_id", "created_at" DESC)`,
    );
    // The daily 30-day purge scans by age across users.
    await queryRunner.query(
      `CREATE INDEX "ai_analysis_results_created_at_idx" ON "ai_analysis_results" ("created_at")`,
    );
    // A thought's analysis history, and the SET NULL when a thought is deleted.
    await queryRunner.query(
      `CREATE INDEX "ai_analysis_results_thought_id_idx" ON "ai_analysis_results" ("thought_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ai_analysis_results"`);
  }
}
