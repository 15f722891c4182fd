import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUserProfiles1764300000000 implements MigrationInterface {
  name = 'CreateUserProfiles1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per user, created lazily on first read; the unique key on user_id is both the
    // lookup index and the ON CONFLICT target.
    await queryRunner.query(`
      CREATE TABLE "user_profiles" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "ongoing_projects" jsonb NOT NULL DEFAULT '[]',
        "work_patterns" jsonb NOT NULL DEFAULT '{}',
        "goals" jsonb NOT NULL DEFAULT '[]',
        "preferences" jsonb NOT NULL DEFAULT '{}',
        "timezone" varchar(64) NOT NULL DEFAULT 'UTC',
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_profiles_id" PRIMARY KEY ("id"),
        CONSTRAINT "user_profiles_user_id_key" UNIQUE ("user_id"),
        CONSTRAINT "user_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_profiles"`);
  }
}
