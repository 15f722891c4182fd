import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateScheduledAnalyses1764700000000 implements MigrationInterface {
  name = 'CreateScheduledAnalyses1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scheduled_analyses" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "trigger" varchar(16) NOT NULL,
        "slot_key" varchar(64),
        "state" varchar(16) NOT NULL DEFAULT 'running',
        "window_start" timestamptz NOT NULL,
        "window_end" timestamptz NOT NULL,
        "new_thought_count" integer NOT NULL DEFAULT 0,
        "summary" text NOT NULL DEFAULT '',
        "patterns" jsonb NOT NULL DEFAULT '[]',
        "insights" jsonb NOT NULL DEFAULT '[]',
        "suggestions" jsonb NOT NULL DEFAULT '[]',
        "backend" varchar(16),
        "model" varchar(100),
        "input_tokens" integer NOT NULL DEFAULT 0,
        "output_tokens" integer NOT NULL DEFAULT 0,
        "duration_ms" integer NOT NULL DEFAULT 0,
        "pinned" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_scheduled_analyses_id" PRIMARY KEY ("id"),
        CONSTRAINT "scheduled_analyses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "scheduled_analyses_trigger_check" CHECK ("trigger" IN ('scheduled', 'manual')),
        CONSTRAINT "scheduled_analyses_state_check" CHECK ("state" IN ('running', 'done', 'failed'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "scheduled_analyses_user_created_idx" ON "scheduled_analyses" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    // One scheduled check per user and time slot, however many instances try: the claim is this insert.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "scheduled_analyses_user_slot_key" ON "scheduled_analyses" ("user_id", "slot_key") WHERE "slot_key" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "dismissed_insights" (
        "user_id" uuid NOT NULL,
        "insight_key" varchar(300) NOT NULL,
        "dismissed_until" timestamptz NOT NULL,
        CONSTRAINT "PK_dismissed_insights" PRIMARY KEY ("user_id", "insight_key"),
        CONSTRAINT "dismissed_insights_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dismissed_insights"`);
    await queryRunner.query(`DROP TABLE "scheduled_analyses"`);
  }
}
