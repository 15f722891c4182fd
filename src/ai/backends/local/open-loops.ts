import type { ConsciousnessInput } from '../../ai.types.js';
import { readText, type Nlp } from './nlp.js';
import { DAY_MS, daysBetween, ids, quote, round, type Finding } from './patterns.js';
import { contentLemmas, overlap, type ThoughtFacts } from './thought-facts.js';
import { clipWords } from './text.js';
import { localDateOf } from './zone.js';

const MAX_LOOPS = 5;
const SAME_THING = 0.5;
/** A single to-do is a loop once it is this old; a repeated one is a loop at once. */
const LONE_AGE_MS = 2 * DAY_MS;
const DONE_WORDS =
  /\b(?:done|finished|sorted|completed|handled|fixed|paid|booked|sent|called|submitted|cancelled|canceled|returned|renewed|emailed|bought|ordered)\b/i;
// "still haven't booked the car service" names the to-do and a done word, and says it is not done.
const NOT_DONE = /\b(?:still|not yet|haven'?t|hasn'?t|didn'?t|not|never|forgot|yet to)\b/i;

/**
 * Whether a later thought reports a to-do done: it repeats most of the to-do's words, including
 * its verb ("Called the insurance, the claim is moving") or a word like "done", and does not
 * say it is still undone.
 */
function reportsDone(
  later: ThoughtFacts,
  taskWords: Set<string>,
  verb: string | undefined,
): boolean {
  if (taskWords.size === 0) return false;
  let shared = 0;
  for (const word of taskWords) if (later.lemmas.has(word)) shared += 1;
  const content = later.thought.content.replace(/[’‘]/g, "'");
  const saysDone = (verb !== undefined && later.lemmas.has(verb)) || DONE_WORDS.test(content);
  // "called the plumber" closes "call the plumber, the shower drains so slowly": the action and
  // its object (the title's first two content words) say which to-do it was.
  const core = [...taskWords].slice(0, 2);
  const namesIt =
    shared / taskWords.size >= 0.6 ||
    (core.length === 2 && core.every((word) => later.lemmas.has(word)));
  // Checked last, as it is the costly part: "need to call the insurance again" is the loop, not its end.
  return saysDone && !NOT_DONE.test(content) && namesIt && later.tasks().length === 0;
}

interface Loop {
  title: string;
  words: Set<string>;
  facts: ThoughtFacts[];
  confidence: number;
  dueDate: string | null;
}

/**
 * Intentions left open: a to-do written again and again (or once, more than two days ago) that
 * no open task tracks (by source thought or by a similar title) and no later thought reports
 * done. Repeated ones come first: "need to call the plumber" three times is the loop a person
 * would point at.
 */
export function openLoops(nlp: Nlp, all: ThoughtFacts[], input: ConsciousnessInput): Finding[] {
  const now = input.now.getTime();
  const taskWords = input.openTasks.map((task) => ({
    task,
    words: contentLemmas(readText(nlp, task.title)),
  }));
  const loops: Loop[] = [];
  for (const facts of all) {
    for (const task of facts.tasks()) {
      const read = readText(nlp, task.title);
      const words = contentLemmas(read);
      const tracked = taskWords.some(
        (t) => t.task.sourceThoughtId === facts.thought.id || overlap(t.words, words) >= SAME_THING,
      );
      if (tracked) continue;
      const same = loops.find((loop) => overlap(loop.words, words) >= SAME_THING);
      if (same) {
        if (!same.facts.includes(facts)) same.facts.push(facts);
        // The words of every mention, so "fix it" joins "fix the gate" and a report of either closes it.
        for (const word of words) same.words.add(word);
      } else
        loops.push({
          title: task.title,
          words,
          facts: [facts],
          confidence: task.confidence,
          dueDate: task.dueDate,
        });
    }
  }
  const open = loops.filter((loop) => {
    const repeated = loop.facts.length >= 2;
    if (!repeated && now - loop.facts[0].at < LONE_AGE_MS) return false;
    const lastMention = loop.facts[loop.facts.length - 1].at;
    const verb = readText(nlp, loop.title).tokens[0]?.lemma;
    return !all.some((later) => later.at > lastMention && reportsDone(later, loop.words, verb));
  });
  open.sort((a, b) => b.facts.length - a.facts.length || a.facts[0].at - b.facts[0].at);
  return open.slice(0, MAX_LOOPS).map((loop) => {
    const thoughtIds = ids(loop.facts);
    const age = daysBetween(loop.facts[0].at, now);
    const times = loop.facts.length;
    const overdue = loop.dueDate !== null && loop.dueDate < localDateOf(input.timezone, input.now);
    const written =
      times > 1
        ? `"${quote(loop.facts[0].thought.content)}" came up ${times} times in ${age} days`
        : `"${quote(loop.facts[0].thought.content)}" was written ${age} days ago`;
    return {
      label: loop.title,
      pattern: {
        kind: 'open_loop',
        title: clipWords(`Open loop: ${loop.title}`, 120),
        description: `${written}, and no open task tracks it.`,
        thoughtIds,
        confidence: round(Math.min(0.95, loop.confidence * 0.9 + 0.05 * (times - 1))),
      },
      insight: {
        title: clipWords(`Still open: ${loop.title}`, 120),
        description:
          times > 1
            ? `You noted this ${times} times and nothing since says it is done.`
            : `You noted this ${age} days ago and nothing since says it is done.`,
        thoughtIds,
      },
      suggestion: {
        title: clipWords(`Decide on: ${loop.title}`, 120),
        description: 'Make it a task with a date, do it now, or let it go.',
        priority: overdue || times >= 3 ? 'high' : 'medium',
        thoughtIds,
        confidence: round(loop.confidence * 0.9),
      },
    };
  });
}
