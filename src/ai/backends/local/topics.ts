import { ACTION_VERBS, DATE_WORDS, GENERIC_NOUNS, STATE_VERBS, STOP_WORDS } from './lexicon.js';
import { foldMarks, type Token } from './nlp.js';
import { meansTopic, topicOf } from './synonyms.js';
import { singular, termKey } from './text.js';

/** A possible tag: how it is written, its comparison key, how sure we are and where it was found. */
export interface Candidate {
  tag: string;
  key: string;
  confidence: number;
  position: number;
}

const NOT_TOPICS = new Set([
  'DATE',
  'TIME',
  'ORDINAL',
  'CARDINAL',
  'MONEY',
  'PERCENT',
  'DURATION',
  'EMOJI',
  'EMOTICON',
  'URL',
  'EMAIL',
  'MENTION',
]);

const IRREGULAR_PLURALS: Record<string, string> = {
  children: 'child',
  men: 'man',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  geese: 'goose',
  octopuses: 'octopus',
  buses: 'bus',
  viruses: 'virus',
  campuses: 'campus',
  bonuses: 'bonus',
  statuses: 'status',
};
// A capitalised first word the tagger took for a name is often an adjective: "Interesting:", "Grateful for ...".
const ADJECTIVE_SUFFIX = /(?:ing|ful|ous|ive|able|ible|al|ic|ly)$/;

/**
 * The singular spelling as written: wink's lemmas rewrite "centre" to "center" and "app" to
 * "application", which a user's tag list would not recognise.
 */
function singularOf(token: Token): string {
  const word = written(token);
  return IRREGULAR_PLURALS[word] ?? singular(word);
}

/** The word as the user spelled it, lower-cased (wink's `normal` turns "tyres" into "tires"). */
export function written(token: Token): string {
  return token.value.toLowerCase();
}

// "I'm spending", "was running": an -ing word after a form of "be" is a verb, whatever the tagger says.
const BE_FORM = /(?:'m|'re|'s|’m|’re|’s|^am|^is|^are|^was|^were|^be|^been)$/;

/**
 * Where a to-do's verb stands. The tagger reads "Call mom" and "I'll text Jonas" as names: a
 * to-do verb first in a clause or after a modal is the verb. "Thursday drop off the package":
 * after a heading date the verb slot opens again.
 */
export function inVerbSlot(tokens: Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return (
    !previous ||
    previous.type !== 'word' ||
    previous.pos === 'AUX' ||
    previous.pos === 'PART' ||
    (previous.entity !== null && ['DATE', 'TIME'].includes(previous.entity)) ||
    DATE_WORDS.has(written(previous))
  );
}

/** A word that can be (part of) a topic: not a stop word, a number, a date word, a vague noun or a verb in disguise. */
function isTopicWord(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (token.type !== 'word' || (token.entity !== null && NOT_TOPICS.has(token.entity)))
    return false;
  const word = written(token);
  // Two letters make a name ("Jo") but rarely a topic ("re:", "ok").
  // "whānau", "café": a word with macrons or accents is a word like any other.
  if (!/^[a-z][a-z-]*[a-z]$/.test(foldMarks(word)) || (word.length < 3 && token.pos !== 'PROPN'))
    return false;
  // "soooo", "ughhh": a drawn-out word is a tone of voice, not a topic.
  if (/([a-z])\1\1/.test(word)) return false;
  if (
    STOP_WORDS.has(word) ||
    GENERIC_NOUNS.has(word) ||
    GENERIC_NOUNS.has(singular(word)) ||
    DATE_WORDS.has(word) ||
    DATE_WORDS.has(singular(word))
  )
    return false;
  const previous = tokens[i - 1];
  const verbSlot = inVerbSlot(tokens, i);
  if (verbSlot && ACTION_VERBS.has(word)) return false;
  // "Love this song" is a verb; "Sleep tracker says ..." is a topic.
  const next = tokens[i + 1];
  if (
    verbSlot &&
    STATE_VERBS.has(word) &&
    (!next || ['DET', 'PRON', 'ADP', 'PART'].includes(next.pos))
  )
    return false;
  if (
    /ing$/.test(word) &&
    previous &&
    (previous.pos === 'AUX' || BE_FORM.test(previous.value.toLowerCase()))
  )
    return false;
  return !(
    token.pos === 'PROPN' &&
    (!previous || previous.type !== 'word') &&
    ADJECTIVE_SUFFIX.test(word)
  );
}

/** How a noun is written in a tag: singular, except names in the middle of a sentence ("James"). */
function spelling(tokens: Token[], i: number, last: boolean): string {
  const token = tokens[i];
  const sentenceStart = i === 0 || tokens[i - 1].type !== 'word';
  if (token.pos === 'PROPN' && !sentenceStart) return written(token);
  return last || token.pos !== 'PROPN' ? singularOf(token) : written(token);
}

/** Heads of two-word phrases that add no topic of their own, so the phrase is tagged by its words. */
const LIGHT_HEADS = new Set([
  'trip',
  'class',
  'membership',
  'reservation',
  'ticket',
  'session',
  'appointment',
  'outline',
  'crowd',
  'tournament',
  'game',
  'match',
]);

/** Noun runs ("running shoes", "Garden shed") and their nouns, singular: the thought's own topics. */
export function nounPhrases(tokens: Token[]): Candidate[] {
  const found: Candidate[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const tail = run.slice(-3);
    const words = tail.map((index, k) =>
      k === tail.length - 1 ? spelling(tokens, index, true) : written(tokens[index]),
    );
    // "camping trip", "yoga class": the head only says what kind of event it is; the modifier is the topic.
    const lightHead = words.length === 2 && LIGHT_HEADS.has(words[1]);
    if (words.length > 1 && !lightHead)
      found.push({
        tag: words.join(' '),
        key: termKey(words.join(' ')),
        confidence: 0.7,
        position: run[0],
      });
    for (const index of run) {
      const word = spelling(tokens, index, true);
      // "the school run" is tagged by its phrase; its "run" alone would say running.
      const topic = topicOf(word);
      if (
        topic !== undefined &&
        !meansTopic(topic, undefined, tokens[index - 1], written(tokens[index]))
      )
        continue;
      found.push({
        tag: word,
        key: termKey(word),
        confidence: tokens[index].pos === 'PROPN' ? 0.65 : 0.6,
        position: index,
      });
    }
    run = [];
  };
  tokens.forEach((token, i) => {
    if ((token.pos === 'NOUN' || token.pos === 'PROPN') && isTopicWord(tokens, i)) run.push(i);
    else flush();
  });
  flush();
  return found;
}

export function hashtags(tokens: Token[]): Candidate[] {
  return tokens
    .map((t, i) => ({ t, i }))
    .filter(
      ({ t }) => t.type === 'hashtag' && t.value.length > 2 && !/^#(?:todo|to-do)$/i.test(t.value),
    )
    .map(({ t, i }) => ({
      tag: written(t).slice(1),
      key: termKey(written(t)),
      confidence: 0.95,
      position: i,
    }));
}
