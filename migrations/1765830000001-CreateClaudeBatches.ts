import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per Message Batch a re-analysis sent to Claude: the thoughts in it, the id Anthropic
 * gave it (stored before the first poll, so a restart resumes polling instead of paying for
 * the batch twice), and the thoughts whose answers were already applied (so a results pass
 * cut short by a crash never applies one twice).
 */
export class CreateClaudeBatches1765830000001 implements MigrationInterface {
  name = 'CreateClaudeBatches1765830000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "claude_batches" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "operation_id" uuid,
        "thought_ids" uuid[] NOT NULL,
        "applied_ids" uuid[] NOT NULL DEFAULT '{}',
        "anthropic_batch_id" varchar(100),
        "model" varchar(100),
        "prompt_version" varchar(64),
        "state" varchar(16) NOT NULL DEFAULT 'submitting',
        "polls" integer NOT NULL DEFAULT 0,
        "submitted_at" timestamptz(3),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_claude_batches_id" PRIMARY KEY ("id"),
        CONSTRAINT "claude_batches_state_check" CHECK ("state" IN ('submitting', 'processing', 'done')),
        CONSTRAINT "claude_batches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "claude_batches_user_id_idx" ON "claude_batches" ("user_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "claude_batches"`);
  }
}
