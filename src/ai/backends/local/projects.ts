import type { ConsciousnessInput, ProfileForAi } from '../../ai.types.js';
import { DATE_WORDS, GENERIC_NOUNS, STOP_WORDS } from './lexicon.js';
import { DAY_MS, daysBetween, ids, type Finding } from './patterns.js';
import { topicOf } from './synonyms.js';
import { mentions } from './tags.js';
import type { ThoughtFacts } from './thought-facts.js';
import { clipWords, singular, termKey } from './text.js';
import { localDateOf } from './zone.js';

type Project = ProfileForAi['ongoingProjects'][number];

/** Silence after the last mention before a project is called stalled. */
const SILENCE_MS = 7 * DAY_MS;
/**
 * With no mention at all, how much history must be in view, in calendar days. The check's trend
 * window is 14 days, so its first thought is at most 13 calendar days before today: then the
 * window holds two weeks of the user's writing.
 */
const HISTORY_DAYS = 13;
/** Mentions since the last check that make a project's momentum worth saying. */
const MOMENTUM_MENTIONS = 3;

/** Words of a project's name that say what it is about in any project ("lessons", "course") and so name none. */
const PROJECT_WORDS = new Set(
  `project projects lesson lessons course courses class classes training plan plans planning build launch draft
  business idea ideas side new my our the learn learning kid kids book start work stuff home half big small
  little old first second`.split(/\s+/),
);

/** The words of a project's name that name it on their own: "Spanish" for "Spanish lessons", not "lessons". */
export function distinctiveWords(name: string): string[] {
  return termKey(name)
    .split(' ')
    .filter(
      (word) =>
        word.length > 2 &&
        !PROJECT_WORDS.has(word) &&
        !STOP_WORDS.has(word) &&
        !GENERIC_NOUNS.has(word) &&
        !DATE_WORDS.has(word) &&
        !/^\d+$/.test(word),
    );
}

/**
 * Whether a thought mentions a project: by its name, its aliases, its tags (also as a topic:
 * "ran 10k" mentions a project tagged "running"), the user's tags, or a distinctive word of its
 * name in any form ("practised Spanish verbs" for "Spanish lessons").
 */
export function mentionsProject(facts: ThoughtFacts, project: Project): boolean {
  const phrases = [project.name, ...(project.aliases ?? []), ...(project.tags ?? [])];
  if (
    phrases.some(
      (phrase) => mentions(facts.mentioned, phrase) || facts.userTags.has(termKey(phrase)),
    )
  )
    return true;
  const topics = (project.tags ?? [])
    .map((tag) => topicOf(termKey(tag)))
    .filter((t) => t !== undefined);
  if (topics.some((topic) => facts.nouns.has(topic))) return true;
  return distinctiveWords(project.name).some(
    (word) => facts.lemmas.has(word) || facts.lemmas.has(singular(word)) || facts.nouns.has(word),
  );
}

/**
 * Active projects gone quiet: the last mention is at least 7 days old, or none at all in at
 * least 13 days of history. A project mentioned since the last check is never stalled.
 */
export function stalledProjects(all: ThoughtFacts[], input: ConsciousnessInput): Finding[] {
  const end = input.windowEnd.getTime();
  const earliest = Math.min(input.windowStart.getTime(), ...all.map((f) => f.at));
  // Counted in the user's calendar days: a first thought at 20:00 thirteen days ago is two weeks
  // of writing, though a few hours short of 13 × 24 hours.
  const dayNumber = (at: number) =>
    Date.parse(`${localDateOf(input.timezone, new Date(at))}T00:00:00Z`) / DAY_MS;
  const historyDays = dayNumber(end) - dayNumber(earliest);
  return input.profile.ongoingProjects
    .filter((project) => project.status === 'active')
    .flatMap((project): Finding[] => {
      const about = all.filter((f) => f.at <= end && mentionsProject(f, project));
      const last = about[about.length - 1];
      if (last && (last.at > input.windowStart.getTime() || end - last.at < SILENCE_MS)) return [];
      if (!last && historyDays < HISTORY_DAYS) return [];
      const cited = about.slice(-3);
      const thoughtIds = ids(cited);
      const silence = last
        ? `No thought has mentioned it for ${daysBetween(last.at, input.now.getTime())} days.`
        : `No thought in the last ${daysBetween(earliest, end)} days mentions it.`;
      return [
        {
          label: project.name,
          pattern: {
            kind: 'stalled_project',
            title: `Stalled project: ${project.name}`,
            description: silence,
            thoughtIds,
            confidence: last ? 0.8 : 0.6,
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

/** Active projects mentioned in three or more thoughts since the last check: say they are moving. */
export function projectMomentum(
  all: ThoughtFacts[],
  input: ConsciousnessInput,
  recentIds: Set<string>,
): Finding[] {
  return input.profile.ongoingProjects
    .filter((project) => project.status === 'active')
    .flatMap((project): Finding[] => {
      const about = all.filter((f) => recentIds.has(f.thought.id) && mentionsProject(f, project));
      if (about.length < MOMENTUM_MENTIONS) return [];
      const days = new Set(about.map((f) => f.day)).size;
      const thoughtIds = ids(about);
      return [
        {
          label: project.name,
          insight: {
            title: clipWords(`Momentum: ${project.name}`, 120),
            description: `${project.name} came up in ${about.length} thoughts on ${days} ${days === 1 ? 'day' : 'different days'} since the last check; it is moving.`,
            thoughtIds,
          },
        },
      ];
    });
}
