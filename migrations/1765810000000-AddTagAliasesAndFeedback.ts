import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tag hygiene that outlives one request: a merge or rename leaves an alias so later analyses
 * write the target tag, and removing an AI tag from a thought is remembered on that thought
 * (never put back) and counted per user (a tag the user keeps removing stops being proposed).
 */
export class AddTagAliasesAndFeedback1765810000000 implements MigrationInterface {
  name = 'AddTagAliasesAndFeedback1765810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tag_aliases" (
        "user_id" uuid NOT NULL,
        "alias" text NOT NULL,
        "target" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tag_aliases" PRIMARY KEY ("user_id", "alias"),
        CONSTRAINT "tag_aliases_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "thought_tag_rejections" (
        "thought_id" uuid NOT NULL,
        "tag" text NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_thought_tag_rejections" PRIMARY KEY ("thought_id", "tag"),
        CONSTRAINT "thought_tag_rejections_thought_id_fkey" FOREIGN KEY ("thought_id") REFERENCES "thoughts"("id") ON DELETE CASCADE,
        CONSTRAINT "thought_tag_rejections_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    // Per user, so deleting the thoughts a tag was removed from does not unlearn it.
    await queryRunner.query(`
      CREATE TABLE "user_tag_rejections" (
        "user_id" uuid NOT NULL,
        "tag" text NOT NULL,
        "times" integer NOT NULL DEFAULT 0,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_tag_rejections" PRIMARY KEY ("user_id", "tag"),
        CONSTRAINT "user_tag_rejections_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_tag_rejections"`);
    await queryRunner.query(`DROP TABLE "thought_tag_rejections"`);
    await queryRunner.query(`DROP TABLE "tag_aliases"`);
  }
}
