/**
 * The SQL side of bench/thoughts.ts: the floor's table and the database-only timing of
 * the API's list and search queries.
 */
import type { BenchUser } from './lib/db.js';
import { query } from './lib/db.js';
import { fmt, table } from './lib/report.js';
import { SEARCH_WORDS } from './seed-thoughts.js';
import { ThoughtSearchRepository } from '../src/thoughts/search/thought-search.repository.js';
import type { ReadReplicas, Reader } from '../src/database/replicas/read-replicas.service.js';

// Same shape as thoughts (columns, defaults, generated tsvector, checks, FK) but only the
// primary key and the feed index: the least any capture must maintain.
export const FLOOR_TABLE = `
  CREATE TABLE floor_thoughts (LIKE thoughts INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS);
  ALTER TABLE floor_thoughts ADD PRIMARY KEY (id),
    ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
  CREATE INDEX floor_thoughts_user_created_idx ON floor_thoughts (user_id, created_at DESC, id DESC);`;

// Mirrors list() of src/thoughts/thoughts.repository.ts: the database's share of a request, for
// context next to the HTTP latency. Search runs the repository's own statements (see below).
const COLUMNS = `t.id, t.user_id, t.content, t.tags, t.ai_tags, t.status, t.thought_type, t.is_actionable,
  t.local_only, t.source, t.analysis_status, t.analyzed_at, t.created_at, t.updated_at`;
const LIST_SQL = `SELECT ${COLUMNS} FROM thoughts t WHERE t.user_id = $1 AND t.status = 'active'
  ORDER BY t.created_at DESC, t.id DESC LIMIT 51`;
/** Beyond single words: several words, a misspelt common word (trigram arm) and CJK (trigram arm, no match here). */
const OTHER_QUERIES = ['meeting budget review', 'meetnig', '睡眠'];

/** Median EXPLAIN ANALYZE execution time of 5 runs, and the plan's access path. */
async function explain(
  url: string,
  sql: string,
  values: unknown[],
): Promise<{ ms: number; plan: string }> {
  const times: number[] = [];
  let plan = '';
  for (let i = 0; i < 5; i++) {
    const rows = await query<{ 'QUERY PLAN': string }>(
      url,
      `EXPLAIN (ANALYZE, BUFFERS OFF) ${sql}`,
      values,
    );
    const lines = rows.map((row) => row['QUERY PLAN']);
    times.push(Number(/Execution Time: ([\d.]+) ms/.exec(lines.at(-1) ?? '')?.[1]));
    // The index (or seq scan) that reaches the rows, not the wrapping subquery/sort nodes.
    const access = lines.find((line) => /Index Scan|Seq Scan/.test(line)) ?? '';
    plan = access.replace(/^[\s>-]+/, '').replace(/\s+\(cost.*$/, '');
  }
  times.sort((a, b) => a - b);
  return { ms: times[2]!, plan };
}

/**
 * The search repository's own statements (a vocabulary lookup, then the fused arms), each
 * EXPLAIN ANALYZE-d: summed median execution time, and the main statement's access path.
 */
async function explainSearch(
  url: string,
  userId: string,
  q: string,
): Promise<{ ms: number; plan: string }> {
  let ms = 0;
  let plan = '';
  const recording = {
    query: async (sql: string, values: unknown[]) => {
      const explained = await explain(url, sql, values);
      ms += explained.ms;
      plan = explained.plan;
      return query(url, sql, values);
    },
  };
  // The repository reads through the replica router; here every read is the recording one.
  const replicas: Pick<ReadReplicas, 'reader'> = { reader: () => recording as Reader };
  await new ThoughtSearchRepository(replicas as ReadReplicas).search(
    userId,
    { status: 'active' },
    q,
    50,
  );
  return { ms, plan };
}

/** EXPLAIN ANALYZE of list and search SQL for one user: the floor of a read. */
export async function databaseOnly(url: string, user: BenchUser): Promise<string> {
  const rows: (string | number)[][] = [];
  const matches = async (word: string) =>
    (
      await query<{ n: string }>(
        url,
        `SELECT count(*) AS n FROM thoughts WHERE user_id = $1 AND search_vector @@ websearch_to_tsquery('english', $2)`,
        [user.userId, word],
      )
    )[0]!.n;
  const listPlan = await explain(url, LIST_SQL, [user.userId]);
  rows.push(['list latest 50', '', fmt(listPlan.ms, 2), listPlan.plan]);
  for (const q of [...SEARCH_WORDS.map(({ word }) => word), ...OTHER_QUERIES]) {
    const plan = await explainSearch(url, user.userId, q);
    rows.push([`search "${q}"`, await matches(q), fmt(plan.ms, 2), plan.plan]);
  }
  return [
    "== Database only (EXPLAIN ANALYZE execution time, median of 5 per statement, one user; the repository's SQL, LIMIT 51)",
    table(['query', "user's full-text matches", 'exec ms', 'access path'], rows),
  ].join('\n');
}
