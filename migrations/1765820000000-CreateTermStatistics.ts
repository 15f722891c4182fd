import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user document frequencies for the term-vector arm of related thoughts (BM25 over the
 * user's own corpus). `thought_terms` remembers which words of a thought were counted, so the
 * analysis job can swap a thought's contribution when its words change, and a delete (of the
 * thought, or of its row) takes exactly those words back out. The empty term counts the
 * user's documents: every counted thought carries it.
 */
export class CreateTermStatistics1765820000000 implements MigrationInterface {
  name = 'CreateTermStatistics1765820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "user_terms" (
        "user_id" uuid NOT NULL,
        "term" text NOT NULL,
        "documents" integer NOT NULL,
        CONSTRAINT "PK_user_terms" PRIMARY KEY ("user_id", "term"),
        CONSTRAINT "user_terms_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "thought_terms" (
        "thought_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "terms" text[] NOT NULL,
        CONSTRAINT "PK_thought_terms" PRIMARY KEY ("thought_id"),
        CONSTRAINT "thought_terms_thought_id_fkey" FOREIGN KEY ("thought_id") REFERENCES "thoughts"("id") ON DELETE CASCADE,
        CONSTRAINT "thought_terms_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    // Search's trigram arm looks up spellings of a query word among the user's words.
    await queryRunner.query(
      `CREATE INDEX "user_terms_term_trgm_idx" ON "user_terms" USING gin ("user_id", "term" gin_trgm_ops)`,
    );
    // One UPDATE per deleting statement (a transition table), not one per row.
    await queryRunner.query(`
      CREATE FUNCTION "thought_terms_uncount"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE user_terms u SET documents = u.documents - gone.n
        FROM (SELECT g.user_id, term, count(*)::int AS n FROM old_rows g, unnest(g.terms) AS term GROUP BY 1, 2) gone
        WHERE u.user_id = gone.user_id AND u.term = gone.term;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "thought_terms_uncount" AFTER DELETE ON "thought_terms"
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION thought_terms_uncount()`);
    // Thoughts already stored are counted in the background after start-up (1765880000000,
    // TermStatisticsBackfill); new ones as the analysis job or an import reaches them.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "thought_terms"`);
    await queryRunner.query(`DROP FUNCTION "thought_terms_uncount"()`);
    await queryRunner.query(`DROP TABLE "user_terms"`);
  }
}
