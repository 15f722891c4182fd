import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger learns Claude's prompt caching and Message Batches: the cache tokens written and
 * read (priced apart from plain input), what a call saved against the uncached one-at-a-time
 * price, and whether it went through a batch (half price). Defaults keep older rows truthful:
 * they had no cache, no batch and no saving.
 */
export class AddLedgerCacheAndBatch1765830000000 implements MigrationInterface {
  name = 'AddLedgerCacheAndBatch1765830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "ai_analysis_results"
        ADD COLUMN "cache_creation_input_tokens" integer NOT NULL DEFAULT 0,
        ADD COLUMN "cache_read_input_tokens" integer NOT NULL DEFAULT 0,
        ADD COLUMN "cost_saved_usd" numeric(12,6) NOT NULL DEFAULT 0,
        ADD COLUMN "batch" boolean NOT NULL DEFAULT false
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "ai_analysis_results"
        DROP COLUMN "batch",
        DROP COLUMN "cost_saved_usd",
        DROP COLUMN "cache_read_input_tokens",
        DROP COLUMN "cache_creation_input_tokens"
    `);
  }
}
