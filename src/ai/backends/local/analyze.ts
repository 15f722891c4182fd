import type { AnalysisContext, TaskCandidate, ThoughtAnalysis } from '../../ai.types.js';
import { readText, type Nlp } from './nlp.js';
import { extractTags } from './tags.js';
import { detectTasks } from './tasks.js';
import { energyOf, sentimentOf, summaryOf, thoughtTypeOf } from './thought-type.js';

/** One thought analysed offline; the same text, context and `now` always give the same answer. */
export function analyzeLocally(
  nlp: Nlp,
  content: string,
  context: Pick<AnalysisContext, 'existingTags' | 'rejectedTags' | 'profile' | 'timezone' | 'now'>,
): ThoughtAnalysis {
  const read = readText(nlp, content);
  const detected = detectTasks(nlp, content, context.now, context.timezone);
  const tasks: TaskCandidate[] = detected.map(({ kind: _kind, ...task }) => task);
  return {
    tags: extractTags(read, {
      existingTags: context.existingTags,
      rejectedTags: context.rejectedTags,
      projects: context.profile.ongoingProjects,
    }),
    thoughtType: thoughtTypeOf(content, detected, read),
    isActionable: tasks.length > 0,
    tasks,
    summary: summaryOf(content),
    sentiment: sentimentOf(read),
    energy: energyOf(content, read),
  };
}
