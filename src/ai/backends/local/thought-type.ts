import type { ThoughtAnalysis } from '../../ai.types.js';
import type { ThoughtType } from '../../../thoughts/thought.entity.js';
import { HIGH_ENERGY_CUES, LOW_ENERGY_CUES, NEGATIVE_CUES, POSITIVE_CUES } from './lexicon.js';
import type { ReadText } from './nlp.js';
import type { DetectedTask } from './tasks.js';
import { clipWords, splitSentences } from './text.js';
import { FILLERS, IDEA_START } from './triggers.js';

const QUESTION_START =
  /^(?:why|how|what|when|where|who|which|should|could|would|can|do|does|did|is|are|am|will|was|were|have|has)\b/i;
const WONDER = /\bi (?:wonder|am wondering|'m wondering)\b/i;
const INTROSPECTION =
  /\b(?:i feel|i felt|i'm feeling|feeling|i reali[sz]e|i've been|lately|myself|grateful|thankful|i keep|i miss|i wish)\b/i;
const LABELLED_NOTE = /^[\p{L} ]{2,30}:\s/u;
const FIRST_PERSON =
  /^(?:i\b|i'm|i've|we\b|just\b|finally\b|had\b|went\b|called\b|got\b|did\b|made\b|spent\b|met\b|read\b)/i;

function cueCount(read: ReadText, cues: Set<string>): number {
  return read.tokens.filter((t) => cues.has(t.normal) || cues.has(t.lemma)).length;
}

/** What kind of thought this is, from its tasks first and its wording after. */
export function thoughtTypeOf(text: string, tasks: DetectedTask[], read: ReadText): ThoughtType {
  if (tasks.some((task) => task.kind === 'reminder')) return 'reminder';
  if (tasks.length > 0) return 'task';
  const plain = text.replace(/[’‘]/g, "'").trim();
  if (!read.tokens.some((t) => t.type === 'word')) return 'note';
  const body = plain.slice(FILLERS.exec(plain)?.[0].length ?? 0);
  if (IDEA_START.test(body)) return 'idea';
  if (/\?\s*$/.test(plain) || WONDER.test(plain) || (QUESTION_START.test(body) && /\?/.test(plain)))
    return 'question';
  if (
    INTROSPECTION.test(plain) ||
    cueCount(read, NEGATIVE_CUES) + cueCount(read, POSITIVE_CUES) > 0
  )
    return 'reflection';
  if (LABELLED_NOTE.test(body) || FIRST_PERSON.test(body)) return 'note';
  return 'observation';
}

/** The first sentence, on one line; a short one takes the next along so the summary says something. */
export function summaryOf(text: string): string {
  const sentences = splitSentences(text).map((s) => s.text.replace(/\s+/g, ' '));
  let summary = sentences[0] ?? text.replace(/\s+/g, ' ').trim();
  if (summary.length < 30 && sentences.length > 1) summary = `${summary} ${sentences[1]}`;
  return clipWords(summary, 200);
}

/** wink's lexicon score nudged by diary words it under-weights ("anxious", "exhausted"). */
export function sentimentOf(read: ReadText): NonNullable<ThoughtAnalysis['sentiment']> {
  const score =
    read.sentiment + 0.25 * (cueCount(read, POSITIVE_CUES) - cueCount(read, NEGATIVE_CUES));
  if (score > 0.15) return 'positive';
  if (score < -0.15) return 'negative';
  return 'neutral';
}

export function energyOf(text: string, read: ReadText): NonNullable<ThoughtAnalysis['energy']> {
  if (cueCount(read, LOW_ENERGY_CUES) > 0) return 'low';
  if (cueCount(read, HIGH_ENERGY_CUES) > 0 || /!\s*$/.test(text.trim())) return 'high';
  return 'medium';
}
