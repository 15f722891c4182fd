import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { analysisJobsFrom } from '../jobs/analysis-job-sql.js';
import { SqlWhere as Where } from '../common/database/sql-where.js';
import {
  rowMapper,
  type RowOf,
  type SetColumns,
  setAssignments,
  snakeCase,
} from '../common/database/sql-rows.js';
import { WriteBatcher } from '../common/database/write-batcher.js';
import type { KeysetCursor } from '../common/pagination/cursor.js';
import type { ThoughtStatusFilter } from './dto/list-thoughts.query.dto.js';
import { contentFingerprint } from './thought-content.js';
import { carriesAnyTagSql, userTagKeys } from './user-tags.js';
import {
  Thought,
  type ThoughtSource,
  type ThoughtStatus,
  type ThoughtType,
} from './thought.entity.js';
import { primaryPool } from '../database/pg-pool.js';
import { ReadReplicas } from '../database/replicas/read-replicas.service.js';

/**
 * Hand-written SQL: capture is the hot path (every microsecond of Node CPU there counts) and
 * search/related need PostgreSQL features the query builder would only obscure.
 */
export const COLUMNS = `t.id, t.user_id, t.content, t.tags, t.ai_tags, t.status, t.thought_type, t.is_actionable,
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
/** How many of the newest matches each arm of a search or of related thoughts ranks (see search/). */
export const SEARCH_CANDIDATES = 500;

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
  aiTags?: string[];
  status?: ThoughtStatus;
  thoughtType?: ThoughtType | null;
  isActionable?: boolean;
  localOnly?: boolean;
}

/** The thought's fields in COLUMNS' order; each read from its snake_case column. */
const THOUGHT_FIELDS = [
  'id',
  'userId',
  'content',
  'tags',
  'aiTags',
  'status',
  'thoughtType',
  'isActionable',
  'localOnly',
  'source',
  'analysisStatus',
  'analyzedAt',
  'duplicateOfId',
  'createdAt',
  'updatedAt',
] as const;

export type ThoughtRow = RowOf<Thought, (typeof THOUGHT_FIELDS)[number]>;

export const toThought = rowMapper(Thought, THOUGHT_FIELDS);

/**
 * COLUMNS without user_id, for a list or a search: they read one user's rows, and the caller
 * has the id (a page of 50 then receives and parses 50 uuids fewer). Read with toUsersThought.
 */
const LISTED_FIELDS = THOUGHT_FIELDS.filter((field) => field !== 'userId');
export const LISTED_COLUMNS = LISTED_FIELDS.map((field) => `t.${snakeCase(field)}`).join(', ');
export type ListedThoughtRow = RowOf<Thought, (typeof LISTED_FIELDS)[number]>;
const toListedThought = rowMapper(Thought, LISTED_FIELDS);

/** A row of LISTED_COLUMNS, selected for `userId` (`t.user_id =` the same id), as a thought. */
export function toUsersThought(row: ListedThoughtRow, userId: string): Thought {
  const thought = toListedThought(row);
  thought.userId = userId;
  return thought;
}

const jsonb = { cast: '::jsonb', encode: (tags: string[]) => JSON.stringify(tags) } as const;

/** What an edit may change, and where each change is written. */
const THOUGHT_CHANGES: SetColumns<ThoughtChanges> = {
  content: 'content',
  tags: { column: 'tags', ...jsonb },
  aiTags: { column: 'ai_tags', ...jsonb },
  status: 'status',
  thoughtType: 'thought_type',
  isActionable: 'is_actionable',
  localOnly: 'local_only',
};

@Injectable()
export class ThoughtsRepository {
  private readonly captures = new WriteBatcher<NewThought & { id: string }, Date | null>(
    (batch) => this.insertBatch(batch),
    CAPTURE_BATCHING,
  );

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
    const pool = primaryPool(this.dataSource);
    if (!pool) throw new Error('the database connection is closed');
    return pool;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ thought: Thought; fingerprint: string | null } | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, t.request_fingerprint FROM thoughts t WHERE t.user_id = $1 AND t.idempotency_key = $2`,
      [userId, key],
    )) as (ThoughtRow & { request_fingerprint: string | null })[];
    return rows[0]
      ? { thought: toThought(rows[0]), fingerprint: rows[0].request_fingerprint }
      : null;
  }

  async findById(userId: string, id: string): Promise<Thought | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM thoughts t WHERE t.id = $1 AND t.user_id = $2`,
      [id, userId],
    )) as ThoughtRow[];
    return rows[0] ? toThought(rows[0]) : null;
  }

  async list(
    userId: string,
    filters: ThoughtFilters,
    limit: number,
    after?: KeysetCursor,
  ): Promise<Thought[]> {
    return this.newestFirst(userId, thoughtFilters(userId, filters), limit, after);
  }

  /**
   * For queries with no searchable word (`%`, `_`, a lone stop word): a literal substring
   * match, with LIKE's wildcards escaped so user text never widens the match.
   */
  async searchSubstring(
    userId: string,
    filters: ThoughtFilters,
    q: string,
    limit: number,
    after?: KeysetCursor,
  ): Promise<Thought[]> {
    const where = thoughtFilters(userId, filters);
    const pattern = `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    where.add(`t.content ILIKE ${where.param(pattern)} ESCAPE '\\'`);
    return this.newestFirst(userId, where, limit, after);
  }

  /** The thoughts `where` selects, newest first after the keyset: limit + 1, so the caller sees if there is more. */
  private async newestFirst(
    userId: string,
    where: Where,
    limit: number,
    after?: KeysetCursor,
  ): Promise<Thought[]> {
    if (after)
      where.add(
        `(t.created_at, t.id) < (${where.param(after.createdAt)}, ${where.param(after.id)})`,
      );
    const rows = (await this.replicas.reader(userId).query(
      `SELECT ${LISTED_COLUMNS} FROM thoughts t WHERE ${where}
       ORDER BY t.created_at DESC, t.id DESC LIMIT ${where.param(limit + 1)}`,
      where.params,
    )) as ListedThoughtRow[];
    return rows.map((row) => toUsersThought(row, userId));
  }

  async update(
    userId: string,
    id: string,
    changes: ThoughtChanges,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Thought | null> {
    const params: unknown[] = [id, userId];
    const sets = setAssignments(changes, THOUGHT_CHANGES, params);
    // New words deserve a new analysis (the caller queues it in the same transaction).
    if (changes.content !== undefined) sets.push(`analysis_status = 'pending'`);
    const [rows] = (await manager.query(
      `UPDATE thoughts AS t SET ${sets.join(', ')}, updated_at = now() WHERE t.id = $1 AND t.user_id = $2 RETURNING ${COLUMNS}`,
      params,
    )) as [ThoughtRow[], number];
    return rows[0] ? toThought(rows[0]) : null;
  }

  /** The thought's tags, its row locked until the caller's transaction ends (an AI-tag edit reads, then writes). */
  async lockTags(
    manager: EntityManager,
    userId: string,
    id: string,
  ): Promise<{ tags: string[]; aiTags: string[] } | null> {
    const rows = (await manager.query(
      `SELECT tags, ai_tags FROM thoughts WHERE id = $1 AND user_id = $2 FOR UPDATE`,
      [id, userId],
    )) as {
      tags: string[];
      ai_tags: string[];
    }[];
    return rows[0] ? { tags: rows[0].tags, aiTags: rows[0].ai_tags } : null;
  }

  /**
   * Merge or rename in one statement: on every thought of the user carrying any of `from`
   * (found through the per-user tags index), each of those becomes `into` in the user's tags and in the
   * AI tags, each list keeps its first occurrence of a tag, and an AI tag equal to one of the
   * user's own goes (as analysis keeps them apart). Returns how many thoughts changed.
   */
  async rewriteTags(
    manager: EntityManager,
    userId: string,
    from: string[],
    into: string,
  ): Promise<number> {
    const renamed = (column: string) => `(
      SELECT CASE WHEN e = ANY($2::text[]) THEN $4 ELSE e END AS tag, min(ord) AS ord
      FROM jsonb_array_elements_text(${column}) WITH ORDINALITY AS a(e, ord) GROUP BY 1)`;
    const [, affected] = (await manager.query(
      `WITH hit AS (
         SELECT t.id, t.tags, t.ai_tags FROM thoughts t WHERE t.user_id = $1 AND ${carriesAnyTagSql('$3')} FOR UPDATE
       ), own AS (
         SELECT h.id, h.ai_tags, COALESCE((SELECT jsonb_agg(d.tag ORDER BY d.ord) FROM ${renamed('h.tags')} d), '[]'::jsonb) AS tags
         FROM hit h
       ), rewritten AS (
         SELECT o.id, o.tags,
           COALESCE((SELECT jsonb_agg(d.tag ORDER BY d.ord) FROM ${renamed('o.ai_tags')} d WHERE NOT o.tags ? d.tag), '[]'::jsonb) AS ai_tags
         FROM own o
       )
       UPDATE thoughts AS t SET tags = r.tags, ai_tags = r.ai_tags, updated_at = now()
       FROM rewritten r WHERE t.id = r.id AND t.user_id = $1`,
      [userId, from, userTagKeys(userId, from), into],
    )) as [unknown, number];
    return affected;
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
      [
        id,
        userId,
        result.aiTags === null ? null : JSON.stringify(result.aiTags),
        result.thoughtType,
        result.isActionable,
        contentFingerprint(content),
      ],
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

  async setAnalysisStatus(
    userId: string,
    id: string,
    status: Thought['analysisStatus'],
  ): Promise<void> {
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
    filter: {
      analysisStatuses?: Thought['analysisStatus'][];
      since?: Date;
      until: Date;
      after: { createdAt: Date; id: string } | null;
    },
    limit: number,
  ): Promise<{ id: string; createdAt: Date }[]> {
    const where = new Where();
    where.add(`t.user_id = ${where.param(userId)}`);
    if (filter.analysisStatuses?.length)
      where.add(`t.analysis_status = ANY(${where.param(filter.analysisStatuses)}::varchar[])`);
    if (filter.since) where.add(`t.created_at >= ${where.param(filter.since)}`);
    where.add(`t.created_at < ${where.param(filter.until)}`);
    if (filter.after)
      where.add(
        `(t.created_at, t.id) > (${where.param(filter.after.createdAt)}::timestamptz, ${where.param(filter.after.id)}::uuid)`,
      );
    const rows = (await manager.query(
      `WITH chunk AS (
         SELECT t.id FROM thoughts t WHERE ${where} ORDER BY t.created_at ASC, t.id ASC LIMIT ${where.param(limit)}
       )
       UPDATE thoughts t SET analysis_status = 'pending' FROM chunk WHERE t.id = chunk.id
       RETURNING t.id, t.created_at`,
      where.params,
    )) as [{ id: string; created_at: Date }[], number];
    return rows[0]
      .map((row) => ({ id: row.id, createdAt: row.created_at }))
      .sort(
        (x, y) =>
          x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
      );
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
  async exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<Thought[]> {
    const keyset = after ? 'AND (t.created_at, t.id) > ($3, $4)' : '';
    const rows = (await this.replicas
      .reader(userId)
      .query(
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
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM thoughts WHERE id = $1 AND user_id = $2`,
      [id, userId],
    )) as [unknown, number];
    return affected > 0;
  }

  async tagCounts(userId: string, limit: number): Promise<{ tag: string; count: number }[]> {
    return (await this.tagUse(userId, limit)).map(({ tag, count }) => ({ tag, count }));
  }

  /** Tags by use, each with whether it appears on any thought that is not local_only. */
  tagUse(
    userId: string,
    limit: number,
  ): Promise<{ tag: string; count: number; shareable: boolean }[]> {
    return this.replicas.reader(userId).query(
      `SELECT tag, count(*)::int AS count, bool_or(NOT local_only) AS shareable FROM (
         SELECT DISTINCT t.id, t.local_only, tag FROM thoughts t CROSS JOIN LATERAL jsonb_array_elements_text(t.tags || t.ai_tags) AS tag
         WHERE t.user_id = $1 AND t.status = 'active'
       ) tagged GROUP BY tag ORDER BY count DESC, tag ASC LIMIT $2`,
      [userId, limit],
    ) as Promise<{ tag: string; count: number; shareable: boolean }[]>;
  }
}

/** The user's rows under a list's filters, as a WHERE on `thoughts t` (search builds on it too). */
export function thoughtFilters(userId: string, filters: ThoughtFilters): Where {
  const where = new Where();
  where.add(`t.user_id = ${where.param(userId)}`);
  if (filters.status !== 'all') where.add(`t.status = ${where.param(filters.status)}`);
  if (filters.tag !== undefined) {
    where.add(carriesAnyTagSql(where.param(userTagKeys(userId, [filters.tag]))));
  }
  if (filters.thoughtType !== undefined)
    where.add(`t.thought_type = ${where.param(filters.thoughtType)}`);
  if (filters.isActionable !== undefined)
    where.add(`t.is_actionable = ${where.param(filters.isActionable)}`);
  if (filters.since !== undefined) where.add(`t.created_at >= ${where.param(filters.since)}`);
  if (filters.until !== undefined) where.add(`t.created_at < ${where.param(filters.until)}`);
  return where;
}
