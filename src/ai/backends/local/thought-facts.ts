import type { ThoughtForAnalysis } from '../../ai.types.js';
import { DATE_WORDS, GENERIC_NOUNS, STOP_WORDS } from './lexicon.js';
import { foldMarks, readText, type Nlp, type ReadText } from './nlp.js';
import { mentionIndex, topicKeys, type TagVocabulary } from './tags.js';
import { detectTasks, type DetectedTask } from './tasks.js';
import { meansTopic, themeOf, topicOf } from './synonyms.js';
import { termKey } from './text.js';
import { localDateOf } from './zone.js';

/** What the pattern detectors need to know about one thought, computed once per check. */
export interface ThoughtFacts {
  thought: ThoughtForAnalysis;
  at: number;
  /** YYYY-MM-DD in the user's zone. */
  day: string;
  read: ReadText;
  mentioned: Map<string, number>;
  /** Topic keys plus the user's own tags, each word the lexicon knows under its topic's name ("sleeping" -> "sleep"). */
  nouns: Set<string>;
  verbs: Set<string>;
  userTags: Set<string>;
  /** Content lemmas, for "is this about the same thing" comparisons. */
  lemmas: Set<string>;
  /** To-dos, read relative to when the thought was written (computed on first use: it is the slow part). */
  tasks(): DetectedTask[];
}

/** Content lemmas of a text: "Called the insurance about the claim" -> call, insurance, claim. */
export function contentLemmas(read: ReadText): Set<string> {
  return new Set(
    read.tokens
      .filter((t) => t.type === 'word' && /^[a-z]{3,}$/.test(foldMarks(t.lemma)))
      .map((t) => t.lemma)
      .filter(
        (lemma) => !STOP_WORDS.has(lemma) && !GENERIC_NOUNS.has(lemma) && !DATE_WORDS.has(lemma),
      ),
  );
}

/** Sørensen-Dice overlap of two word sets, 0..1. */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Topics the lexicon finds in any word class: "slept" and "asleep" (verb, adjective) are about
 * sleep, and "head ache" written as two words is "headache".
 */
export function lexiconTopics(read: ReadText): Set<string> {
  const found = new Set<string>();
  const words = read.tokens.filter((t) => t.type === 'word');
  words.forEach((token, i) => {
    const next = words[i + 1];
    const topic = topicOf(token.value, token.lemma);
    const previous = words[i - 1];
    if (
      topic !== undefined &&
      meansTopic(topic, token.pos === 'VERB' ? next?.value : undefined, previous, token.value)
    )
      found.add(topic);
    const theme = themeOf(token.value, token.lemma, token.pos);
    if (theme !== undefined) found.add(theme);
    const joined = next && topicOf(`${token.value}${next.value}`);
    if (joined) found.add(joined);
  });
  return found;
}

export function factsOf(
  nlp: Nlp,
  thought: ThoughtForAnalysis,
  timeZone: string,
  vocabulary: TagVocabulary,
): ThoughtFacts {
  const read = readText(nlp, thought.content);
  const topics = topicKeys(read, vocabulary);
  const userTags = new Set(thought.tags.map(termKey).filter((key) => key !== ''));
  const named = (key: string) => (key.includes(' ') ? key : (topicOf(key) ?? key));
  let tasks: DetectedTask[] | undefined;
  return {
    thought,
    at: thought.createdAt.getTime(),
    day: localDateOf(timeZone, thought.createdAt),
    read,
    mentioned: mentionIndex(read),
    nouns: new Set([...[...topics.nouns, ...userTags].map(named), ...lexiconTopics(read)]),
    verbs: new Set([...topics.verbs].filter((verb) => topicOf(verb) === undefined)),
    userTags,
    lemmas: contentLemmas(read),
    tasks: () => (tasks ??= detectTasks(nlp, thought.content, thought.createdAt, timeZone)),
  };
}
