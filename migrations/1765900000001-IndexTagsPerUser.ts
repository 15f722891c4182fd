import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags per user. The jsonb_path_ops GINs on tags and ai_tags kept one posting list per tag for
 * the whole table, so "the user's thoughts with tag x" (related thoughts' tags arm, the tag
 * filter, tag merges) read every user's thoughts with x: 11 of related thoughts' 14 ms at 1M
 * thoughts. One GIN over each thought's tags and AI tags, each prefixed with the first 8
 * characters of its user's id (as thoughts_user_words_idx does for words), gives every user
 * their own posting lists, and replaces both (one GIN to write per capture instead of two). A
 * prefix shared with another user only adds their rows, which `user_id =` drops.
 * src/thoughts/user-tags.ts builds the queries. No pending list, for the reason in
 * SearchIndexesWithoutPendingLists1765900000000.
 */
export class IndexTagsPerUser1765900000001 implements MigrationInterface {
  name = 'IndexTagsPerUser1765900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "thought_user_tags"(user_id uuid, tags jsonb, ai_tags jsonb) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN ARRAY(SELECT left(user_id::text, 8) || tag FROM jsonb_array_elements_text(tags || ai_tags) tag)`);
    await queryRunner.query(
      `CREATE INDEX "thoughts_user_tags_idx" ON "thoughts" USING gin (thought_user_tags("user_id", "tags", "ai_tags")) WITH (fastupdate = off)`,
    );
    await queryRunner.query(`DROP INDEX "thoughts_tags_idx"`);
    await queryRunner.query(`DROP INDEX "thoughts_ai_tags_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "thoughts_tags_idx" ON "thoughts" USING gin ("tags" jsonb_path_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "thoughts_ai_tags_idx" ON "thoughts" USING gin ("ai_tags" jsonb_path_ops)`,
    );
    await queryRunner.query(`DROP INDEX "thoughts_user_tags_idx"`);
    await queryRunner.query(`DROP FUNCTION "thought_user_tags"(uuid, jsonb, jsonb)`);
  }
}
