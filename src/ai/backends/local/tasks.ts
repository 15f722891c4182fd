import type { TaskCandidate, TaskPriority } from '../../ai.types.js';
import { findDue, type DueMatch } from './dates.js';
import { readText, type Nlp } from './nlp.js';
import { clipWords, splitClauses, splitSentences, type Clause } from './text.js';
import {
  FILLERS,
  HABITUAL,
  HEDGED_FILLER,
  HEDGES,
  IDEA_START,
  IMPERATIVE,
  NEGATED,
  SAME_PAST_VERBS,
  TRAILING_REMINDER,
  TRIGGERS,
  VERDICT,
  type Trigger,
  type TriggerKind,
} from './triggers.js';
import { isActionAfterModal, verbStart, type VerbStart } from './verbs.js';
import { addDays, localDateOf } from './zone.js';

export interface DetectedTask extends TaskCandidate {
  kind: TriggerKind;
}

/** Below this a clause reads more like musing than a to-do; precision matters more than recall here. */
const MIN_CONFIDENCE = 0.5;

const URGENT =
  /\b(?:asap|a\.s\.a\.p\.?|urgent(?:ly)?|immediately|right away|right now|emergency)\b|!!|\btoday\s*!/i;
const HIGH = /\b(?:important|high priority|top priority|critical|crucial|deadline)\b/i;
const LOW =
  /\b(?:someday|some day|eventually|when i (?:have|get) (?:the )?time|if i have time|whenever|at some point|no rush|low priority|one day)\b/i;
const PRIORITY_WORDS =
  /\b(?:asap|a\.s\.a\.p\.?|urgent(?:ly)?|immediately|right away|right now|someday|some day|eventually|when i (?:have|get) (?:the )?time|if i have time|whenever i can|at some point|no rush|important|top priority|high priority|low priority)\b[!.]*/gi;
// After a comma, a clause with its own subject is the reason, not the task: "call the plumber, the kitchen is flooding".
const AFTERTHOUGHT =
  /,\s*(?:(?:it|he|she|they|we|i|you|that|this|there)\b|[^,]*\b(?:is|are|was|were|has|had|it's|that's|looks|seems|needs|smells)\b).*$/i;
// "tomorrow after work (6pm) go to ...": the brackets the cut time leaves behind are noise too.
const LEADING_NOISE = /^[\s,:;()\-–—\p{Extended_Pictographic}\u{FE0F}\u{200D}]+/u;
const DANGLING = /\s+(?:by|on|at|before|until|till|for|due|this|next|the|and|or|to)\s*$/i;
const DECORATION = /#[\p{L}\p{N}_-]+|[\p{Extended_Pictographic}\u{FE0F}\u{200D}]|\s[:;]-?[()DPp]/gu;

function priorityOf(text: string, dueDate: string | null, today: string): TaskPriority {
  if (URGENT.test(text)) return 'urgent';
  if (LOW.test(text)) return 'low';
  if (HIGH.test(text) || (dueDate !== null && dueDate <= addDays(today, 1))) return 'high';
  return 'medium';
}

function titleOf(rest: string, kind: TriggerKind, startsWithVerb: boolean): string {
  let title = rest
    .replace(DECORATION, ' ')
    .replace(PRIORITY_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(AFTERTHOUGHT, '')
    .trim();
  for (let previous = ''; previous !== title;) {
    previous = title;
    title = title.replace(/[\s.!?,;:…\-–—(]+$/, '').replace(DANGLING, '');
  }
  title = title.replace(/^[\s,:;\-–—]+/, '');
  // "Don't forget the passport" is a to-do about a thing, not an action.
  if (kind === 'reminder' && !startsWithVerb && title !== '') title = `Remember ${title}`;
  return clipWords(title.charAt(0).toUpperCase() + title.slice(1), 120);
}

interface ClauseReading {
  trigger: Trigger;
  rest: string;
  hedged: boolean;
  verb: VerbStart;
}

/** "dentist thursday at 3pm dont forget": the reminder comes last. */
const TRAILING: Trigger = { kind: 'reminder', pattern: /^/, confidence: 0.85, verb: 'none' };
/** "Saturday 10am haircut": a day, then what happens on it. */
const DATED_PLAN: Trigger = { kind: 'plan', pattern: /^/, confidence: 0.62, verb: 'none' };
const PLAN_WORDS = new Set([
  'NOUN',
  'PROPN',
  'ADJ',
  'ADP',
  'DET',
  'CCONJ',
  'PUNCT',
  'SYM',
  'NUM',
  'PART',
]);

/** A comment that says how something went: "went fine", "it was great", "loved it". */
const PAST_REPORT =
  /\b(?:went|was|were|had|did|got|came|turned out|ended|finished|loved|enjoyed|\w{3,}ed)\b/i;
/** "GP appointment for my prescription": a possessive is part of a noun phrase. */
const POSSESSIVE = /^(?:my|our|your|his|her|their)$/;
/** A leading article or possessive, which a dated plan may have ("Friday the school play"). */
const OWNER = /^(?:the|my|our|his|her|their)\s+/i;
/** Something that happens by itself on the day: "the boiler guy comes", "the car goes in for its service". */
const DATED_EVENT =
  /^(?:the|my|our|his|her|their)\s+(?:[\p{L}'-]+\s+){0,3}?(?:(?:is|are)\s+(?:due|coming|booked)|comes|arrives|goes in|starts|begins|visits|gets delivered|opens)\b/iu;

/**
 * A clause that is only a date followed by a short noun phrase is a plan for that day
 * ("sunday - meal prep for the week", "Tmrw: groceries + pharmacy"). Only when the date comes
 * first: "Lunch with Kim on Friday" reads as a calendar note, not a to-do.
 */
function datedPlan(nlp: Nlp, core: string, hedged: boolean): ClauseReading | null {
  const written = core.replace(LEADING_NOISE, '').trim();
  if (written === '' || IDEA_START.test(written) || NEGATED.test(written)) return null;
  // "Wednesday week the boiler service", "in a fortnight the MOT is due": an event on that day.
  if (DATED_EVENT.test(written)) return { trigger: DATED_PLAN, rest: written, hedged, verb: null };
  // "essay due friday 23:59, still need the conclusion": the plan is what comes before the comment.
  // Not when the comment reports it done ("Budget meeting Thursday 3pm, went fine") or it recurs.
  const [head, ...comment] = written.replace(OWNER, '').split(',');
  const rest = head.trim();
  if (rest === '' || /\b(?:every|each|usually|always)\b/i.test(rest)) return null;
  if (comment.length > 0 && PAST_REPORT.test(comment.join(','))) return null;
  const { tokens } = readText(nlp, rest);
  const words = tokens.filter((t) => t.type === 'word');
  if (words.length === 0 || words.length > 6) return null;
  // "working bee", "swimming lesson": a word in -ing before a noun names a kind of that noun.
  const naming = (i: number) =>
    PLAN_WORDS.has(tokens[i].pos) ||
    tokens[i].type !== 'word' ||
    POSSESSIVE.test(tokens[i].normal) ||
    (/ing$/.test(tokens[i].normal) && tokens[i + 1]?.pos === 'NOUN');
  if (
    !(
      ['NOUN', 'PROPN', 'ADJ'].includes(tokens[0].pos) ||
      (naming(0) && tokens[0].pos === 'VERB')
    ) ||
    !tokens.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')
  )
    return null;
  if (!tokens.every((_, i) => naming(i))) return null;
  return { trigger: DATED_PLAN, rest, hedged, verb: null };
}

/** Which trigger opens the clause (after its date words are cut out), or null when it is not a to-do. */
function readClause(
  nlp: Nlp,
  core: string,
  question: boolean,
  hasDate: boolean,
): ClauseReading | null {
  const fillers = FILLERS.exec(core)?.[0] ?? '';
  const hedged = HEDGED_FILLER.test(fillers) || HEDGES.test(core.slice(0, 40));
  const body = core.slice(fillers.length).replace(LEADING_NOISE, '');
  if (body === '' || IDEA_START.test(body)) return null;
  const trailing = TRAILING_REMINDER.exec(body);
  if (trailing && trailing.index > 0) {
    const rest = body.slice(0, trailing.index).replace(LEADING_NOISE, '').trim();
    if (rest !== '' && !NEGATED.test(rest) && !question)
      return { trigger: TRAILING, rest, hedged, verb: verbStart(nlp, rest) };
  }
  // "Read the paper on RAG, really good" is a report of reading it.
  if (SAME_PAST_VERBS.test(body) && VERDICT.test(body)) return null;
  let trigger: Trigger = IMPERATIVE;
  let rest = body;
  for (const candidate of TRIGGERS) {
    // The trailing space lets a bare "Remind me to" match its trigger (and then fail for want of an action).
    const match = candidate.pattern.exec(`${body} `);
    if (match) {
      trigger = candidate;
      rest = body.slice(Math.min(match[0].length, body.length)).replace(LEADING_NOISE, '');
      break;
    }
  }
  if (trigger === IMPERATIVE && NEGATED.test(body)) return null;
  // A question to oneself is a to-do only when it says so ("remind me to ...?").
  if (question && trigger.kind !== 'reminder' && trigger.kind !== 'todo') return null;
  if (trigger.needsDate && !hasDate) return null;
  if ((trigger.kind === 'should' || trigger.kind === 'intent') && HABITUAL.test(rest)) return null;
  if (rest.replace(DECORATION, '').trim() === '') return null;
  // "I need to be at the DMV thursday 11am": being somewhere on a day is an appointment.
  if (trigger.verb === 'verb')
    return isActionAfterModal(rest) || (hasDate && /^be\s+(?:at|in)\b/i.test(rest))
      ? { trigger, rest, hedged, verb: 'verb' }
      : null;
  const verb = verbStart(nlp, rest);
  if (
    trigger.verb === 'action' &&
    verb !== 'action' &&
    !(trigger === IMPERATIVE && verb === 'verb')
  )
    return null;
  return { trigger, rest, hedged, verb };
}

function confidenceOf(reading: ClauseReading, due: DueMatch | null): number {
  let score = reading.trigger.confidence;
  // A verb the tagger found but the to-do list does not know ("Love this song" must not pass).
  if (reading.trigger === IMPERATIVE && reading.verb === 'verb') score -= 0.15;
  if (reading.hedged) score -= 0.15;
  if (due) score += 0.03;
  return Math.round(Math.min(0.97, Math.max(0, score)) * 100) / 100;
}

/** The clause with its date words cut out, so they neither hide the verb nor end up in the title. */
function withoutDates(text: string, due: DueMatch | null): string {
  if (!due) return text;
  let core = '';
  let from = 0;
  for (const [start, end] of due.cuts) {
    core += `${text.slice(from, start)} `;
    from = end;
  }
  return `${core}${text.slice(from)}`.replace(/\s+/g, ' ').trim();
}

/** Whether the date words are all the clause has besides fillers ("Tomorrow:", "Pay rent!! today"). */
function isOnlyDate(text: string, due: DueMatch): boolean {
  const left = withoutDates(text, due)
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
  return left === '' || FILLERS.exec(left)?.[0].trim() === left;
}

/** "Tomorrow: call the bank and buy stamps": a date before the first action governs the sentence. */
function leadsClause(text: string, due: DueMatch): boolean {
  const before = text.slice(0, due.cuts[0][0]);
  return before.trim() === '' || FILLERS.exec(before)?.[0].length === before.length;
}

const REMINDER_ONLY =
  /^[\s,;:\-–—!.]*(?:i\s+)?(?:must not|mustn't|don't|do not|dont)\s+(?:forget|be late|miss it)[\s.!]*$/i;

/** "dentist cleaning on the 3rd, dont forget": the reminder clause belongs to the clause before it. */
function withTrailingReminder(clauses: Clause[], text: string, offset: number): Clause[] {
  const last = clauses[clauses.length - 1];
  if (clauses.length < 2 || !REMINDER_ONLY.test(last.text)) return clauses;
  const previous = clauses[clauses.length - 2];
  const merged = {
    ...previous,
    end: last.end,
    text: text.slice(previous.start - offset, last.end - offset),
  };
  return [...clauses.slice(0, -2), merged];
}

/**
 * The to-dos a thought asks for, one per clause that reads as one. Dates are resolved relative
 * to `now` in `timeZone`. A date leading a sentence, or in a clause that holds no to-do
 * ("Mum's birthday on the 3rd - buy a card"), carries to the clauses after it in the sentence;
 * a sentence that is only a date ("Pay rent!! today") dates the to-dos just before it.
 */
export function detectTasks(nlp: Nlp, text: string, now: Date, timeZone: string): DetectedTask[] {
  const source = text.replace(/[’‘]/g, "'"); // same length, so offsets still quote the original
  const today = localDateOf(timeZone, now);
  const tasks: DetectedTask[] = [];
  let undatedBefore: DetectedTask[] = [];
  for (const sentence of splitSentences(source)) {
    let carriedDue: DueMatch | null = null;
    let previousWasTask = false;
    // "sunday - meal prep": the dash makes the day a clause of its own, heading the next one.
    let previousOnlyDate = false;
    const clauses = withTrailingReminder(splitClauses(sentence), sentence.text, sentence.start);
    const found: DetectedTask[] = [];
    clauses.forEach((clause: Clause, index) => {
      const own = findDue(clause.text, now, timeZone);
      const due = own ?? carriedDue;
      const question =
        /\?\s*$/.test(clause.text) ||
        (index === clauses.length - 1 && /\?\s*$/.test(sentence.text));
      const core = withoutDates(clause.text, own);
      // A day and a time make an appointment wherever they stand: "Parent-teacher conference Thursday 3pm".
      const appointment = own !== null && own.dueTime !== null;
      const reading =
        readClause(nlp, core, question, due !== null) ??
        (!question &&
        ((own && (leadsClause(clause.text, own) || appointment)) || (!own && previousOnlyDate))
          ? datedPlan(nlp, core, HEDGES.test(core))
          : null);
      previousOnlyDate = own !== null && isOnlyDate(clause.text, own);
      const inherits = clause.continuation && reading?.trigger === IMPERATIVE;
      const upToClause = sentence.text.slice(0, clause.end - sentence.start);
      const title = reading
        ? titleOf(reading.rest, reading.trigger.kind, reading.verb !== null)
        : '';
      const confidence = reading ? confidenceOf(reading, due) : 0;
      const isTask =
        reading !== null &&
        !(inherits && !previousWasTask) &&
        title !== '' &&
        confidence >= MIN_CONFIDENCE;
      if (own && (!isTask || isOnlyDate(clause.text, own) || leadsClause(clause.text, own)))
        carriedDue = own;
      previousWasTask = isTask;
      if (
        !isTask ||
        tasks.some((task) => task.title === title) ||
        found.some((task) => task.title === title)
      )
        return;
      found.push({
        kind: reading.trigger.kind,
        title,
        priority: priorityOf(upToClause, due?.dueDate ?? null, today),
        dueDate: due?.dueDate ?? null,
        dueTime: due?.dueTime ?? null,
        dueText: due ? due.dueText : null,
        confidence,
        evidence: text.slice(clause.start, clause.end),
      });
    });
    if (found.length === 0 && clauses.length === 1) {
      const due = findDue(sentence.text, now, timeZone);
      if (due && isOnlyDate(sentence.text, due)) {
        for (const task of undatedBefore)
          Object.assign(task, {
            dueDate: due.dueDate,
            dueTime: due.dueTime,
            dueText: due.dueText,
            priority: priorityOf(task.evidence, due.dueDate, today),
          });
      }
    }
    tasks.push(...found);
    undatedBefore = found.filter((task) => task.dueDate === null);
  }
  return tasks;
}
