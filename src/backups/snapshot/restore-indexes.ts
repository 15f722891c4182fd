import type pg from 'pg';
import { SNAPSHOT_SCHEMAS } from './table-catalog.js';

export interface SavedIndex {
  name: string;
  definition: string;
}

/**
 * Memory for the index builds at the end of a restore (this transaction only): a GIN or
 * trigram index over a million rows builds in a fraction of the time with room to sort.
 */
const BUILD_MEMORY = '128MB';

/**
 * A restore loads every row into freshly migrated, empty tables. Keeping their secondary
 * indexes (GIN over tsvectors and trigrams above all) while COPY runs updates each index once
 * per row; building each once over the loaded table is several times faster. So inside the
 * restore transaction the indexes are recorded (pg_get_indexdef), dropped, and recreated
 * after the last COPY; a failed restore rolls the drop back with everything else.
 *
 * Kept in place: indexes behind a constraint (primary keys, unique and exclusion constraints,
 * and any unique index a foreign key points at): they enforce what the data must satisfy while
 * it loads, and foreign keys depend on them. A plain UNIQUE INDEX that is dropped is checked
 * anyway when it is rebuilt: a duplicate fails the restore, never lands in the database.
 * Indexes of partitioned tables and their partitions are left alone too (pg-boss's small
 * queue_stats is the only one): pg_get_indexdef writes a parent's index "ON ONLY", which
 * would come back without its partitions' indexes.
 *
 * Triggers stay enabled, deliberately. COPY fires only INSERT triggers, TRUNCATE only TRUNCATE
 * triggers, and the migrations define neither: thoughts_forget_ledger_text (BEFORE DELETE on
 * thoughts, blanks the ledger's text of a deleted thought) and thought_terms_uncount (AFTER
 * DELETE on thought_terms, takes a thought's words out of user_terms) fire on DELETE only, so
 * restored user_terms and ai_analysis_results come back exactly as snapshotted, counted once.
 * A later INSERT or TRUNCATE trigger would fire here: test/e2e/backup-restore.e2e-spec.ts
 * fails until it is looked at (disable it for the load if it derives data the snapshot holds).
 */
export async function dropSecondaryIndexes(client: pg.ClientBase): Promise<SavedIndex[]> {
  const { rows } = await client.query<SavedIndex>(
    `SELECT format('%I.%I', n.nspname, ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     JOIN pg_class ic ON ic.oid = i.indexrelid
     JOIN pg_class tc ON tc.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = ic.relnamespace
     WHERE n.nspname = ANY($1) AND tc.relkind = 'r' AND NOT tc.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = tc.oid AND d.deptype = 'e')
     ORDER BY 1`,
    [SNAPSHOT_SCHEMAS],
  );
  for (const index of rows) await client.query(`DROP INDEX ${index.name}`);
  return rows;
}

export async function recreateIndexes(client: pg.ClientBase, indexes: SavedIndex[]): Promise<void> {
  await client.query(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`);
  for (const index of indexes) await client.query(index.definition);
}
