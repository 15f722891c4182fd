import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUserSettings1764300000001 implements MigrationInterface {
  name = 'CreateUserSettings1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per user, created lazily on first read; the unique key on user_id is both the
    // lookup index and the ON CONFLICT target.
    await queryRunner.query(`
      CREATE TABLE "user_settings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "auto_tagging_enabled" boolean NOT NULL DEFAULT true,
        "auto_task_creation_enabled" boolean NOT NULL DEFAULT false,
        "task_suggestion_mode" varchar(16) NOT NULL DEFAULT 'suggest',
        -- Quoted, so PostgreSQL keeps '0.85'::real: the form TypeORM's drift check expects.
        "auto_task_confidence_threshold" real NOT NULL DEFAULT '0.85',
        "ai_backend" varchar(16) NOT NULL DEFAULT 'auto',
        "consciousness_check_interval_minutes" integer NOT NULL DEFAULT 60,
        "quiet_hours" jsonb,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_settings_id" PRIMARY KEY ("id"),
        CONSTRAINT "user_settings_user_id_key" UNIQUE ("user_id"),
        CONSTRAINT "user_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "user_settings_task_suggestion_mode_check" CHECK ("task_suggestion_mode" IN ('off', 'suggest', 'auto')),
        -- Automatic task creation is what mode 'auto' means: the two can never disagree.
        CONSTRAINT "user_settings_auto_task_creation_enabled_check" CHECK ("task_suggestion_mode" <> 'auto' OR "auto_task_creation_enabled"),
        CONSTRAINT "user_settings_auto_task_confidence_threshold_check" CHECK ("auto_task_confidence_threshold" >= 0 AND "auto_task_confidence_threshold" <= 1),
        CONSTRAINT "user_settings_ai_backend_check" CHECK ("ai_backend" IN ('auto', 'claude', 'ollama', 'local')),
        CONSTRAINT "user_settings_consciousness_check_interval_minutes_check" CHECK ("consciousness_check_interval_minutes" BETWEEN 30 AND 1440)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_settings"`);
  }
}
