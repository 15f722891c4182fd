import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReadReplicas } from '../../database/replicas/read-replicas.service.js';
import type { Thought } from '../thought.entity.js';
import { COLUMNS, SEARCH_CANDIDATES, type ThoughtRow, toThought } from '../thoughts.repository.js';
import { carriesAnyTagSql, userTagKeys } from '../user-tags.js';
import { tsqueryLexemeSql } from './query-words.js';
import { thoughtsSql, type WordCounts, wordsIndexQuery } from './user-words.js';

/** How many of the source's words (the most informative, by the user's idf) make its query. */
const SOURCE_WORDS = 32;
/** The source's tags (own and AI) the tag arm looks for. */
const SOURCE_TAGS = 10;
/** Each arm's best this many enter the fusion (and the pool the trigram arm compares). */
const ARM_DEPTH = 50;
/** The newest thoughts always compared by trigram (a typo'd neighbour shares no word). */
const RECENT_POOL = 20;
/** Whole-text trigram similarity at which two thoughts read alike (pg_trgm's `%` default). */
const TEXT_SIMILARITY = 0.3;
/** BM25's usual constants: term-frequency saturation and length normalisation. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

export type RelatedArm = 'full_text' | 'term_vector' | 'tags' | 'trigram';

/** One candidate, with its rank in each arm that ranked it and what that arm matched on. */
export interface RelatedCandidate {
  thought: Thought;
  ranks: Partial<Record<RelatedArm, number>>;
  sharedTags: string[];
  sharedWords: string[];
  textSimilarity: number;
}

/**
 * Candidates for the thoughts related to one: four arms, each bounded so a request costs the same
 * at 100 and at 1M thoughts.
 * - full text: the newest SEARCH_CANDIDATES thoughts sharing any of the source's words (one
 *   scan of the per-user words GIN or the (user, created_at) index), ranked by ts_rank;
 * - term vector: the same thoughts ranked by BM25 against the source's words, with document
 *   frequencies from user_terms (the user's own corpus, kept by the analysis job);
 * - tags: the newest 200 thoughts sharing a tag, ranked by how many they share;
 * - trigram: whole-text similarity (~100 µs a pair) over the other arms' best and the newest
 *   few thoughts only.
 * Fusion happens in the caller (rank-fusion.ts).
 */
const SOURCE_WORDS_SQL = `
  WITH corpus AS (SELECT GREATEST(COALESCE((SELECT documents FROM user_terms WHERE user_id = $1 AND term = ''), 1), 1) AS n),
  words AS (
    SELECT w.lexeme AS term,
           ln(1 + (corpus.n - LEAST(COALESCE(u.documents, 0), corpus.n) + 0.5) / (COALESCE(u.documents, 0) + 0.5)) AS idf,
           COALESCE(u.documents, 0) AS documents, corpus.n
    FROM thoughts src CROSS JOIN corpus CROSS JOIN LATERAL unnest(src.search_vector) w
    LEFT JOIN user_terms u ON u.user_id = $1 AND u.term = w.lexeme
    WHERE src.id = $2 AND src.user_id = $1
    ORDER BY idf DESC, term LIMIT ${SOURCE_WORDS}
  )
  SELECT string_agg(${tsqueryLexemeSql('term')}, ' | ') AS query, array_agg(term) AS terms, array_agg(idf) AS idfs,
         array_agg(documents) AS documents, max(n) AS thoughts,
         (SELECT ARRAY(SELECT DISTINCT tag FROM thoughts t, jsonb_array_elements_text(t.tags || t.ai_tags) tag
                       WHERE t.id = $2 AND t.user_id = $1 ORDER BY tag LIMIT ${SOURCE_TAGS})) AS tags
  FROM words`;

/**
 * $1 user, $2 source thought, $3 its words as a tsquery (OR), $4 those words, $5 their idf, $6
 * whether it has any; `byIndex` (the parameter holding the words index's query, see
 * user-words.ts) finds them through that index when it reads fewer rows than walking the newest
 * thoughts; `sharesTag` tests a thought `t` against the source's tags through the per-user tags
 * index (user-tags.ts), so the arm reads the user's thoughts with those tags, not every user's.
 */
const relatedSql = (sharesTag: string, byIndex: string | null) => `
  WITH src AS MATERIALIZED (
    SELECT t.id, t.content, t.tags || t.ai_tags AS all_tags FROM thoughts t WHERE t.id = $2 AND t.user_id = $1
  ),
  by_words AS MATERIALIZED (
    SELECT t.id, t.created_at, t.search_vector FROM ${thoughtsSql(byIndex)}
    WHERE $6::boolean AND t.user_id = $1 AND t.search_vector @@ $3::tsquery
      AND t.id <> $2 AND t.status = 'active'
    ORDER BY t.created_at DESC, t.id DESC LIMIT ${SEARCH_CANDIDATES}
  ),
  full_text AS (
    SELECT b.id, row_number() OVER (ORDER BY ts_rank(b.search_vector, $3::tsquery) DESC, b.created_at DESC, b.id DESC) AS r
    FROM by_words b
  ),
  term_scores AS (
    -- Scored row by row over only the thought's words the source shares: no join and no sort of
    -- every (thought, word) pair, and the shared words named for the arm's best only.
    SELECT b.id, b.created_at, b.search_vector, s.score
    FROM by_words b
    CROSS JOIN (SELECT GREATEST(avg(length(search_vector)), 1) AS v FROM by_words) avg_len
    CROSS JOIN LATERAL (
      SELECT sum(d.idf * (d.tf * (${BM25_K1} + 1)) / (d.tf + ${BM25_K1} * (1 - ${BM25_B} + ${BM25_B} * length(b.search_vector) / avg_len.v))) AS score
      FROM (SELECT ($5::float8[])[array_position($4::text[], u.lexeme)] AS idf, COALESCE(array_length(u.positions, 1), 1) AS tf
            FROM unnest(b.search_vector) u WHERE u.lexeme = ANY($4::text[])) d
    ) s
    WHERE s.score IS NOT NULL
  ),
  term_ranked AS (
    SELECT id, search_vector, row_number() OVER (ORDER BY score DESC, created_at DESC, id DESC) AS r FROM term_scores
  ),
  term_vector AS (
    SELECT tr.id, tr.r,
           ARRAY(SELECT u.lexeme FROM unnest(tr.search_vector) u WHERE u.lexeme = ANY($4::text[])
                 ORDER BY ($5::float8[])[array_position($4::text[], u.lexeme)] DESC, u.lexeme LIMIT 5) AS shared_words
    FROM term_ranked tr WHERE tr.r <= ${ARM_DEPTH}
  ),
  by_tags AS MATERIALIZED (
    SELECT t.id, t.created_at,
           ARRAY(SELECT DISTINCT tag FROM jsonb_array_elements_text(t.tags || t.ai_tags) tag WHERE src.all_tags ? tag ORDER BY tag) AS shared_tags
    FROM thoughts t, src
    WHERE t.user_id = $1 AND t.id <> $2 AND t.status = 'active' AND ${sharesTag}
    ORDER BY t.created_at DESC, t.id DESC LIMIT 200
  ),
  tags AS (
    SELECT id, shared_tags, row_number() OVER (ORDER BY cardinality(shared_tags) DESC, created_at DESC, id DESC) AS r FROM by_tags
  ),
  recent AS (
    SELECT t.id FROM thoughts t WHERE t.user_id = $1 AND t.id <> $2 AND t.status = 'active'
    ORDER BY t.created_at DESC, t.id DESC LIMIT ${RECENT_POOL}
  ),
  pool AS (
    SELECT id FROM full_text WHERE r <= ${ARM_DEPTH}
    UNION SELECT id FROM term_vector WHERE r <= ${ARM_DEPTH}
    UNION SELECT id FROM tags WHERE r <= ${ARM_DEPTH}
    UNION SELECT id FROM recent
  ),
  compared AS (
    SELECT t.*, similarity(t.content, src.content) AS text_similarity
    FROM thoughts t JOIN pool ON pool.id = t.id CROSS JOIN src
  ),
  trigram AS (
    SELECT id, text_similarity, row_number() OVER (ORDER BY text_similarity DESC, created_at DESC, id DESC) AS r
    FROM compared WHERE text_similarity >= ${TEXT_SIMILARITY}
  )
  SELECT ${COLUMNS.replace(/\bt\./g, 'c.')}, c.text_similarity,
         ft.r AS full_text_rank, tv.r AS term_vector_rank, tg.r AS tags_rank, tr.r AS trigram_rank,
         COALESCE(tg.shared_tags, '{}') AS shared_tags, COALESCE(tv.shared_words, '{}') AS shared_words
  FROM compared c
  LEFT JOIN full_text ft ON ft.id = c.id AND ft.r <= ${ARM_DEPTH}
  LEFT JOIN term_vector tv ON tv.id = c.id AND tv.r <= ${ARM_DEPTH}
  LEFT JOIN tags tg ON tg.id = c.id AND tg.r <= ${ARM_DEPTH}
  LEFT JOIN trigram tr ON tr.id = c.id
  WHERE ft.r IS NOT NULL OR tv.r IS NOT NULL OR tg.r IS NOT NULL OR tr.r IS NOT NULL`;

type CandidateRow = ThoughtRow & {
  text_similarity: number;
  full_text_rank: string | null;
  term_vector_rank: string | null;
  tags_rank: string | null;
  trigram_rank: string | null;
  shared_tags: string[];
  shared_words: string[];
};

const rank = (value: string | null) => (value === null ? undefined : Number(value));

@Injectable()
export class RelatedThoughtsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * Every arm's candidates for the user's thought `id` (none when it has no words, tags or
   * neighbours). Its words and how common they are among the user's thoughts are read first:
   * common words walk the newest rows instead of collecting every match through the words index
   * (200 ms against 5 ms for a user with 10,000 thoughts), rare ones use it (user-words.ts).
   */
  async candidates(
    userId: string,
    id: string,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<RelatedCandidate[]> {
    // `fresh`: the analysis that just tagged this thought reads from the primary, where its tags are.
    const reader = fresh ? this.dataSource : this.replicas.reader(userId);
    const [words] = (await reader.query(SOURCE_WORDS_SQL, [userId, id])) as {
      query: string | null;
      terms: string[] | null;
      idfs: number[] | null;
      documents: number[] | null;
      thoughts: number | null;
      tags: string[];
    }[];
    const counts: WordCounts = {
      thoughts: words?.thoughts ?? 0,
      documents: Object.fromEntries(
        (words?.terms ?? []).map((term, index) => [term, words!.documents![index]!]),
      ),
    };
    const indexed = words?.query ? wordsIndexQuery(userId, words.query, counts) : null;
    const indexParams = indexed ? [indexed] : [];
    const tags = words?.tags ?? [];
    const tagParams = tags.length ? [userTagKeys(userId, tags)] : [];
    const sharesTag = tags.length ? carriesAnyTagSql(`$${7 + indexParams.length}`) : 'false';
    const rows = (await reader.query(relatedSql(sharesTag, indexed ? '$7' : null), [
      userId,
      id,
      // A thought without a searchable word matches nothing by words ($6); its tags and text still count.
      words?.query ?? '',
      words?.terms ?? [],
      words?.idfs ?? [],
      Boolean(words?.query),
      ...indexParams,
      ...tagParams,
    ])) as CandidateRow[];
    return rows.map((row) => {
      const ranks: Partial<Record<RelatedArm, number>> = {
        full_text: rank(row.full_text_rank),
        term_vector: rank(row.term_vector_rank),
        tags: rank(row.tags_rank),
        trigram: rank(row.trigram_rank),
      };
      for (const arm of Object.keys(ranks) as RelatedArm[])
        if (ranks[arm] === undefined) delete ranks[arm];
      return {
        thought: toThought(row),
        ranks,
        sharedTags: row.shared_tags,
        sharedWords: row.shared_words,
        textSimilarity: row.text_similarity,
      };
    });
  }
}
