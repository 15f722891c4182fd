import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTasksAndSuggestions1764500000000 implements MigrationInterface {
  name = 'CreateTasksAndSuggestions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "task_suggestions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "source_thought_id" uuid,
        "title" varchar(200) NOT NULL,
        "normalized_title" varchar(200) NOT NULL,
        "description" text,
        "priority" varchar(8) NOT NULL DEFAULT 'medium',
        "due_date" date,
        "due_time" time,
        "confidence" real NOT NULL,
        "evidence" text,
        "status" varchar(10) NOT NULL DEFAULT 'pending',
        "origin" varchar(24) NOT NULL DEFAULT 'analysis',
        "backend" varchar(16),
        "model" varchar(100),
        "reject_reason" varchar(500),
        "decided_at" timestamptz,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_task_suggestions_id" PRIMARY KEY ("id"),
        CONSTRAINT "task_suggestions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "task_suggestions_source_thought_id_fkey" FOREIGN KEY ("source_thought_id") REFERENCES "thoughts"("id") ON DELETE CASCADE,
        CONSTRAINT "task_suggestions_priority_check" CHECK ("priority" IN ('low', 'medium', 'high', 'urgent')),
        CONSTRAINT "task_suggestions_status_check" CHECK ("status" IN ('pending', 'accepted', 'rejected', 'expired')),
        CONSTRAINT "task_suggestions_origin_check" CHECK ("origin" IN ('analysis', 'consciousness_check')),
        CONSTRAINT "task_suggestions_confidence_check" CHECK ("confidence" >= 0 AND "confidence" <= 1)
      )`);
    // The inbox: a user's pending suggestions, newest first.
    await queryRunner.query(
      `CREATE INDEX "task_suggestions_user_status_created_idx" ON "task_suggestions" ("user_id", "status", "created_at" DESC, "id" DESC)`,
    );
    // De-duplication is a constraint, not a check-then-insert race: one live suggestion per
    // thought and title (a rejected one stays, so it is never offered again), and one
    // pending thought-less suggestion (from consciousness checks) per title.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "task_suggestions_thought_title_key" ON "task_suggestions" ("source_thought_id", "normalized_title") WHERE "source_thought_id" IS NOT NULL AND "status" <> 'expired'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "task_suggestions_user_title_pending_key" ON "task_suggestions" ("user_id", "normalized_title") WHERE "source_thought_id" IS NULL AND "status" = 'pending'`,
    );
    // The daily expiry job scans only pending rows by age.
    await queryRunner.query(
      `CREATE INDEX "task_suggestions_pending_created_idx" ON "task_suggestions" ("created_at") WHERE "status" = 'pending'`,
    );

    await queryRunner.query(`
      CREATE TABLE "tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "title" varchar(200) NOT NULL,
        "description" text,
        "priority" varchar(8) NOT NULL DEFAULT 'medium',
        "status" varchar(12) NOT NULL DEFAULT 'pending',
        "due_date" date,
        "due_time" time,
        "source_thought_id" uuid,
        "source_suggestion_id" uuid,
        "completed_at" timestamptz,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tasks_id" PRIMARY KEY ("id"),
        CONSTRAINT "tasks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "tasks_source_thought_id_fkey" FOREIGN KEY ("source_thought_id") REFERENCES "thoughts"("id") ON DELETE SET NULL,
        CONSTRAINT "tasks_source_suggestion_id_fkey" FOREIGN KEY ("source_suggestion_id") REFERENCES "task_suggestions"("id") ON DELETE SET NULL,
        CONSTRAINT "tasks_priority_check" CHECK ("priority" IN ('low', 'medium', 'high', 'urgent')),
        CONSTRAINT "tasks_status_check" CHECK ("status" IN ('pending', 'in_progress', 'done', 'cancelled', 'archived')),
        CONSTRAINT "tasks_due_time_needs_date_check" CHECK ("due_time" IS NULL OR "due_date" IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX "tasks_user_created_idx" ON "tasks" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    // Today / upcoming / overdue views: open tasks by due date.
    await queryRunner.query(
      `CREATE INDEX "tasks_user_status_due_idx" ON "tasks" ("user_id", "status", "due_date")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_source_thought_idx" ON "tasks" ("source_thought_id") WHERE "source_thought_id" IS NOT NULL`,
    );
    // One task per accepted suggestion, whatever the concurrency.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "tasks_source_suggestion_key" ON "tasks" ("source_suggestion_id") WHERE "source_suggestion_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP TABLE "task_suggestions"`);
  }
}
