import type { CheckSuggestion, Insight, Pattern } from '../../ai.types.js';
import type { ThoughtFacts } from './thought-facts.js';
import { clipWords, compareText } from './text.js';
import { dayPartOf, type DayPart } from './zone.js';

/**
 * What a check says about one thing: a pattern with the sentence a person would say about it
 * and, when there is one, what to do. A finding without a pattern is an insight alone
 * ("momentum" has no pattern kind of its own).
 */
export interface Finding {
  pattern?: Pattern;
  insight: Insight;
  suggestion?: CheckSuggestion;
  /** Short name for the summary line ("sleep", "Garden shed"). */
  label: string;
}

export const DAY_MS = 86_400_000;
const MAX_THEMES = 3;

export const round = (value: number) => Math.round(value * 100) / 100;
export const ids = (facts: ThoughtFacts[]) => facts.map((f) => f.thought.id);
export const daysBetween = (from: number, to: number) =>
  Math.max(0, Math.floor((to - from) / DAY_MS));
export const quote = (text: string) => clipWords(text.replace(/\s+/g, ' '), 80);

/** "Tuesday", for a burst on a day that is not today. */
function weekdayOf(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  });
}

function themeFinding(key: string, facts: ThoughtFacts[], today: string | undefined): Finding {
  const days = new Set(facts.map((f) => f.day));
  const thoughtIds = ids(facts);
  if (days.size === 1) {
    // A burst: many thoughts in one day say it weighs on the writer now, but not that it recurs.
    const [day] = days;
    const when = day === today ? 'today' : `on ${weekdayOf(day)}`;
    const headline = `${facts.length} thoughts about ${key} ${when}`;
    return {
      label: key,
      pattern: {
        kind: 'recurring_theme',
        title: headline,
        description: `${headline}, all within one day.`,
        thoughtIds,
        confidence: round(Math.min(0.75, 0.4 + 0.05 * facts.length)),
      },
      insight: {
        title: `${key} filled your day`,
        description: `${headline}: something about ${key} may need settling.`,
        thoughtIds,
      },
    };
  }
  return {
    label: key,
    pattern: {
      kind: 'recurring_theme',
      title: `Recurring theme: ${key}`,
      description: `"${key}" came up in ${facts.length} thoughts on ${days.size} different days.`,
      thoughtIds,
      // Coming back on other days says more than saying it often in one.
      confidence: round(Math.min(0.95, 0.45 + 0.05 * facts.length + 0.1 * (days.size - 1))),
    },
    insight: {
      title: `${key} keeps coming back`,
      description: `You wrote about ${key} on ${days.size} different days; it may deserve a decision or a plan.`,
      thoughtIds,
    },
  };
}

/**
 * Topics in >= 3 thoughts, at least one of them new (an old theme the user has moved on from is
 * not news). Words count by lemma and by the topic lexicon ("slept", "asleep", "insomnia" are
 * sleep), a project counts for every thought that mentions it (by name, word, tag or alias),
 * and a verb counts for a topic another thought names as a noun. A burst within one day
 * counts and says so; each theme cites every thought it rests on.
 */
export function recurringThemes(
  all: ThoughtFacts[],
  recentIds: Set<string>,
  today?: string,
  projectKeys: ReadonlySet<string> = new Set(),
): Finding[] {
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
  const recent = (facts: ThoughtFacts[]) => facts.filter((f) => recentIds.has(f.thought.id)).length;
  const candidates = [...byKey.entries()]
    .filter(([, facts]) => facts.length >= 3 && facts.some((f) => recentIds.has(f.thought.id)))
    .sort(
      // What the week itself was about comes first; a topic mostly of the week before follows.
      ([a, fa], [b, fb]) =>
        recent(fb) - recent(fa) ||
        fb.length - fa.length ||
        new Set(fb.map((f) => f.day)).size - new Set(fa.map((f) => f.day)).size ||
        // "running" says more than "marathon training" over the same thoughts.
        Number(projectKeys.has(a)) - Number(projectKeys.has(b)) ||
        b.split(' ').length - a.split(' ').length ||
        compareText(a, b),
    );
  const chosen: [string, ThoughtFacts[]][] = [];
  for (const [key, facts] of candidates) {
    // "wedding venue" inside the thoughts already told as "wedding" adds nothing.
    const told = chosen.some(([, otherFacts]) => facts.every((f) => otherFacts.includes(f)));
    if (!told) chosen.push([key, facts]);
    if (chosen.length === MAX_THEMES) break;
  }
  return chosen.map(([key, facts]) => themeFinding(key, facts, today));
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
