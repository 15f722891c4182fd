import { ACTION_VERBS } from './lexicon.js';

/** A piece of the thought with its position, so evidence can be quoted exactly. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface Clause extends Span {
  /** Joined to the previous clause by "and"/"then" with no subject of its own ("call mom and ask about Sunday"). */
  continuation: boolean;
}

const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'a.m',
  'p.m',
  'approx',
  'appt',
  'no',
]);

/** Trims a span without losing its offsets. */
function trimmed(source: string, start: number, end: number): Span | null {
  while (start < end && /[\s\-*•>]/.test(source[start])) start += 1;
  while (end > start && /\s/.test(source[end - 1])) end -= 1;
  return end > start ? { text: source.slice(start, end), start, end } : null;
}

/** Sentences and lines (notes are often one item a line), leaving "e.g." and "5 p.m." alone. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const boundary = /[.!?…]+(?=\s)|\n+/g;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    if (match[0][0] === '.') {
      const word = /([A-Za-z.]+)$/.exec(text.slice(start, match.index))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word.replace(/^\./, ''))) continue;
    }
    const end = match[0][0] === '\n' ? match.index : match.index + match[0].length;
    const span = trimmed(text, start, end);
    if (span) spans.push(span);
    start = match.index + match[0].length;
  }
  const last = trimmed(text, start, text.length);
  if (last) spans.push(last);
  return spans;
}

const SUBJECT_START = /^(?:i|we|i'll|i’ll|we'll|i'm|i’m|ill)\b/i;
const REMINDER_START =
  /^(?:remember|don'?t forget|don’t forget|do not forget|remind me|need to|have to|must|gotta|got to|should)\b/i;

/** Whether the words after a conjunction begin a clause of their own rather than a list item ("milk and eggs"). */
export function startsClause(rest: string): boolean {
  const first = /^[a-z'’-]+/i.exec(rest)?.[0]?.toLowerCase() ?? '';
  return ACTION_VERBS.has(first) || SUBJECT_START.test(rest) || REMINDER_START.test(rest);
}

const JOINERS =
  /\s*;\s*|\s+[-–—]+\s+|,?\s+and then\s+|,?\s+then\s+|,?\s+(?:and|&|\+|plus)\s+(?:also\s+)?|,?\s+(?:so|but|because|since|cause|cuz|coz)\s+|,\s+/gi;

/**
 * Clauses of a sentence, split where a new action or subject starts: "pick up groceries and then
 * call the insurance" is two tasks, "buy milk and eggs" one, "Tomorrow, call the bank" one.
 */
export function splitClauses(sentence: Span): Clause[] {
  const text = sentence.text;
  const clauses: Clause[] = [];
  let start = 0;
  let continuation = false;
  const joiners = new RegExp(JOINERS.source, 'gi');
  for (let match = joiners.exec(text); match; match = joiners.exec(text)) {
    const joiner = match[0]
      .trim()
      .replace(/^,\s*/, '')
      .replace(/^[-–—]+$/, ';')
      .toLowerCase();
    const rest = text.slice(match.index + match[0].length);
    const before = text.slice(start, match.index);
    const split =
      joiner === ';' ||
      (startsClause(rest) && (joiner !== '' || before.trim().split(/\s+/).length >= 3));
    if (!split) continue;
    const span = trimmed(text, start, match.index);
    if (span)
      clauses.push({
        ...span,
        start: sentence.start + span.start,
        end: sentence.start + span.end,
        continuation,
      });
    start = match.index + match[0].length;
    continuation = /^(?:and|then|and then|&|\+|plus)/.test(joiner) && !/^(?:i|we)\b/i.test(rest);
  }
  const last = trimmed(text, start, text.length);
  if (last)
    clauses.push({
      ...last,
      start: sentence.start + last.start,
      end: sentence.start + last.end,
      continuation,
    });
  return clauses;
}

/** English plural to singular, by rule: enough to match "running-shoes" with "running shoe". */
/** Words that end in -s and are no plural: "clothes", "xmas", "news", "pilates". */
const NOT_PLURAL = new Set(
  `clothes xmas christmas news series species means lens physics maths politics economics athletics gymnastics
  aerobics pilates diabetes measles mumps scissors thanks jeans togs jandals pyjamas undies shorts`.split(
    /\s+/,
  ),
);

export function singular(word: string): string {
  if (word.length <= 3 || /(?:ss|us|is|ous)$/.test(word) || NOT_PLURAL.has(word)) return word;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x|z|ss)es$/.test(word)) return word.slice(0, -2);
  // "tomatoes", "potatoes", "mangoes"; short ones keep their "e" ("shoes", "toes", "canoes").
  if (word.length >= 7 && /[^aeiou]oes$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The comparison form of a tag or phrase: lower-case, singular words, one space between. */
export function termKey(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/^#+/, '')
    .split(/[\s_\-/]+/)
    .filter(Boolean)
    .map(singular)
    .join(' ');
}

/** Cuts at a word boundary so a title never ends mid-word. */
export function clipWords(value: string, max: number): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Code-point order: unlike localeCompare, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether `a` becomes `b` by one edit: a letter added, dropped, changed, or two neighbours
 * swapped ("exausted", "tierd", "stresed" for "exhausted", "tired", "stressed").
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
