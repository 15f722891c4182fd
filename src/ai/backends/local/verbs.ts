import { ACTION_VERBS, FINITE_MARKERS, STATE_VERBS } from './lexicon.js';
import { readText, type Nlp, type Token } from './nlp.js';

/** How a clause starts: with a to-do verb from the list, another base-form verb, or not a verb at all. */
export type VerbStart = 'action' | 'verb' | null;

const SUBJECTS = new Set(['NOUN', 'PROPN', 'PRON']);
const DETERMINERS = new Set(['DET', 'PRON', 'NUM']);
const OBJECT_LIKE = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM', 'ADP', 'ADJ', 'PART']);
// A subordinate clause may carry its own finite verb ("check if the gym is open").
const CLAUSE_BREAKS = new Set([
  'if',
  'whether',
  'that',
  'when',
  'because',
  'so',
  'and',
  'but',
  'which',
  'who',
  'before',
  'after',
  'while',
  'until',
  'since',
  'where',
  ',',
  ';',
  ':',
]);
const GERUND_TAKERS = new Set([
  'go',
  'start',
  'try',
  'stop',
  'keep',
  'finish',
  'practise',
  'practice',
  'begin',
  'quit',
  'get',
  // "book cleaning for Friday": the gerund names the service booked.
  'book',
  'schedule',
  'arrange',
  'cancel',
]);
const STATE_PHRASE =
  /^get\s+(?:better|worse|used|over|along|well|enough|more|less|some\s+(?:sleep|rest))\b/i;

/** "Book club was great", "Call with Anna went well": the first word is a noun with its own verb after it. */
function readsAsNoun(tokens: Token[]): boolean {
  // A determiner right after it makes the first word a verb with an object ("Print the boarding passes").
  if (tokens.length > 1 && DETERMINERS.has(tokens[1].pos)) return false;
  for (let i = 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (CLAUSE_BREAKS.has(token.normal)) return false;
    if (token.pos !== 'AUX' && token.pos !== 'VERB') continue;
    const afterSubject = SUBJECTS.has(tokens[i - 1].pos) || i === 1;
    const finite =
      FINITE_MARKERS.has(token.normal) ||
      (/(?:ed|[^s]s)$/.test(token.normal) && token.normal !== token.lemma);
    if (afterSubject && finite) return true;
  }
  return false;
}

/**
 * After "need to", "must", "remember to" the next word is a verb by grammar, whatever the tagger
 * says ("I have to present the roadmap"); only states ("I need to relax") are turned away.
 */
export function isActionAfterModal(rest: string): boolean {
  const first = /^[a-z][a-z'-]*/i.exec(rest)?.[0]?.toLowerCase();
  return (
    first !== undefined &&
    !STATE_VERBS.has(first) &&
    !STATE_PHRASE.test(rest) &&
    first !== 'have' &&
    first !== 'been'
  );
}

/** Whether `rest` opens with a verb in base form, as an imperative does. */
export function verbStart(nlp: Nlp, rest: string): VerbStart {
  const first = /^[a-z][a-z'-]*/i.exec(rest)?.[0]?.toLowerCase();
  if (!first || STATE_VERBS.has(first) || STATE_PHRASE.test(rest)) return null;
  const { tokens } = readText(nlp, rest);
  if (tokens.length === 0) return null;
  // "water pooling in the shower": a noun doing something, unless the verb takes a gerund ("go running").
  const gerund = tokens[1]?.pos === 'VERB' && /ing$/.test(tokens[1].normal);
  if (ACTION_VERBS.has(first) && gerund && !GERUND_TAKERS.has(first)) return null;
  if (ACTION_VERBS.has(first)) return readsAsNoun(tokens) ? null : 'action';
  const head = tokens[0];
  const baseForm = head.normal === head.lemma && !/(?:ing|ed)$/.test(head.normal);
  const next = tokens[1];
  if (
    head.pos === 'VERB' &&
    baseForm &&
    (!next || OBJECT_LIKE.has(next.pos)) &&
    !readsAsNoun(tokens)
  )
    return 'verb';
  return null;
}
