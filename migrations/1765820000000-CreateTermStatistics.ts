import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user document frequencies for the term-vector arm of related thoughts (BM25 over the
 * user's own corpus). `thought_terms` remembers which words of a thought were counted, so the
 * analysis job can swap a thought's contribution when its words change, and a delete (of the
 * thought, or of its row) takes exactly those words back out. The empty term counts the
 * user's documents: every counted thought carries it.
 */
/** Thoughts per statement of the backfill. */
const BACKFILL_CHUNK = 20_000;

/**
 * Counts every stored thought's words (for thoughts with none counted yet: a fresh table), in
 * chunks so each statement stays well inside the pool's 30 s query timeout at 1M thoughts. Also
 * run by the benchmark after it seeds thoughts straight into SQL.
 */
export async function countStoredTerms(query: (sql: string, values: unknown[]) => Promise<{ id: string }[]>): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await query(
      `WITH chunk AS MATERIALIZED (
         SELECT t.id, t.user_id, array_prepend('', tsvector_to_array(t.search_vector)) AS terms
         FROM thoughts t WHERE t.id > $1 ORDER BY t.id LIMIT ${BACKFILL_CHUNK}
       ),
       saved AS (INSERT INTO thought_terms (thought_id, user_id, terms) SELECT id, user_id, terms FROM chunk),
       counted AS (
         INSERT INTO user_terms AS u (user_id, term, documents)
         SELECT c.user_id, term, count(*)::int FROM chunk c, unnest(c.terms) AS term GROUP BY 1, 2
         ON CONFLICT (user_id, term) DO UPDATE SET documents = u.documents + EXCLUDED.documents
       )
       SELECT id FROM chunk ORDER BY id DESC LIMIT 1`,
      [after],
    );
    if (!rows[0]) return;
    after = rows[0].id;
  }
}

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
    await queryRunner.query(`CREATE INDEX "user_terms_term_trgm_idx" ON "user_terms" USING gin ("user_id", "term" gin_trgm_ops)`);
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
    // Thoughts already stored count now; new ones as the analysis job or an import reaches them.
    await countStoredTerms((sql, values) => queryRunner.query(sql, values) as Promise<{ id: string }[]>);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "thought_terms"`);
    await queryRunner.query(`DROP FUNCTION "thought_terms_uncount"()`);
    await queryRunner.query(`DROP TABLE "user_terms"`);
  }
}
