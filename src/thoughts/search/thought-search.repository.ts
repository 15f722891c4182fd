import { Injectable } from '@nestjs/common';
import { ReadReplicas } from '../../database/replicas/read-replicas.service.js';
import type { KeysetCursor } from '../../common/pagination/cursor.js';
import type { Thought } from '../thought.entity.js';
import {
  LISTED_COLUMNS,
  type ListedThoughtRow,
  SEARCH_CANDIDATES,
  type ThoughtFilters,
  thoughtFilters,
  toUsersThought,
} from '../thoughts.repository.js';
import { queryWords, tsqueryLexemeSql, tsqueryLexemesSql } from './query-words.js';
import { reciprocalRankSql } from './rank-fusion.js';
import { thoughtsSql, type WordCounts, wordsIndexQuery } from './user-words.js';

const HTML_ESCAPED_CONTENT = `replace(replace(replace(t.content, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const HEADLINE_OPTIONS =
  'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';
/** Spelling alternatives kept per unknown query word, the most similar first. */
const ALTERNATIVES_PER_WORD = 3;

export type SearchArm = 'full_text' | 'trigram' | 'substring';

/** Why a result matched: the arm, and the words of the thought it matched on. */
export interface SearchMatch {
  arm: SearchArm;
  terms: string[];
}

export interface SearchResult {
  thought: Thought;
  rank: number;
  snippet: string;
  matched: SearchMatch[];
}

/** A search's hits; `searchable` is false when the query has no word to search for (`%`, a lone stop word). */
export interface SearchHits {
  hits: SearchResult[];
  searchable: boolean;
}

/**
 * The user's vocabulary words spelled like each query word: the trigram arm. Trigram
 * similarity against whole thoughts costs ~100 µs a row (a common word's 500 newest matches
 * would take 50 ms); against the user's distinct words (user_terms, GIN trigram index) it is a
 * few index lookups, and the thoughts are then found through the full-text index like any word.
 * A word the vocabulary knows (its stem is there) stands for itself; an unknown one is replaced
 * by words with similar trigrams (pg_trgm's `%`, similarity >= 0.3: "insomnai" → "insomnia"),
 * words it is a word-part of (`<%`), or, for words outside a-z and 0-9, words containing it (CJK
 * runs the English parser keeps whole: "睡眠" in "睡眠不足です"). Stop words are left out.
 */
const ALTERNATIVES = (userId: string, words: string) => `
  SELECT w.ord, w.word, alt.term, k.known FROM unnest(${words}::text[]) WITH ORDINALITY AS w(word, ord)
  CROSS JOIN LATERAL (SELECT (tsvector_to_array(to_tsvector('english', w.word)))[1] AS stem) s
  CROSS JOIN LATERAL (
    SELECT EXISTS (SELECT 1 FROM user_terms u WHERE u.user_id = ${userId} AND u.term = s.stem AND u.documents > 0) AS known) k
  CROSS JOIN LATERAL (
    SELECT s.stem AS term WHERE k.known
    UNION ALL
    (SELECT spelt.term FROM (
       SELECT u.term FROM user_terms u
       WHERE NOT k.known AND u.user_id = ${userId} AND u.documents > 0 AND u.term <> ''
         AND (u.term % w.word OR u.term % s.stem OR w.word <% u.term)
       UNION
       -- Not through the trigram index: a word of one or two CJK characters has no trigram, and
       -- LIKE would then scan every user's entries; the user's own words are far fewer.
       SELECT u.term FROM user_terms u
       WHERE NOT k.known AND w.word ~ '[^a-z0-9]' AND u.user_id = ${userId} AND u.documents > 0 AND strpos(u.term, w.word) > 0
     ) spelt
     ORDER BY greatest(similarity(spelt.term, w.word), similarity(spelt.term, s.stem), word_similarity(w.word, spelt.term)) DESC, spelt.term
     LIMIT ${ALTERNATIVES_PER_WORD})) alt
  WHERE s.stem IS NOT NULL`;

@Injectable()
export class ThoughtSearchRepository {
  constructor(private readonly replicas: ReadReplicas) {}

  /**
   * Hybrid search: a full-text arm (websearch_to_tsquery over the stored tsvector) and a
   * trigram arm (each query word replaced by the user's words spelled like it, see
   * ALTERNATIVES), fused by reciprocal rank. Each arm ranks only its newest SEARCH_CANDIDATES
   * matches: ranking every match of a common word means reading each matching row, while the
   * newest 500 cost the same whatever the table's size. Older matches stay reachable with
   * `until` or more words. Each arm finds them either through the per-user words index or by
   * walking the user's newest thoughts (the (user, created_at) index), whichever reads fewer
   * rows by the user's own word counts (user-words.ts): a first, small statement reads the
   * query, its spellings and how common their words are. The trigram arm runs only when some
   * query word is unknown to the user's vocabulary (a query of known words would repeat the
   * full-text arm). Keyset on the fused rank, created_at, id.
   */
  async search(
    userId: string,
    filters: ThoughtFilters,
    q: string,
    limit: number,
    after?: KeysetCursor,
  ): Promise<SearchHits> {
    const { fts, searchable, spelling, counts } = await this.queries(userId, q);
    // Neither arm has anything to look for: an empty tsquery matches no thought.
    if (!searchable && !spelling) return { hits: [], searchable };
    const where = thoughtFilters(userId, filters);
    const query = `websearch_to_tsquery('english', ${where.param(q)})`;
    // Each arm's query is a literal to the planner (a parameter, not a subquery), and so is
    // the index's: the walk's plan then filters on a known tsquery.
    const spelled = spelling ? `${where.param(spelling.query)}::tsquery` : null;
    const newest = (tsquery: string, tsqueryText: string | null) => {
      const indexed = wordsIndexQuery(userId, tsqueryText, counts);
      return `
      SELECT c.id, c.created_at, row_number() OVER (ORDER BY ts_rank(c.search_vector, ${tsquery}) DESC, c.created_at DESC, c.id DESC) AS r
      FROM (SELECT t.id, t.created_at, t.search_vector FROM ${thoughtsSql(indexed && where.param(indexed))} WHERE ${where} AND t.search_vector @@ ${tsquery}
            ORDER BY t.created_at DESC, t.id DESC LIMIT ${SEARCH_CANDIDATES}) c`;
    };
    // Only the trigram arm's hits need their words (for `matched`): the rest go without.
    const lexemes = spelled
      ? 'CASE WHEN page.trgm_rank IS NOT NULL THEN tsvector_to_array(t.search_vector) END'
      : 'NULL::text[]';
    const afterClause = after
      ? `WHERE (f.rank, f.created_at, f.id) < (${where.param(after.rank ?? 0)}::real, ${where.param(after.createdAt)}, ${where.param(after.id)})`
      : '';
    const rows = (await this.replicas.reader(userId).query(
      `WITH fts AS (${newest(query, fts)}),
       trgm AS (${spelled && spelling ? newest(spelled, spelling.query) : 'SELECT NULL::uuid AS id, NULL::timestamptz AS created_at, NULL::bigint AS r WHERE false'}),
       fused AS (
         SELECT COALESCE(fts.id, trgm.id) AS id, COALESCE(fts.created_at, trgm.created_at) AS created_at, fts.r AS fts_rank, trgm.r AS trgm_rank,
                (${reciprocalRankSql(['fts.r', 'trgm.r'])})::real AS rank
         FROM fts FULL JOIN trgm ON trgm.id = fts.id
       ),
       page AS (
         SELECT f.* FROM fused f ${afterClause}
         ORDER BY f.rank DESC, f.created_at DESC, f.id DESC
         LIMIT ${where.param(limit + 1)}
       )
       SELECT ${LISTED_COLUMNS}, page.rank, page.fts_rank, page.trgm_rank, ${lexemes} AS lexemes,
         ts_headline('english', ${HTML_ESCAPED_CONTENT},
           ${spelled ? `CASE WHEN page.fts_rank IS NOT NULL THEN ${query} ELSE ${spelled} END` : query}, '${HEADLINE_OPTIONS}') AS snippet
       FROM page JOIN thoughts t ON t.id = page.id
       ORDER BY page.rank DESC, t.created_at DESC, t.id DESC`,
      where.params,
    )) as (ListedThoughtRow & {
      rank: number;
      fts_rank: string | null;
      trgm_rank: string | null;
      snippet: string;
      lexemes: string[] | null;
    })[];
    const hits = rows.map((row) => {
      const matched: SearchMatch[] = [];
      if (row.fts_rank !== null)
        matched.push({ arm: 'full_text', terms: markedWords(row.snippet) });
      if (row.trgm_rank !== null && spelling)
        matched.push({
          arm: 'trigram',
          terms: spelling.terms.filter((term) => row.lexemes!.includes(term)),
        });
      return {
        thought: toUsersThought(row, userId),
        rank: row.rank,
        snippet: row.snippet,
        matched,
      };
    });
    return { hits, searchable };
  }

  /**
   * In one statement: the full-text arm's tsquery (as text) and whether it has any word; the
   * trigram arm's query, null when every query word is one the user's vocabulary knows (or none
   * has a spelling there): each word's alternatives OR-ed, the words AND-ed; and how many
   * thoughts the user has, and in how many of them each word of the two queries occurs.
   */
  private async queries(
    userId: string,
    q: string,
  ): Promise<{
    fts: string;
    searchable: boolean;
    spelling: { query: string; terms: string[] } | null;
    counts: WordCounts;
  }> {
    const rows = (await this.replicas.reader(userId).query(
      `SELECT fts::text AS fts, numnode(fts) > 0 AS searchable, spelt.query, spelt.terms,
         (SELECT json_object_agg(u.term, u.documents) FROM user_terms u
          WHERE u.user_id = $1
            AND u.term = ANY(array_prepend('', ${tsqueryLexemesSql('fts::text')} || ${tsqueryLexemesSql('spelt.query')}))
         ) AS documents
       FROM websearch_to_tsquery('english', $3) AS fts, (
         SELECT CASE WHEN bool_or(NOT a.known) THEN string_agg('(' || a.terms || ')', ' & ') END AS query,
                array_agg(DISTINCT t.term) FILTER (WHERE NOT a.known) AS terms
         FROM (SELECT ord, bool_and(known) AS known, string_agg(${tsqueryLexemeSql('term')}, ' | ') AS terms, array_agg(term) AS term_list
               FROM (${ALTERNATIVES('$1', '$2')}) alternatives GROUP BY ord) a
         LEFT JOIN LATERAL unnest(a.term_list) AS t(term) ON true) spelt`,
      [userId, queryWords(q), q],
    )) as {
      fts: string;
      searchable: boolean;
      query: string | null;
      terms: string[] | null;
      documents: Record<string, number> | null;
    }[];
    const row = rows[0]!;
    const documents = row.documents ?? {};
    return {
      fts: row.fts,
      searchable: row.searchable,
      spelling: row.query ? { query: row.query, terms: row.terms ?? [] } : null,
      counts: { thoughts: documents[''] ?? 0, documents },
    };
  }
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** The words a headline marked, as the thought spells them (lower-cased, once each). */
export function markedWords(snippet: string): string[] {
  const words = [...snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((found) =>
    found[1]!.replace(/&(lt|gt|amp);/g, (entity) => ENTITIES[entity]!).toLowerCase(),
  );
  return [...new Set(words)];
}
