import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deleted thought takes with it the analysis text the AI ledger kept for it (the validated
 * answer in `result`: summary, tags, tasks and their evidence quoting the thought). The
 * row stays, with its tokens, cost and outcome, so spend reports do not change. A trigger,
 * not service code, so every way a thought is deleted (the API, retention, a merge, an
 * import rolled back) forgets it alike; the foreign key still sets thought_id to NULL.
 */
export class ForgetLedgerTextOfDeletedThoughts1765100000000 implements MigrationInterface {
  name = 'ForgetLedgerTextOfDeletedThoughts1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "ai_ledger_forget_thought"() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE ai_analysis_results SET result = NULL WHERE thought_id = OLD.id AND result IS NOT NULL;
        RETURN OLD;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER "thoughts_forget_ledger_text" BEFORE DELETE ON "thoughts"
      FOR EACH ROW EXECUTE FUNCTION "ai_ledger_forget_thought"()`);
    // Thoughts deleted before this migration: their analyses are the rows that lost their thought.
    await queryRunner.query(`
      UPDATE ai_analysis_results SET result = NULL
      WHERE operation = 'analyze_thought' AND thought_id IS NULL AND result IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "thoughts_forget_ledger_text" ON "thoughts"`);
    await queryRunner.query(`DROP FUNCTION "ai_ledger_forget_thought"()`);
  }
}
