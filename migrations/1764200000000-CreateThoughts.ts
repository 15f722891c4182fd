import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_EXPRESSION = `to_tsvector('english'::regconfig, content)`;

export class CreateThoughts1764200000000 implements MigrationInterface {
  name = 'CreateThoughts1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await queryRunner.query(`
      CREATE TABLE "thoughts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "content" text NOT NULL,
        "tags" jsonb NOT NULL DEFAULT '[]',
        "ai_tags" jsonb NOT NULL DEFAULT '[]',
        "status" varchar(16) NOT NULL DEFAULT 'active',
        "thought_type" varchar(16),
        "is_actionable" boolean NOT NULL DEFAULT false,
        "local_only" boolean NOT NULL DEFAULT false,
        "source" varchar(16) NOT NULL DEFAULT 'api',
        "analysis_status" varchar(16) NOT NULL DEFAULT 'pending',
        "analyzed_at" timestamptz,
        "idempotency_key" varchar(255),
        "request_fingerprint" char(64),
        "search_vector" tsvector GENERATED ALWAYS AS (${SEARCH_EXPRESSION}) STORED,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_thoughts_id" PRIMARY KEY ("id"),
        CONSTRAINT "thoughts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "thoughts_status_check" CHECK ("status" IN ('active', 'archived')),
        CONSTRAINT "thoughts_source_check" CHECK ("source" IN ('api', 'dashboard', 'shortcut', 'import')),
        CONSTRAINT "thoughts_analysis_status_check" CHECK ("analysis_status" IN ('pending', 'done', 'failed', 'skipped')),
        CONSTRAINT "thoughts_thought_type_check" CHECK ("thought_type" IN ('idea', 'task', 'note', 'question', 'reflection', 'reminder', 'observation'))
      )`);
    // TypeORM compares generated columns with the expression it finds here (drift check).
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "typeorm_metadata" (
        "type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text
      )`);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'thoughts', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [SEARCH_EXPRESSION],
    );
    // The feed: newest first per user, the keyset order.
    await queryRunner.query(
      `CREATE INDEX "thoughts_user_created_idx" ON "thoughts" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "thoughts_user_idempotency_key" ON "thoughts" ("user_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    // Search and tag filters stay within one user's rows without scanning everyone's matches.
    await queryRunner.query(
      `CREATE INDEX "thoughts_user_search_idx" ON "thoughts" USING gin ("user_id", "search_vector")`,
    );
    await queryRunner.query(
      `CREATE INDEX "thoughts_tags_idx" ON "thoughts" USING gin ("tags" jsonb_path_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "thoughts_ai_tags_idx" ON "thoughts" USING gin ("ai_tags" jsonb_path_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "thoughts_content_trgm_idx" ON "thoughts" USING gin ("content" gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "table" = 'thoughts' AND "name" = 'search_vector'`,
    );
    await queryRunner.query(`DROP TABLE "thoughts"`);
  }
}
