import type { CheckSuggestion, ConsciousnessInput, Insight, Pattern } from '../../ai.types.js';
import { readText, type Nlp } from './nlp.js';
import { mentions } from './tags.js';
import { contentLemmas, overlap, type ThoughtFacts } from './thought-facts.js';
import { clipWords, compareText, termKey } from './text.js';
import { dayPartOf, localDateOf, type DayPart } from './zone.js';

/** A pattern with the sentence a person would say about it and, when there is one, what to do. */
export interface Finding {
  pattern: Pattern;
  insight: Insight;
  suggestion?: CheckSuggestion;
  /** Short name for the summary line ("sleep", "Garden shed"). */
  label: string;
}

const DAY_MS = 86_400_000;
const MAX_THEMES = 3;
const MAX_LOOPS = 5;
const SAME_THING = 0.5;
const DONE_WORDS =
  /\b(?:done|finished|sorted|completed|handled|fixed|paid|booked|sent|called|submitted|cancelled|canceled|returned|renewed)\b/i;

/**
 * Whether a later thought reports a to-do done: it repeats most of the to-do's words, including
 * its verb ("Called the insurance, the claim is moving") or a word like "done".
 */
function reportsDone(
  later: ThoughtFacts,
  taskWords: Set<string>,
  verb: string | undefined,
): boolean {
  if (taskWords.size === 0) return false;
  let shared = 0;
  for (const word of taskWords) if (later.lemmas.has(word)) shared += 1;
  const saysDone =
    (verb !== undefined && later.lemmas.has(verb)) || DONE_WORDS.test(later.thought.content);
  // Checked last, as it is the costly part: "still need to call the insurance" is the loop again, not its end.
  return saysDone && shared / taskWords.size >= 0.6 && later.tasks().length === 0;
}

const round = (value: number) => Math.round(value * 100) / 100;
const ids = (facts: ThoughtFacts[]) => facts.map((f) => f.thought.id);
const daysBetween = (from: number, to: number) => Math.max(0, Math.floor((to - from) / DAY_MS));
const quote = (text: string) => clipWords(text.replace(/\s+/g, ' '), 80);

/**
 * Topics in >= 3 thoughts on >= 2 days, at least one of them new (an old theme the user has
 * moved on from is not news). A verb counts for a topic another thought names as a noun, so
 * "slept badly" joins "sleep".
 */
export function recurringThemes(all: ThoughtFacts[], recentIds: Set<string>): Finding[] {
  const nounKeys = new Set(all.flatMap((f) => [...f.nouns]));
  const byKey = new Map<string, ThoughtFacts[]>();
  for (const facts of all) {
    const keys = new Set([
      ...facts.nouns,
      ...[...facts.verbs].filter((verb) => nounKeys.has(verb)),
    ]);
    for (const key of keys) {
      const list = byKey.get(key);
      if (list) list.push(facts);
      else byKey.set(key, [facts]);
    }
  }
  const candidates = [...byKey.entries()]
    .filter(
      ([, facts]) =>
        facts.length >= 3 &&
        new Set(facts.map((f) => f.day)).size >= 2 &&
        facts.some((f) => recentIds.has(f.thought.id)),
    )
    .sort(
      ([a, fa], [b, fb]) =>
        fb.length - fa.length || b.split(' ').length - a.split(' ').length || compareText(a, b),
    );
  const chosen: [string, ThoughtFacts[]][] = [];
  for (const [key, facts] of candidates) {
    // "garden shed" and "shed" over the same thoughts are one theme.
    const words = key.split(' ');
    const subsumed = chosen.some(([other, otherFacts]) => {
      const otherWords = other.split(' ');
      const related =
        words.every((w) => otherWords.includes(w)) || otherWords.every((w) => words.includes(w));
      return related && facts.every((f) => otherFacts.includes(f));
    });
    if (!subsumed) chosen.push([key, facts]);
    if (chosen.length === MAX_THEMES) break;
  }
  return chosen.map(([key, facts]) => {
    const days = new Set(facts.map((f) => f.day)).size;
    const thoughtIds = ids(facts);
    return {
      label: key,
      pattern: {
        kind: 'recurring_theme',
        title: `Recurring theme: ${key}`,
        description: `"${key}" came up in ${facts.length} thoughts on ${days} different days.`,
        thoughtIds,
        confidence: round(Math.min(0.95, 0.5 + 0.1 * facts.length)),
      },
      insight: {
        title: `${key} keeps coming back`,
        description: `You wrote about ${key} on ${days} different days; it may deserve a decision or a plan.`,
        thoughtIds,
      },
    };
  });
}

/**
 * Active projects no thought has mentioned in the last 7 days of the window. Only claimed when
 * the window reaches back 7 days: two days of history say nothing about a project's silence.
 */
export function stalledProjects(all: ThoughtFacts[], input: ConsciousnessInput): Finding[] {
  const end = input.windowEnd.getTime();
  const cutoff = end - 7 * DAY_MS;
  const earliest = Math.min(input.windowStart.getTime(), ...all.map((f) => f.at));
  if (earliest > cutoff) return [];
  return input.profile.ongoingProjects
    .filter((project) => project.status === 'active')
    .flatMap((project): Finding[] => {
      const names = [project.name, ...(project.tags ?? [])];
      const about = all.filter((f) =>
        names.some((name) => mentions(f.mentioned, name) || f.userTags.has(termKey(name))),
      );
      if (about.some((f) => f.at >= cutoff && f.at <= end)) return [];
      const last = about.filter((f) => f.at < cutoff).slice(-3);
      const thoughtIds = ids(last);
      const silence =
        last.length > 0
          ? `No thought has mentioned it for ${daysBetween(last[last.length - 1].at, input.now.getTime())} days.`
          : 'No thought in this window mentions it.';
      return [
        {
          label: project.name,
          pattern: {
            kind: 'stalled_project',
            title: `Stalled project: ${project.name}`,
            description: silence,
            thoughtIds,
            confidence: last.length > 0 ? 0.8 : 0.6,
          },
          insight: {
            title: `${project.name} has gone quiet`,
            description: `${silence} It is still marked active.`,
            thoughtIds,
          },
          suggestion: {
            title: clipWords(`Spend 25 minutes on ${project.name}`, 120),
            description: 'A short session restarts a stalled project; or mark it paused.',
            priority: 'medium',
            thoughtIds,
            confidence: 0.6,
          },
        },
      ];
    });
}

/**
 * To-dos written more than two days ago that no open task tracks (by source thought or by a
 * similar title) and no later thought reports done ("Called the insurance ...").
 */
export function openLoops(nlp: Nlp, all: ThoughtFacts[], input: ConsciousnessInput): Finding[] {
  const now = input.now.getTime();
  const taskWords = input.openTasks.map((task) => ({
    task,
    words: contentLemmas(readText(nlp, task.title)),
  }));
  const loops: {
    title: string;
    words: Set<string>;
    facts: ThoughtFacts[];
    confidence: number;
    dueDate: string | null;
  }[] = [];
  for (const facts of all) {
    if (now - facts.at < 2 * DAY_MS) continue;
    for (const task of facts.tasks()) {
      const read = readText(nlp, task.title);
      const words = contentLemmas(read);
      const tracked = taskWords.some(
        (t) => t.task.sourceThoughtId === facts.thought.id || overlap(t.words, words) >= SAME_THING,
      );
      const reportedDone = all.some(
        (later) => later.at > facts.at && reportsDone(later, words, read.tokens[0]?.lemma),
      );
      if (tracked || reportedDone) continue;
      const same = loops.find((loop) => overlap(loop.words, words) >= SAME_THING);
      if (same) {
        if (!same.facts.includes(facts)) same.facts.push(facts);
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
  return loops.slice(0, MAX_LOOPS).map((loop) => {
    const thoughtIds = ids(loop.facts);
    const age = daysBetween(loop.facts[0].at, now);
    const overdue = loop.dueDate !== null && loop.dueDate < localDateOf(input.timezone, input.now);
    return {
      label: loop.title,
      pattern: {
        kind: 'open_loop',
        title: clipWords(`Open loop: ${loop.title}`, 120),
        description: `"${quote(loop.facts[0].thought.content)}" was written ${age} days ago and no open task tracks it.`,
        thoughtIds,
        confidence: round(loop.confidence * 0.9),
      },
      insight: {
        title: clipWords(`Still open: ${loop.title}`, 120),
        description: `You noted this ${age} days ago and nothing since says it is done.`,
        thoughtIds,
      },
      suggestion: {
        title: clipWords(`Decide on: ${loop.title}`, 120),
        description: 'Make it a task with a date, do it now, or let it go.',
        priority: overdue ? 'high' : 'medium',
        thoughtIds,
        confidence: round(loop.confidence * 0.9),
      },
    };
  });
}

/** When >= 60% of at least five new thoughts fall in one part of the user's day. */
export function timeOfDay(recent: ThoughtFacts[], timeZone: string): Finding[] {
  if (recent.length < 5) return [];
  const byPart = new Map<DayPart, ThoughtFacts[]>();
  for (const facts of recent) {
    const part = dayPartOf(timeZone, facts.thought.createdAt);
    const list = byPart.get(part);
    if (list) list.push(facts);
    else byPart.set(part, [facts]);
  }
  const [part, facts] = [...byPart.entries()].sort(
    ([a, fa], [b, fb]) => fb.length - fa.length || compareText(a, b),
  )[0];
  const share = facts.length / recent.length;
  if (share < 0.6) return [];
  const thoughtIds = ids(facts);
  const percent = Math.round(share * 100);
  return [
    {
      label: `${part} thinking`,
      pattern: {
        kind: 'time_of_day',
        title: `Most thoughts come in the ${part}`,
        description: `${facts.length} of ${recent.length} new thoughts (${percent}%) were written in the ${part}.`,
        thoughtIds,
        confidence: round(share),
      },
      insight: {
        title: `Your thinking time is the ${part}`,
        description: `${percent}% of your recent thoughts arrive then; it may suit reflective work.`,
        thoughtIds,
      },
    },
  ];
}
