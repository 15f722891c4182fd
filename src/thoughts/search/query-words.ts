/** At most this many words of a query get spelling alternatives (each costs a vocabulary lookup). */
const MAX_WORDS = 8;

/**
 * The words of a search query to look up in the user's vocabulary for the trigram arm: runs of
 * letters and digits in any script, lower-cased, without words the query excludes (`-word`).
 * Web-search syntax (quotes, OR) is dropped: the trigram arm is about spelling, not syntax.
 */
export function queryWords(q: string): string[] {
  const words: string[] = [];
  for (const match of q.matchAll(/(-?)([\p{L}\p{N}]+)/gu)) {
    const word = match[2]!.toLowerCase();
    if (match[1] === '-' || word === 'or' || words.includes(word)) continue;
    words.push(word);
    if (words.length === MAX_WORDS) break;
  }
  return words;
}

/** A lexeme as a quoted tsquery operand: quotes and backslashes doubled, so any word is safe to splice into a tsquery. */
export const tsqueryLexemeSql = (expression: string) =>
  `('''' || replace(replace(${expression}, '\\', '\\\\'), '''', '''''') || '''')`;

/**
 * The lexemes of a tsquery as a text[] expression: its text form read back (each quoted
 * operand, quotes and backslashes undoubled), the words `tsqueryWords` (user-words.ts) finds in
 * the same text. A NULL text has none.
 */
export const tsqueryLexemesSql = (tsqueryText: string) =>
  `ARRAY(SELECT replace(replace(m[1], '''''', ''''), '\\\\', '\\') FROM regexp_matches(${tsqueryText}, '''((?:[^'']|'''')*)''', 'g') AS m)`;
