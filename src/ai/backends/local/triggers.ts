/**
 * The phrases that turn a clause into a to-do, and how sure each one makes us. Patterns run on
 * a clause with curly apostrophes straightened, its date words removed and fillers stripped.
 */

export type TriggerKind =
  'reminder' | 'todo' | 'obligation' | 'intent' | 'should' | 'plan' | 'imperative';

export interface Trigger {
  kind: TriggerKind;
  pattern: RegExp;
  confidence: number;
  /**
   * 'action': the words after must start with a to-do verb from the list; 'verb': any verb the
   * tagger sees in base form; 'none': whatever follows is the task ("todo: dentist").
   */
  verb: 'action' | 'verb' | 'none';
  /** Wishes ("I want to ...") are plans only when they name a day. */
  needsDate?: boolean;
}

const SUBJECT = String.raw`(?:(?:i|we)\s+)`;
const ADVERBS = String.raw`(?:(?:really|still|definitely|absolutely|seriously|also|just|probably|honestly|actually|totally|urgently|finally|desperately|kinda|def)\s+)*`;

export const TRIGGERS: Trigger[] = [
  {
    kind: 'reminder',
    pattern: /^(?:(?:can you|pls|please|plz)\s+)?remind me (?:to|that i (?:need|have) to)\s+/i,
    confidence: 0.93,
    verb: 'verb',
  },
  {
    kind: 'reminder',
    pattern: new RegExp(
      String.raw`^${SUBJECT}?${ADVERBS}(?:must\s+|need to\s+|have to\s+|should\s+)?(?:remember|remeber|rememeber) to\s+`,
      'i',
    ),
    confidence: 0.92,
    verb: 'verb',
  },
  {
    kind: 'reminder',
    pattern:
      /^(?:i\s+)?(?:must not|mustn't|should not|shouldn't|don't|do not|dont|can't|cannot|can not)\s+forget\s*(?:to\s+|[:\-–—]\s*|about\s+)?/i,
    confidence: 0.92,
    verb: 'none',
  },
  {
    kind: 'reminder',
    // "remember: water the seedlings": the heading form of "remember to".
    pattern: /^(?:remember|remeber|reminder)\s*[:\-–—]\s*/i,
    confidence: 0.9,
    verb: 'verb',
  },
  {
    kind: 'todo',
    // "groceries: eggs, spinach": a shopping list is a list of things to buy.
    pattern: /^(?:groceries|grocery list|shopping list|shopping|to buy|buy list)\s*[:\-–—]\s*/i,
    confidence: 0.85,
    verb: 'none',
  },
  {
    kind: 'todo',
    pattern: /^(?:#?todo|to-do|to do|task|action item|action|reminder)\s*[:\-–—]\s*|^#todo\s+/i,
    confidence: 0.9,
    verb: 'none',
  },
  {
    kind: 'todo',
    // "TODO fix the tap": a to-do marker with no colon, before a to-do verb.
    pattern: /^(?:#?todo|to-do)\s+/i,
    confidence: 0.88,
    verb: 'action',
  },
  {
    kind: 'todo',
    pattern: /^(?:note|memo|reminder) to (?:self|myself)\s*[:\-–—,]?\s*/i,
    confidence: 0.88,
    verb: 'verb',
  },
  {
    kind: 'obligation',
    pattern: new RegExp(
      String.raw`^${SUBJECT}?${ADVERBS}(?:need to|needs to|have to|has to|must|'ve got to|have got to|got to|gotta|need 2|hafta|have to go and)\s+${ADVERBS}`,
      'i',
    ),
    confidence: 0.85,
    verb: 'verb',
  },
  {
    kind: 'obligation',
    // Learners' and typists' forms: "I need make the booking", "need too buy", "need that I call".
    pattern: new RegExp(
      String.raw`^${SUBJECT}?${ADVERBS}(?:needs?(?:\s+too)?|have\s+too)\s+(?:that\s+(?:i|we)\s+)?`,
      'i',
    ),
    confidence: 0.8,
    verb: 'action',
  },
  {
    kind: 'obligation',
    pattern: /^(?:it's\s+|its\s+)?(?:high\s+)?time to\s+/i,
    confidence: 0.75,
    verb: 'action',
  },
  {
    kind: 'intent',
    pattern: new RegExp(
      String.raw`^(?:i'll|we'll|i'm going to|i'm gonna|we're going to|we're gonna|${SUBJECT}${ADVERBS}(?:will|am going to|are going to|am gonna|shall))\s+${ADVERBS}`,
      'i',
    ),
    confidence: 0.72,
    verb: 'action',
  },
  {
    kind: 'should',
    pattern: new RegExp(
      String.raw`^${SUBJECT}?${ADVERBS}(?:should|ought to|oughta|'d better|had better|better)\s+${ADVERBS}`,
      'i',
    ),
    confidence: 0.62,
    verb: 'verb',
  },
  {
    kind: 'plan',
    pattern: new RegExp(
      String.raw`^(?:${SUBJECT}${ADVERBS}(?:want to|wanna|would like to|'d like to|plan to|am planning to|'m planning to|intend to|hope to)|let's|lets)\s+`,
      'i',
    ),
    confidence: 0.6,
    verb: 'action',
    needsDate: true,
  },
  {
    kind: 'plan',
    // "tomorrow I go to the bank": a dated plan in the present tense.
    pattern: new RegExp(String.raw`^${SUBJECT}${ADVERBS}`, 'i'),
    confidence: 0.6,
    verb: 'action',
    needsDate: true,
  },
];

/** A plain imperative: the clause itself starts with the verb. */
export const IMPERATIVE: Trigger = {
  kind: 'imperative',
  pattern: /^/,
  confidence: 0.75,
  verb: 'action',
};

/** Words in front of the real start of a clause; "i think" and friends also soften it. */
export const FILLERS =
  /^(?:(?:ok(?:ay)?|oh|ugh+|argh|hmm+|so|also|and|then|btw|ps|p\.s\.|anyway|alright|right|well|hey|pls|plz|please|ah|welp|fyi|urgent|asap|important|very important|super important|(?:i\s+)?just (?:remembered|realised|realized)(?: that)?|(?:just )?remembered(?: that)?|i think|i guess|i suppose|i feel like|honestly|tbh|first|first thing)\b[\s,:;!.\-–—]*)+/i;

export const HEDGED_FILLER = /\b(?:i think|i guess|i suppose|i feel like)\b/i;
export const HEDGES = /\b(?:maybe|perhaps|probably|might|possibly|someday maybe)\b/i;

/** "I don't need to", "never", "no need to": a clause that rules an action out. */
export const NEGATED =
  /^(?:(?:i|we)\s+)?(?:really\s+)?(?:don't|do not|dont|didn't|won't|wouldn't|shouldn't|can't|cannot|never|no need to|no longer|not going to)\b/i;

/** Ideas and musings: "what if we ...", "maybe an app that ..." are not to-dos. */
export const IDEA_START =
  /^(?:(?:what if|imagine|how about|wouldn't it be|it would be (?:cool|nice|fun|great|interesting)|would be (?:cool|nice|fun|great|interesting)|maybe (?:an?|we could|someone|one day)|random thought|shower thought|could (?:be|build|make))\b|(?:(?:startup|app|business|product|blog|book|gift)\s+)?idea\s*[:\-–—])/i;

/** Habits rather than to-dos: "I should call grandma more often". */
export const HABITUAL =
  /\b(?:more often|more|less|every (?:day|week|morning|night)|everyday|always|in general|regularly|for once)\s*[.!]*$/i;

/** "dentist thursday at 3pm dont forget": a reminder said after the thing to remember. */
export const TRAILING_REMINDER =
  /[\s,;:\-–—!.]*\b(?:(?:i\s+)?(?:must not|mustn't|don't|do not|dont)\s+(?:forget(?:\s+(?:it|this|that))?|be late|miss it)|remember(?:\s+(?:it|this|that))?)\s*[.!]*$/i;

/** Verbs whose past tense is spelled as the base form: "Read the paper, really good" reports a reading. */
export const SAME_PAST_VERBS =
  /^(?:read|put|set|cut|hit|quit|shut|let|hurt|spread|cost|bet|split)\b/i;

/** Words that judge something already done: a report, not a to-do ("read the paper, really good"). */
export const VERDICT =
  /\b(?:really good|so good|very good|great|interesting|fascinating|amazing|brilliant|excellent|boring|awful|terrible|loved it|enjoyed it|liked it|meh|eye[- ]opening|mind[- ]blowing|worth it|recommended|highly recommend|not bad|disappointing)\b/i;
