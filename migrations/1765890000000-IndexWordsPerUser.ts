import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search's words index, per user. The (user_id, search_vector) GIN kept one posting list per
 * word for the whole table: three common words cost 31 ms at 1M thoughts (intersecting each
 * word's postings of every user with the user's 10,000 rows), and more as the table grows.
 * Prefixing each lexeme with the first 8 characters of the user's id gives every user their own
 * posting lists, so a lookup costs what that user has. The prefix is 32 random bits of a UUID: a
 * collision only adds a stranger's rows, which the `user_id =` condition drops.
 * (src/thoughts/search/user-words.ts builds the queries; lexemes over 2039 bytes are left out so
 * a prefixed one stays within tsvector's 2047.)
 */
export class IndexWordsPerUser1765890000000 implements MigrationInterface {
  name = 'IndexWordsPerUser1765890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "thought_user_words"(user_id uuid, words tsvector) RETURNS tsvector
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN array_to_tsvector(ARRAY(
        SELECT left(user_id::text, 8) || w FROM unnest(tsvector_to_array(words)) w WHERE octet_length(w) <= 2039))`);
    await queryRunner.query(
      `CREATE INDEX "thoughts_user_words_idx" ON "thoughts" USING gin (thought_user_words("user_id", "search_vector"))`,
    );
    await queryRunner.query(`DROP INDEX "thoughts_user_search_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "thoughts_user_search_idx" ON "thoughts" USING gin ("user_id", "search_vector")`,
    );
    await queryRunner.query(`DROP INDEX "thoughts_user_words_idx"`);
    await queryRunner.query(`DROP FUNCTION "thought_user_words"(uuid, tsvector)`);
  }
}
