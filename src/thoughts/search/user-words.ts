/**
 * The per-user words index (`thoughts_user_words_idx`, see its migration): a GIN over each
 * thought's lexemes prefixed with the first 8 characters of its user's id. A word's posting
 * list then holds one user's thoughts only, so looking words up costs what the user has, not
 * what the table has (the (user_id, search_vector) GIN it replaced intersected every user's
 * postings of each word: 31 ms for three common words at 1M thoughts).
 *
 * The index is a way to find a user's matches, not to rank them: a search wants the newest
 * SEARCH_CANDIDATES matches, and for common words walking the user's newest thoughts finds
 * them sooner than collecting every match. `wordsIndexQuery` picks between the two from the
 * user's own document frequencies (user_terms).
 */
import { SEARCH_CANDIDATES } from '../thoughts.repository.js';
import { userPrefix } from '../user-tags.js';

/** Lexemes longer than this (bytes) are left out of the index: with the prefix they would pass tsvector's 2047. */
const MAX_INDEXED_LEXEME = 2039;

/** The indexed expression over a thought row `t`, exactly as the index declares it. */
const USER_WORDS_SQL = 'thought_user_words(t.user_id, t.search_vector)';

/**
 * The thoughts to search, as `t`: all of them, or (given `wordsIndexQuery`'s tsquery as a
 * parameter) only those the words index finds. The fence (OFFSET 0) keeps the caller's
 * `user_id =` out of the index scan: the planner, not knowing the index is per user, would
 * otherwise AND it with the user's 10,000 (user, created_at) entries for nothing.
 */
export const thoughtsSql = (indexQueryParam: string | null) =>
  indexQueryParam
    ? `(SELECT * FROM thoughts t WHERE ${USER_WORDS_SQL} @@ ${indexQueryParam}::tsquery OFFSET 0) t`
    : 'thoughts t';

type Node =
  | { op: 'word'; word: string; plain: boolean }
  | { op: 'not'; arg: Node }
  | { op: 'and' | 'or'; args: Node[] };

/**
 * Parses PostgreSQL's text form of a tsquery (`'tax' <-> 'form' & !'mom' | 'bank'`): lexemes
 * quoted with '' and \\ escaped, `:*`/weights after a lexeme, `!`, `<->`/`<N>`, `&`, `|`,
 * parentheses. A phrase counts as an AND of its words (a necessary condition, enough here).
 */
export function parseTsquery(text: string): Node | null {
  const tokens = [...text.matchAll(/'((?:[^'\\]|''|\\.)*)'(:[*A-D]+)?|<\d*-?>|[!&|()]/g)];
  let at = 0;
  const peek = () => tokens[at]?.[0];
  const binary = (
    op: 'and' | 'or',
    isOp: (token: string | undefined) => boolean,
    next: () => Node,
  ): Node => {
    const args = [next()];
    while (isOp(peek())) {
      at++;
      args.push(next());
    }
    return args.length === 1 ? args[0]! : { op, args };
  };
  const unary = (): Node => {
    const token = tokens[at++];
    if (!token) throw new Error(`unexpected end of tsquery: ${text}`);
    if (token[0] === '!') return { op: 'not', arg: unary() };
    if (token[0] === '(') {
      const inner = or();
      at++; // ')'
      return inner;
    }
    if (token[1] === undefined) throw new Error(`unexpected ${token[0]} in tsquery: ${text}`);
    return {
      op: 'word',
      word: token[1].replace(/''/g, "'").replace(/\\(.)/g, '$1'),
      plain: token[2] === undefined,
    };
  };
  const phrase = () => binary('and', (token) => token?.startsWith('<') === true, unary);
  const and = () => binary('and', (token) => token === '&', phrase);
  const or = (): Node => binary('or', (token) => token === '|', and);
  return tokens.length === 0 ? null : or();
}

/** The lexemes of a tsquery's text, once each (to look up how common they are). */
export function tsqueryWords(text: string | null): string[] {
  const words = new Set<string>();
  const visit = (node: Node): void => {
    if (node.op === 'word') words.add(node.word);
    else if (node.op === 'not') visit(node.arg);
    else node.args.forEach(visit);
  };
  const root = text ? parseTsquery(text) : null;
  if (root) visit(root);
  return [...words];
}

/** How many of the user's thoughts there are, and in how many each word occurs (absent: none). */
export interface WordCounts {
  thoughts: number;
  documents: Record<string, number>;
}

/** The share of the user's thoughts expected to match, words taken as independent. */
function share(node: Node, counts: WordCounts): number {
  const n = Math.max(counts.thoughts, 1);
  switch (node.op) {
    case 'word':
      // A prefix or weighted lexeme has no count of its own: assume it is everywhere.
      return node.plain ? Math.min((counts.documents[node.word] ?? 0) / n, 1) : 1;
    case 'not':
      return 1 - share(node.arg, counts);
    case 'and':
      return node.args.reduce((product, arg) => product * share(arg, counts), 1);
    case 'or':
      return 1 - node.args.reduce((product, arg) => product * (1 - share(arg, counts)), 1);
  }
}

/**
 * A condition the index can answer that every match satisfies: the words a match must have,
 * NOT dropped (the row filter applies it), phrases as AND. Null when nothing is required
 * (`!mom`, `a | !b`): the index would have to read every user's entries.
 */
function required(node: Node, prefix: string): string | null {
  switch (node.op) {
    case 'word':
      return node.plain && Buffer.byteLength(node.word) <= MAX_INDEXED_LEXEME
        ? `'${(prefix + node.word).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
        : null;
    case 'not':
      return null;
    case 'and': {
      const parts = node.args.map((arg) => required(arg, prefix)).filter((part) => part !== null);
      return parts.length > 1 ? `(${parts.join(' & ')})` : (parts[0] ?? null);
    }
    case 'or': {
      const parts = node.args.map((arg) => required(arg, prefix));
      return parts.every((part) => part !== null) ? `(${parts.join(' | ')})` : null;
    }
  }
}

/**
 * The tsquery for `USER_WORDS_SQL @@ ...` when the index is the cheaper way to the newest
 * SEARCH_CANDIDATES matches of `tsqueryText` for this user, else null (walk the newest rows).
 * Reading through the index visits every match (m of them); walking visits about
 * SEARCH_CANDIDATES / share rows, at most all n of the user's. The cheaper wins, so neither is
 * ever worse than about sqrt(SEARCH_CANDIDATES * n) rows: the same at 100 and 1M thoughts in
 * the table, and 500 matches of a common word never mean collecting all of them.
 */
export function wordsIndexQuery(
  userId: string,
  tsqueryText: string | null,
  counts: WordCounts,
): string | null {
  const root = tsqueryText ? parseTsquery(tsqueryText) : null;
  if (!root) return null;
  const condition = required(root, userPrefix(userId));
  if (!condition) return null;
  const expectedShare = share(root, counts);
  const matches = expectedShare * counts.thoughts;
  const walked =
    expectedShare > 0
      ? Math.min(counts.thoughts, SEARCH_CANDIDATES / expectedShare)
      : counts.thoughts;
  return matches <= walked ? condition : null;
}
