import type { ConsciousnessInput, ConsciousnessResult } from '../../ai.types.js';
import type { Nlp } from './nlp.js';
import { openLoops } from './open-loops.js';
import { recurringThemes, timeOfDay, type Finding } from './patterns.js';
import { mentionsProject, projectMomentum, stalledProjects } from './projects.js';
import { factsOf } from './thought-facts.js';
import { clipWords, compareText, termKey } from './text.js';
import { localDateOf } from './zone.js';

export const NOTHING_NEW = 'No new thoughts since the last check.';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function summaryOf(
  newCount: number,
  findings: Record<'themes' | 'stalled' | 'loops', Finding[]>,
): string {
  const parts: string[] = [];
  if (findings.themes.length)
    parts.push(
      `${plural(findings.themes.length, 'recurring theme')} (${findings.themes.map((f) => f.label).join(', ')})`,
    );
  if (findings.stalled.length)
    parts.push(
      `${plural(findings.stalled.length, 'stalled project')} (${findings.stalled.map((f) => f.label).join(', ')})`,
    );
  if (findings.loops.length) parts.push(plural(findings.loops.length, 'open loop'));
  const head = `${plural(newCount, 'new thought')} since the last check`;
  return clipWords(
    parts.length ? `${head}: ${parts.join(', ')}.` : `${head}; nothing stood out.`,
    200,
  );
}

/**
 * A consciousness check from the thoughts alone: every pattern cites the thoughts it rests on,
 * and with no new thoughts there is nothing to say (the check never invents).
 */
export function checkLocally(nlp: Nlp, input: ConsciousnessInput): ConsciousnessResult {
  if (input.recentThoughts.length === 0)
    return { summary: NOTHING_NEW, patterns: [], insights: [], suggestions: [] };
  const vocabulary = { existingTags: [], projects: input.profile.ongoingProjects };
  const byId = new Map(
    [...input.trendThoughts, ...input.recentThoughts].map((thought) => [thought.id, thought]),
  );
  const all = [...byId.values()]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id))
    .map((thought) => factsOf(nlp, thought, input.timezone, vocabulary));
  const recentIds = new Set(input.recentThoughts.map((thought) => thought.id));
  const projectKeys = new Set<string>();
  for (const project of input.profile.ongoingProjects.filter((p) => p.status === 'active')) {
    const key = termKey(project.name);
    for (const facts of all)
      if (mentionsProject(facts, project)) {
        facts.nouns.add(key);
        projectKeys.add(key);
      }
  }
  const findings = {
    themes: recurringThemes(all, recentIds, localDateOf(input.timezone, input.now), projectKeys),
    stalled: stalledProjects(all, input),
    momentum: projectMomentum(all, input, recentIds),
    loops: openLoops(nlp, all, input),
    habits: timeOfDay(
      all.filter((facts) => recentIds.has(facts.thought.id)),
      input.timezone,
    ),
  };
  const ordered = [
    ...findings.themes,
    ...findings.stalled,
    ...findings.momentum,
    ...findings.loops,
    ...findings.habits,
  ];
  return {
    summary: summaryOf(input.recentThoughts.length, findings),
    patterns: ordered.flatMap((f) => (f.pattern ? [f.pattern] : [])),
    insights: ordered.map((f) => f.insight),
    suggestions: ordered.flatMap((f) => (f.suggestion ? [f.suggestion] : [])),
  };
}
