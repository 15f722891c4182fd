import type { TagSuggestion } from '../../ai.types.js';
import { ACTION_VERBS, DATE_WORDS, GENERIC_NOUNS, LIGHT_VERBS, STOP_WORDS } from './lexicon.js';
import type { ReadText, Token } from './nlp.js';
import { meansTopic, topicOf } from './synonyms.js';
import { tidyTag } from './tag-normal.js';
import { compareText, oneEditApart, singular, termKey } from './text.js';
import { hashtags, inVerbSlot, nounPhrases, written, type Candidate } from './topics.js';

export interface TagVocabulary {
  /** The user's tags, most used first. */
  existingTags: string[];
  /** Tags the user keeps removing: never proposed, in any spelling. */
  rejectedTags?: string[];
  projects: { name: string; tags?: string[] }[];
}

const DESTINATION_BEFORE =
  /^(?:from|at|way|back|got|get|gets|getting|go|goes|going|went|came|come|coming|drove|drive|walked|walk|headed|heading|stayed|stay|stuck)$/;
/** "after work (6pm)", "before work tmrw": work as a time of day. */
const TIME_ANCHOR_BEFORE = /^(?:before|after)$/;
const MAX_TAGS = 5;
/** New tags a thought may add to the user's vocabulary; see extractTags. */
const MAX_NEW_TAGS = 3;
/** Hashtags and profile projects are the user's words even when new to the tag list. */
const STRONG = 0.9;
const MAX_TAG_LENGTH = 50;
const MAX_NGRAM = 4;

/** Every run of up to four words, keyed as termKey would key a tag, plus its position. */
function phraseIndex(keys: string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 1) {
    for (let n = 1; n <= MAX_NGRAM && i + n <= keys.length; n += 1) {
      const words = keys.slice(i, i + n);
      if (!index.has(words.join(' '))) index.set(words.join(' '), i);
      // "#gardenshed" or "gardenshed" should find the tag "garden shed", and the other way round.
      if (n <= 3 && !index.has(words.join(''))) index.set(words.join(''), i);
    }
  }
  return index;
}

function wordKeys(tokens: Token[]): string[] {
  return tokens
    .filter((t) => t.type === 'word' || t.type === 'hashtag')
    .map((t) => termKey(written(t)));
}

/**
 * Tags for a thought, the user's own vocabulary first: an existing tag or a profile project the
 * thought mentions, hashtags, then its noun phrases, each mapped to an existing tag when they are
 * the same word in another number or spelling ("running-shoes" for "running shoe").
 */
export function extractTags(read: ReadText, vocabulary: TagVocabulary): TagSuggestion[] {
  const known = new Set(vocabulary.existingTags.map((tag) => tag.toLowerCase()));
  const candidates = tagCandidates(read, vocabulary);
  const joined = (c: Candidate) => c.key.replace(/ /g, '');
  const own = candidates.filter((c) => known.has(c.tag)).map(joined);
  // "spanish podcast" when "spanish" and "podcast" are the user's tags says nothing new, and
  // neither does the rest of such a phrase on its own ("bill" of "grocery bill").
  const redundant = candidates.filter(
    (c) =>
      !known.has(c.tag) &&
      c.key.includes(' ') &&
      own.some((tag) => joined(c) !== tag && joined(c).includes(tag)),
  );
  const leftover = new Set(redundant.flatMap((c) => c.key.split(' ')));
  const ranked = rankTags(
    candidates.filter(
      (c) =>
        known.has(c.tag) ||
        // "fa" left of "2FA": a fragment, not a word.
        (c.tag.length >= 3 && !redundant.includes(c) && !leftover.has(c.key)),
    ),
  );
  // Tag sprawl is new tags: the user's own tags (and hashtags, projects) may fill the five places,
  // but a thought adds at most three new ones, and never a three-word phrase ("new iphone battery").
  let fresh = 0;
  return ranked
    .filter((t) => {
      if (known.has(t.tag) || t.confidence >= STRONG) return true;
      if (t.tag.split(' ').length > 2) return false;
      fresh += 1;
      return fresh <= MAX_NEW_TAGS;
    })
    .slice(0, MAX_TAGS);
}

/**
 * The text with typos of the user's one-word tags spelled as the tag ("excercise" for
 * "exercise", "meetng" for "meeting"): only lower-case words the English model does not know,
 * one edit away.
 */
function withVocabularySpelling(read: ReadText, vocabulary: TagVocabulary): ReadText {
  if (!read.tokens.some((t) => t.oov)) return read;
  const words = vocabulary.existingTags
    .map((tag) => tag.toLowerCase())
    .filter((tag) => /^[a-z]{5,}$/.test(tag));
  return {
    ...read,
    tokens: read.tokens.map((token) => {
      // A capitalised unknown word is a name ("Marco"), not a typo of a tag.
      if (!token.oov || token.value !== token.value.toLowerCase()) return token;
      const word = token.value;
      const tag = words.find(
        (known) => oneEditApart(word, known) || oneEditApart(singular(word), known),
      );
      return tag === undefined ? token : { ...token, value: tag, normal: tag, lemma: tag };
    }),
  };
}

function tagCandidates(original: ReadText, vocabulary: TagVocabulary): Candidate[] {
  const read = withVocabularySpelling(original, vocabulary);
  const mentioned = phraseIndex(wordKeys(read.tokens));
  const existingByKey = new Map<string, string>();
  for (const tag of vocabulary.existingTags) {
    const key = termKey(tag);
    if (key !== '' && !existingByKey.has(key)) existingByKey.set(key, tag.toLowerCase());
    if (!existingByKey.has(key.replace(/ /g, '')))
      existingByKey.set(key.replace(/ /g, ''), tag.toLowerCase());
  }
  // Near-synonyms: "jogging" reuses "running" when the user already has it.
  const existingByTopic = new Map<string, string>();
  for (const tag of vocabulary.existingTags) {
    const topic = topicOf(termKey(tag).replace(/ /g, ''));
    if (topic !== undefined && !existingByTopic.has(topic))
      existingByTopic.set(topic, tag.toLowerCase());
  }
  const reuse = (candidate: Candidate): Candidate => {
    const topic = candidate.key.includes(' ') ? undefined : topicOf(candidate.key);
    const existing =
      existingByKey.get(candidate.key) ??
      existingByKey.get(candidate.key.replace(/ /g, '')) ??
      (topic === undefined ? undefined : existingByTopic.get(topic));
    return existing
      ? { ...candidate, tag: existing, confidence: Math.min(0.95, candidate.confidence + 0.1) }
      : candidate;
  };
  const candidates: Candidate[] = [];
  for (const project of vocabulary.projects) {
    const keys = [project.name, ...(project.tags ?? [])].map(termKey).filter((key) => key !== '');
    const position = keys
      .map((key) => mentioned.get(key) ?? mentioned.get(key.replace(/ /g, '')))
      .find((p) => p !== undefined);
    if (position !== undefined)
      candidates.push(
        reuse({
          tag: project.name.toLowerCase(),
          key: termKey(project.name),
          confidence: 0.9,
          position,
        }),
      );
  }
  const wordTokens = read.tokens.filter((t) => t.type === 'word' || t.type === 'hashtag');
  // "book the MOT", ", ring mum": a vocabulary word standing as a clause's to-do verb is no mention of the tag.
  const verbAt = new Set(
    read.tokens
      .map((t, i) => (t.type === 'word' || t.type === 'hashtag') && inVerbSlot(read.tokens, i))
      .filter((_, i) => read.tokens[i].type === 'word' || read.tokens[i].type === 'hashtag')
      .flatMap((slot, k) => (slot && ACTION_VERBS.has(written(wordTokens[k])) ? [k] : [])),
  );
  for (const [key, tag] of existingByKey) {
    const position = mentioned.get(key);
    const words = key.split(' ');
    if (
      position === undefined ||
      words.every((w) => STOP_WORDS.has(w) || GENERIC_NOUNS.has(w) || DATE_WORDS.has(w))
    )
      continue;
    // "sourdough finally works" is no mention of the tag "work".
    if (
      !key.includes(' ') &&
      (['VERB', 'AUX', 'ADV'].includes(wordTokens[position]?.pos ?? '') || verbAt.has(position))
    )
      continue;
    candidates.push({ tag, key: termKey(tag), confidence: 0.85, position });
  }
  candidates.push(
    ...hashtags(read.tokens).map(reuse),
    ...nounPhrases(read.tokens).map(named).map(reuse),
    ...lexiconCandidates(read.tokens).map(reuse),
  );
  // New tags take the one spelling; a tag of the user's own stays as they wrote it.
  const known = new Set(vocabulary.existingTags.map((tag) => tag.toLowerCase()));
  const rejected = new Set((vocabulary.rejectedTags ?? []).map(termKey));
  const homeIsPlace = onlyAPlace(wordTokens, 'home', DESTINATION_BEFORE);
  const workIsTime = onlyAPlace(wordTokens, 'work', TIME_ANCHOR_BEFORE);
  return candidates.flatMap((c) => {
    if ((c.key === 'home' && homeIsPlace) || (c.key === 'work' && workIsTime)) return [];
    const tag = known.has(c.tag) ? c.tag : tidyTag(c.tag);
    return tag !== null &&
      tag.length <= MAX_TAG_LENGTH &&
      c.key !== '' &&
      !rejected.has(termKey(tag))
      ? [{ ...c, tag }]
      : [];
  });
}

/**
 * "worked from home", "on the way home", "before work tmrw": every mention is where someone was
 * or went, or when something happens, not the topic.
 */
function onlyAPlace(tokens: Token[], word: string, before: RegExp): boolean {
  const at = tokens.flatMap((t, i) => (t.value.toLowerCase() === word ? [i] : []));
  return at.length > 0 && at.every((i) => i > 0 && before.test(tokens[i - 1].value.toLowerCase()));
}

/**
 * "sleeping", "jogging", "rainy", "overslept" read as nouns are the topics the lexicon names
 * ("sleep", "running", "rain"): one tag per topic, whatever the form.
 */
function named(candidate: Candidate): Candidate {
  if (candidate.key.includes(' ')) return candidate;
  const topic = topicOf(candidate.key);
  return topic === undefined ? candidate : { ...candidate, tag: topic, key: termKey(topic) };
}

/** "Slept badly again", "felt anxious": a verb or adjective the lexicon knows names the thought's topic. */
function lexiconCandidates(tokens: Token[]): Candidate[] {
  const found: Candidate[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'word' || (token.pos !== 'VERB' && token.pos !== 'ADJ')) return;
    const topic = topicOf(token.value, token.lemma);
    const next = tokens.slice(i + 1).find((t) => t.type === 'word');
    const previous = tokens[i - 1]?.type === 'word' ? tokens[i - 1] : undefined;
    if (topic === undefined || !meansTopic(topic, next?.value, previous, token.value)) return;
    found.push({ tag: topic, key: termKey(topic), confidence: 0.6, position: i });
  });
  return found;
}

/** One entry per tag, best first; a word already inside a stronger phrase ("shoe" in "running shoe") goes. */
function rankTags(candidates: Candidate[]): TagSuggestion[] {
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const seen = best.get(c.tag);
    if (
      !seen ||
      c.confidence > seen.confidence ||
      (c.confidence === seen.confidence && c.position < seen.position)
    )
      best.set(c.tag, c);
  }
  const sorted = [...best.values()].sort(
    (a, b) => b.confidence - a.confidence || a.position - b.position || compareText(a.tag, b.tag),
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const words = c.key.split(' ');
    const joined = c.key.replace(/ /g, '');
    // "shoe" inside "running shoe"; "cyber" inside "cybersecurity" read from "cyber security".
    const inside = kept.some(
      (k) =>
        k.key !== c.key &&
        (words.every((w) => k.key.split(' ').includes(w)) ||
          (k.key.replace(/ /g, '').includes(joined) && Math.abs(k.position - c.position) <= 3)),
    );
    if (!inside) kept.push(c);
  }
  return kept.map((c) => ({ tag: c.tag, confidence: Math.round(c.confidence * 100) / 100 }));
}

/**
 * What a thought is about, for spotting themes across thoughts: its topic keys (every candidate,
 * not only the five shown) and the lemmas of its content verbs ("slept" -> "sleep").
 */
export function topicKeys(
  read: ReadText,
  vocabulary: TagVocabulary,
): { nouns: Set<string>; verbs: Set<string> } {
  const nouns = new Set(tagCandidates(read, vocabulary).map((c) => c.key));
  const verbs = new Set(
    read.tokens
      // To-do verbs are what one does about a topic, and often homonyms of nouns ("book the vet" vs "a book").
      .filter(
        (t) =>
          t.pos === 'VERB' &&
          /^[a-z]{3,}$/.test(t.lemma) &&
          !STOP_WORDS.has(t.lemma) &&
          !LIGHT_VERBS.has(t.lemma) &&
          !ACTION_VERBS.has(t.lemma),
      )
      .map((t) => t.lemma),
  );
  return { nouns, verbs };
}

/** Every phrase of up to four words in the text, keyed like termKey, for "does it mention X". */
export function mentionIndex(read: ReadText): Map<string, number> {
  return phraseIndex(wordKeys(read.tokens));
}

/** Whether a thought mentions a phrase (a project name, a tag) in any number or spelling. */
export function mentions(index: Map<string, number>, phrase: string): boolean {
  const key = termKey(phrase);
  return key !== '' && (index.has(key) || index.has(key.replace(/ /g, '')));
}
