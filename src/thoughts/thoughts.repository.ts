import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { analysisJobsFrom } from '../jobs/analysis-job-sql.js';
import { SqlWhere as Where } from '../common/database/sql-where.js';
import { WriteBatcher } from '../common/database/write-batcher.js';
import type { KeysetCursor } from '../common/pagination/cursor.js';
import type { ThoughtStatusFilter } from './dto/list-thoughts.query.dto.js';
import { contentFingerprint } from './thought-content.js';
import { Thought, type ThoughtSource, type ThoughtStatus, type ThoughtType } from './thought.entity.js';
import { ReadReplicas } from '../database/replicas/read-replicas.service.js';

/**
 * Hand-written SQL: capture is the hot path (every microsecond of Node CPU there counts) and
 * search/related need PostgreSQL features the query builder would only obscure.
 */
const COLUMNS = `t.id, t.user_id, t.content, t.tags, t.ai_tags, t.status, t.thought_type, t.is_actionable,
  t.local_only, t.source, t.analysis_status, t.analyzed_at, t.duplicate_of_id, t.created_at, t.updated_at`;
/** Trigram similarity at which a thought counts as a near-duplicate of a recent one. */
const NEAR_DUPLICATE_SIMILARITY = 0.85;
/**
 * The near-duplicate the analysis job records (never capture: a read per capture whose plan
 * depended on statistics made capture slow down as a user's day filled up, issue #13). For the
 * row `t` being updated, with its fingerprint in `fingerprint`: a thought of the day before it
 * with the same words, through the (user, fingerprint) index (OFFSET 0 keeps the planner from
 * walking the user's day in created_at order instead), or else the most similar of the 5
 * thoughts just before it (where a re-typed correction lands; each similarity costs ~25 µs).
 */
const nearDuplicateOf = (fingerprint: string) => `COALESCE(
  (SELECT same.id FROM (
     SELECT d.id, d.created_at FROM thoughts d
     WHERE d.user_id = t.user_id AND d.content_fingerprint = ${fingerprint}
       AND d.created_at > t.created_at - interval '1 day' AND (d.created_at, d.id) < (t.created_at, t.id)
     OFFSET 0) same
   ORDER BY same.created_at DESC LIMIT 1),
  (SELECT recent.id FROM (
     SELECT d.id, similarity(d.content, t.content) AS sim FROM thoughts d
     WHERE d.user_id = t.user_id AND d.created_at > t.created_at - interval '1 day' AND (d.created_at, d.id) < (t.created_at, t.id)
     ORDER BY d.created_at DESC, d.id DESC LIMIT 5) recent
   WHERE recent.sim >= ${NEAR_DUPLICATE_SIMILARITY} ORDER BY recent.sim DESC LIMIT 1))`;
/**
 * A batch of thoughts and their analysis jobs in one statement (see WriteBatcher), one array
 * per column. Nothing is read: every per-capture cost is an index insert, the same at 100 rows
 * and at 1M. Ids come from the caller, so each request finds its own row in what comes back
 * (a row missing there hit its user's idempotency key, and got no job).
 */
const CAPTURE_SQL = `
  WITH captured AS (
    INSERT INTO thoughts AS t (id, user_id, content, tags, thought_type, local_only, source, idempotency_key, request_fingerprint)
    SELECT i.id, i.user_id, i.content, i.tags::jsonb, i.thought_type, i.local_only, i.source, i.idempotency_key, i.request_fingerprint
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::varchar[], $6::boolean[], $7::varchar[], $8::varchar[], $9::char(64)[])
      AS i(id, user_id, content, tags, thought_type, local_only, source, idempotency_key, request_fingerprint)
    ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING t.id, t.user_id, t.created_at
  ), queued AS (${analysisJobsFrom('captured')})
  SELECT id, created_at FROM captured`;
/**
 * Statements of captures at once: two keep PostgreSQL busy while Node prepares the next
 * batch, and leave the rest of the pool (10) to reads.
 */
const CAPTURE_BATCHING = { maxInFlight: 2, maxBatch: 100 };
/** How many of the newest matches a search ranks (see search()). */
export const SEARCH_CANDIDATES = 500;
const HTML_ESCAPED_CONTENT = `replace(replace(replace(t.content, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';

export interface NewThought {
  userId: string;
  content: string;
  tags: string[];
  thoughtType: ThoughtType | null;
  localOnly: boolean;
  source: ThoughtSource;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
}

/** A thought as an import brings it: every field given, dates included. */
export interface ImportedThoughtRow {
  userId: string;
  content: string;
  tags: string[];
  aiTags: string[];
  status: ThoughtStatus;
  thoughtType: ThoughtType | null;
  isActionable: boolean;
  localOnly: boolean;
  source: ThoughtSource;
  analysisStatus: Thought['analysisStatus'];
  analyzedAt: Date | null;
  duplicateOfId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ThoughtFilters {
  status: ThoughtStatusFilter;
  tag?: string;
  thoughtType?: ThoughtType;
  isActionable?: boolean;
  since?: Date;
  until?: Date;
}

export interface ThoughtChanges {
  content?: string;
  tags?: string[];
  status?: ThoughtStatus;
  thoughtType?: ThoughtType | null;
  isActionable?: boolean;
  localOnly?: boolean;
}

export interface SearchResult {
  thought: Thought;
  rank: number;
  snippet: string;
}

export interface RelatedResult {
  thought: Thought;
  score: number;
  sharedTags: string[];
}

interface ThoughtRow {
  id: string;
  user_id: string;
  content: string;
  tags: string[];
  ai_tags: string[];
  status: ThoughtStatus;
  thought_type: ThoughtType | null;
  is_actionable: boolean;
  local_only: boolean;
  source: ThoughtSource;
  analysis_status: Thought['analysisStatus'];
  analyzed_at: Date | null;
  duplicate_of_id: string | null;
  created_at: Date;
  updated_at: Date;
}

function toThought(row: ThoughtRow): Thought {
  return Object.assign(new Thought(), {
    id: row.id,
    userId: row.user_id,
    content: row.content,
    tags: row.tags,
    aiTags: row.ai_tags,
    status: row.status,
    thoughtType: row.thought_type,
    isActionable: row.is_actionable,
    localOnly: row.local_only,
    source: row.source,
    analysisStatus: row.analysis_status,
    analyzedAt: row.analyzed_at,
    duplicateOfId: row.duplicate_of_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

@Injectable()
export class ThoughtsRepository {
  private readonly captures = new WriteBatcher<NewThought & { id: string }, Date | null>((batch) => this.insertBatch(batch), CAPTURE_BATCHING);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * Stores the thought and its analysis job in one statement: one round trip, one
   * transaction. Null when this user already used the idempotency key (then no job is
   * written). Only what the database decided comes back; the rest is what was inserted.
   * Near-duplicates are flagged by the analysis (see nearDuplicateOf).
   */
  async insertWithAnalysisJob(thought: NewThought): Promise<Thought | null> {
    const id = randomUUID();
    const createdAt = await this.captures.submit({ ...thought, id });
    if (!createdAt) return null;
    return Object.assign(new Thought(), {
      id,
      userId: thought.userId,
      content: thought.content,
      tags: thought.tags,
      aiTags: [],
      status: 'active',
      thoughtType: thought.thoughtType,
      isActionable: false,
      localOnly: thought.localOnly,
      source: thought.source,
      analysisStatus: 'pending',
      analyzedAt: null,
      duplicateOfId: null,
      createdAt,
      updatedAt: createdAt,
    });
  }

  /** One statement for a batch of captures: each one's created_at, or null where its idempotency key was taken. */
  private async insertBatch(batch: (NewThought & { id: string })[]): Promise<(Date | null)[]> {
    const { rows } = await this.pool().query<{ id: string; created_at: Date }>({
      // Named: PostgreSQL parses and plans it once per connection, not on every capture.
      name: 'thoughts.capture',
      text: CAPTURE_SQL,
      values: [
        batch.map((t) => t.id),
        batch.map((t) => t.userId),
        batch.map((t) => t.content),
        batch.map((t) => JSON.stringify(t.tags)),
        batch.map((t) => t.thoughtType),
        batch.map((t) => t.localOnly),
        batch.map((t) => t.source),
        batch.map((t) => t.idempotencyKey),
        batch.map((t) => t.requestFingerprint),
      ],
    });
    const created = new Map(rows.map((row) => [row.id, row.created_at]));
    return batch.map((t) => created.get(t.id) ?? null);
  }

  /**
   * TypeORM's pool itself: capture's statement goes straight to pg (a named prepared
   * statement, no query-runner bookkeeping per call).
   */
  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findByIdempotencyKey(userId: string, key: string): Promise<{ thought: Thought; fingerprint: string | null } | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, t.request_fingerprint FROM thoughts t WHERE t.user_id = $1 AND t.idempotency_key = $2`,
      [userId, key],
    )) as (ThoughtRow & { request_fingerprint: string | null })[];
    return rows[0] ? { thought: toThought(rows[0]), fingerprint: rows[0].request_fingerprint } : null;
  }

  async findById(userId: string, id: string): Promise<Thought | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM thoughts t WHERE t.id = $1 AND t.user_id = $2`, [
      id,
      userId,
    ])) as ThoughtRow[];
    return rows[0] ? toThought(rows[0]) : null;
  }

  async list(userId: string, filters: ThoughtFilters, limit: number, after?: KeysetCursor): Promise<Thought[]> {
    const where = this.filtersFor(userId, filters);
    if (after) {
      where.add(`(t.created_at, t.id) < (${where.param(after.createdAt)}, ${where.param(after.id)})`);
    }
    const rows = (await this.replicas.reader(userId).query(
      `SELECT ${COLUMNS} FROM thoughts t WHERE ${where}
       ORDER BY t.created_at DESC, t.id DESC LIMIT ${where.param(limit + 1)}`,
      where.params,
    )) as ThoughtRow[];
    return rows.map(toThought);
  }

  /** Whether websearch_to_tsquery finds any word to search for (stop words and punctuation alone do not). */
  async hasSearchableWords(q: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT numnode(websearch_to_tsquery('english', $1)) > 0 AS searchable`, [
      q,
    ])) as { searchable: boolean }[];
    return rows[0]?.searchable === true;
  }

  /**
   * Ranked full-text search within the user's rows; keyset on (rank, created_at, id). Ranks
   * the newest SEARCH_CANDIDATES matches: ranking every match of a common word means reading
   * each matching row (8,500 rows, 28 ms, for the most common word of a user with 10,000
   * thoughts), while the newest 500 are found through the (user, created_at) index in a few
   * milliseconds whatever the word. Older matches stay reachable with `until` or more words.
   */
  async search(userId: string, filters: ThoughtFilters, q: string, limit: number, after?: KeysetCursor): Promise<SearchResult[]> {
    const where = this.filtersFor(userId, filters);
    const query = where.param(q);
    where.add(`t.search_vector @@ websearch_to_tsquery('english', ${query})`);
    const afterClause = after
      ? `WHERE (s.rank, s.created_at, s.id) < (${where.param(after.rank ?? 0)}::real, ${where.param(after.createdAt)}, ${where.param(after.id)})`
      : '';
    const rows = (await this.replicas.reader(userId).query(
      `SELECT s.*, ts_headline('english', s.escaped, websearch_to_tsquery('english', ${query}), '${HEADLINE_OPTIONS}') AS snippet
       FROM (
         SELECT * FROM (
           SELECT ${COLUMNS}, ${HTML_ESCAPED_CONTENT} AS escaped,
                  ts_rank(t.search_vector, websearch_to_tsquery('english', ${query}))::real AS rank
           FROM (
             SELECT ${COLUMNS}, t.search_vector FROM thoughts t WHERE ${where}
             ORDER BY t.created_at DESC, t.id DESC LIMIT ${SEARCH_CANDIDATES}
           ) t
         ) s ${afterClause}
         ORDER BY s.rank DESC, s.created_at DESC, s.id DESC
         LIMIT ${where.param(limit + 1)}
       ) s
       ORDER BY s.rank DESC, s.created_at DESC, s.id DESC`,
      where.params,
    )) as (ThoughtRow & { rank: number; snippet: string })[];
    return rows.map((row) => ({ thought: toThought(row), rank: row.rank, snippet: row.snippet }));
  }

  /**
   * For queries with no searchable word (`%`, `_`, a lone stop word): a literal substring
   * match, with LIKE's wildcards escaped so user text never widens the match.
   */
  async searchSubstring(userId: string, filters: ThoughtFilters, q: string, limit: number, after?: KeysetCursor): Promise<Thought[]> {
    const where = this.filtersFor(userId, filters);
    const pattern = `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    where.add(`t.content ILIKE ${where.param(pattern)} ESCAPE '\\'`);
    if (after) where.add(`(t.created_at, t.id) < (${where.param(after.createdAt)}, ${where.param(after.id)})`);
    const rows = (await this.replicas.reader(userId).query(
      `SELECT ${COLUMNS} FROM thoughts t WHERE ${where}
       ORDER BY t.created_at DESC, t.id DESC LIMIT ${where.param(limit + 1)}`,
      where.params,
    )) as ThoughtRow[];
    return rows.map(toThought);
  }

  async update(
    userId: string,
    id: string,
    changes: ThoughtChanges,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Thought | null> {
    const sets: string[] = [];
    const params: unknown[] = [id, userId];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (changes.content !== undefined) {
      set('content', changes.content);
      // New words deserve a new analysis (the caller queues it in the same transaction).
      sets.push(`analysis_status = 'pending'`);
    }
    if (changes.tags !== undefined) set('tags', JSON.stringify(changes.tags), '::jsonb');
    if (changes.status !== undefined) set('status', changes.status);
    if (changes.thoughtType !== undefined) set('thought_type', changes.thoughtType);
    if (changes.isActionable !== undefined) set('is_actionable', changes.isActionable);
    if (changes.localOnly !== undefined) set('local_only', changes.localOnly);
    const [rows] = (await manager.query(
      `UPDATE thoughts AS t SET ${sets.join(', ')}, updated_at = now() WHERE t.id = $1 AND t.user_id = $2 RETURNING ${COLUMNS}`,
      params,
    )) as [ThoughtRow[], number];
    return rows[0] ? toThought(rows[0]) : null;
  }

  /**
   * Writes what analysis found, with the near-duplicate flag in the same UPDATE (an indexed
   * column changes either way, so a second UPDATE would write every index again). AI tags are
   * replaced wholesale (null leaves them, when auto-tagging is off); the user's own type is
   * kept, an empty one filled. `content` is the text that was analysed.
   */
  async applyAnalysis(
    userId: string,
    id: string,
    content: string,
    result: { aiTags: string[] | null; thoughtType: ThoughtType; isActionable: boolean },
  ): Promise<Thought | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE thoughts AS t SET
         ai_tags = COALESCE($3::jsonb, t.ai_tags),
         thought_type = COALESCE(t.thought_type, $4),
         is_actionable = t.is_actionable OR $5,
         content_fingerprint = $6::uuid, duplicate_of_id = ${nearDuplicateOf('$6::uuid')},
         analysis_status = 'done', analyzed_at = now(), updated_at = now()
       WHERE t.id = $1 AND t.user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId, result.aiTags === null ? null : JSON.stringify(result.aiTags), result.thoughtType, result.isActionable, contentFingerprint(content)],
    )) as [ThoughtRow[], number];
    return rows[0] ? toThought(rows[0]) : null;
  }

  /** Analysis is off for this user: the thought says so, and still gets its near-duplicate flag. */
  async skipAnalysis(userId: string, id: string, content: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE thoughts AS t SET analysis_status = 'skipped', analyzed_at = now(),
         content_fingerprint = $3::uuid, duplicate_of_id = ${nearDuplicateOf('$3::uuid')}
       WHERE t.id = $1 AND t.user_id = $2`,
      [id, userId, contentFingerprint(content)],
    );
  }

  async setAnalysisStatus(userId: string, id: string, status: Thought['analysisStatus']): Promise<void> {
    await this.dataSource.query(
      `UPDATE thoughts SET analysis_status = $3::varchar,
         analyzed_at = CASE WHEN $3::varchar = 'pending' THEN analyzed_at ELSE now() END
       WHERE id = $1 AND user_id = $2`,
      [id, userId, status],
    );
  }

  /**
   * One chunk of a re-analysis: the next `limit` of the user's thoughts matching the filter after
   * `after` in (created_at, id) order, marked pending in the same statement. Runs inside the
   * chunk's transaction so the marks, the jobs and the operation's cursor commit together.
   */
  async markChunkForReanalysis(
    manager: EntityManager,
    userId: string,
    filter: { analysisStatuses?: Thought['analysisStatus'][]; since?: Date; until: Date; after: { createdAt: Date; id: string } | null },
    limit: number,
  ): Promise<{ id: string; createdAt: Date }[]> {
    const where = new Where();
    where.add(`t.user_id = ${where.param(userId)}`);
    if (filter.analysisStatuses?.length) where.add(`t.analysis_status = ANY(${where.param(filter.analysisStatuses)}::varchar[])`);
    if (filter.since) where.add(`t.created_at >= ${where.param(filter.since)}`);
    where.add(`t.created_at < ${where.param(filter.until)}`);
    if (filter.after) where.add(`(t.created_at, t.id) > (${where.param(filter.after.createdAt)}::timestamptz, ${where.param(filter.after.id)}::uuid)`);
    const rows = (await manager.query(
      `WITH chunk AS (
         SELECT t.id FROM thoughts t WHERE ${where} ORDER BY t.created_at ASC, t.id ASC LIMIT ${where.param(limit)}
       )
       UPDATE thoughts t SET analysis_status = 'pending' FROM chunk WHERE t.id = chunk.id
       RETURNING t.id, t.created_at`,
      where.params,
    )) as [{ id: string; created_at: Date }[], number];
    return rows[0].map((row) => ({ id: row.id, createdAt: row.created_at })).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  /** An imported thought, with its original dates; no near-duplicate check (the source decided). */
  async insertImported(manager: EntityManager, row: ImportedThoughtRow): Promise<Thought> {
    const rows = (await manager.query(
      `INSERT INTO thoughts AS t (user_id, content, tags, ai_tags, status, thought_type, is_actionable, local_only, source,
         analysis_status, analyzed_at, content_fingerprint, duplicate_of_id, created_at, updated_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${COLUMNS}`,
      [
        row.userId,
        row.content,
        JSON.stringify(row.tags),
        JSON.stringify(row.aiTags),
        row.status,
        row.thoughtType,
        row.isActionable,
        row.localOnly,
        row.source,
        row.analysisStatus,
        row.analyzedAt,
        contentFingerprint(row.content),
        row.duplicateOfId,
        row.createdAt,
        row.updatedAt,
      ],
    )) as ThoughtRow[];
    return toThought(rows[0]!);
  }

  /** One page of the user's thoughts, oldest first, after the keyset (for export). */
  async exportPage(userId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<Thought[]> {
    const keyset = after ? 'AND (t.created_at, t.id) > ($3, $4)' : '';
    const rows = (await this.replicas.reader(userId).query(
      `SELECT ${COLUMNS} FROM thoughts t WHERE t.user_id = $1 ${keyset} ORDER BY t.created_at ASC, t.id ASC LIMIT $2`,
      after ? [userId, limit, after.createdAt, after.id] : [userId, limit],
    )) as ThoughtRow[];
    return rows.map(toThought);
  }

  /** Recent thoughts in a window, oldest first, for consciousness checks. */
  async inWindow(userId: string, since: Date, until: Date, limit: number): Promise<Thought[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM thoughts t
       WHERE t.user_id = $1 AND t.created_at >= $2 AND t.created_at < $3 AND t.status = 'active'
       ORDER BY t.created_at DESC, t.id DESC LIMIT $4`,
      [userId, since, until, limit],
    )) as ThoughtRow[];
    return rows.map(toThought).reverse();
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(`DELETE FROM thoughts WHERE id = $1 AND user_id = $2`, [id, userId])) as [
      unknown,
      number,
    ];
    return affected > 0;
  }

  /**
   * Candidates come from three indexes (shared words, shared tags, similar text); each is
   * scored 0..1 as 0.5 tag overlap (Jaccard) + 0.3 word rank + 0.2 trigram similarity.
   */
  async related(userId: string, id: string, limit: number, fresh = false): Promise<RelatedResult[]> {
    const rows = (await (fresh ? this.dataSource : this.replicas.reader(userId)).query(
      `WITH src AS (
         SELECT t.id, t.content, t.search_vector, t.tags || t.ai_tags AS all_tags
         FROM thoughts t WHERE t.id = $2 AND t.user_id = $1
       ),
       q AS (
         SELECT (SELECT string_agg(quote_literal(lexeme), ' | ')
                 FROM (SELECT unnest(tsvector_to_array(src.search_vector)) AS lexeme LIMIT 32) words)::tsquery AS query
         FROM src
       ),
       candidates AS (
         (SELECT t.id FROM thoughts t, q
          WHERE t.user_id = $1 AND q.query IS NOT NULL AND t.search_vector @@ q.query
          ORDER BY ts_rank(t.search_vector, q.query) DESC LIMIT 200)
         UNION
         (SELECT t.id FROM thoughts t, src
          WHERE t.user_id = $1 AND jsonb_array_length(src.all_tags) > 0
            AND (t.tags ?| ARRAY(SELECT jsonb_array_elements_text(src.all_tags))
                 OR t.ai_tags ?| ARRAY(SELECT jsonb_array_elements_text(src.all_tags)))
          ORDER BY t.created_at DESC LIMIT 200)
         UNION
         (SELECT t.id FROM thoughts t, src WHERE t.user_id = $1 AND t.content % src.content LIMIT 50)
       ),
       scored AS (
         SELECT ${COLUMNS},
           ARRAY(SELECT DISTINCT tag FROM jsonb_array_elements_text(t.tags || t.ai_tags) tag WHERE src.all_tags ? tag ORDER BY tag) AS shared_tags,
           (SELECT count(DISTINCT tag) FROM jsonb_array_elements_text(t.tags || t.ai_tags || src.all_tags) tag) AS union_size,
           COALESCE(ts_rank(t.search_vector, q.query, 32), 0) AS word_rank,
           similarity(t.content, src.content) AS text_similarity
         FROM thoughts t JOIN candidates c ON c.id = t.id CROSS JOIN src CROSS JOIN q
         WHERE t.id <> src.id AND t.status = 'active'
       )
       SELECT *, round((0.5 * CASE WHEN union_size = 0 THEN 0 ELSE cardinality(shared_tags)::float / union_size END
                        + 0.3 * LEAST(1, word_rank * 5) + 0.2 * text_similarity)::numeric, 4)::float AS score
       FROM scored
       ORDER BY score DESC, created_at DESC
       LIMIT $3`,
      [userId, id, limit],
    )) as (ThoughtRow & { shared_tags: string[]; score: number })[];
    return rows.filter((row) => row.score > 0).map((row) => ({ thought: toThought(row), score: row.score, sharedTags: row.shared_tags }));
  }

  async tagCounts(userId: string, limit: number): Promise<{ tag: string; count: number }[]> {
    return (await this.tagUse(userId, limit)).map(({ tag, count }) => ({ tag, count }));
  }

  /** Tags by use, each with whether it appears on any thought that is not local_only. */
  tagUse(userId: string, limit: number): Promise<{ tag: string; count: number; shareable: boolean }[]> {
    return this.replicas.reader(userId).query(
      `SELECT tag, count(*)::int AS count, bool_or(NOT local_only) AS shareable FROM (
         SELECT DISTINCT t.id, t.local_only, tag FROM thoughts t CROSS JOIN LATERAL jsonb_array_elements_text(t.tags || t.ai_tags) AS tag
         WHERE t.user_id = $1 AND t.status = 'active'
       ) tagged GROUP BY tag ORDER BY count DESC, tag ASC LIMIT $2`,
      [userId, limit],
    ) as Promise<{ tag: string; count: number; shareable: boolean }[]>;
  }

  private filtersFor(userId: string, filters: ThoughtFilters): Where {
    const where = new Where();
    where.add(`t.user_id = ${where.param(userId)}`);
    if (filters.status !== 'all') where.add(`t.status = ${where.param(filters.status)}`);
    if (filters.tag !== undefined) {
      const tag = where.param(JSON.stringify([filters.tag]));
      where.add(`(t.tags @> ${tag}::jsonb OR t.ai_tags @> ${tag}::jsonb)`);
    }
    if (filters.thoughtType !== undefined) where.add(`t.thought_type = ${where.param(filters.thoughtType)}`);
    if (filters.isActionable !== undefined) where.add(`t.is_actionable = ${where.param(filters.isActionable)}`);
    if (filters.since !== undefined) where.add(`t.created_at >= ${where.param(filters.since)}`);
    if (filters.until !== undefined) where.add(`t.created_at < ${where.param(filters.until)}`);
    return where;
  }
}
