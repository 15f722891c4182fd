import { z } from 'zod';
import { isCalendarDate, isTimeOfDay } from '../../common/validation/time.js';
import { THOUGHT_TYPES } from '../../thoughts/thought.entity.js';
import type { TaskCandidate, ThoughtAnalysis, ThoughtForAnalysis } from '../ai.types.js';
import {
  clip,
  confidence,
  LIMITS,
  looseForm,
  parseOrThrow,
  tagList,
  text,
  wireJsonSchema,
} from './sanitize.js';

export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

const taskWire = z.object({
  title: text(LIMITS.title).describe('Imperative, short'),
  description: text(LIMITS.description).nullish(),
  priority: z.enum(TASK_PRIORITIES),
  due_date: z.string().nullable().describe("YYYY-MM-DD in the user's time zone, or null"),
  due_time: z.string().nullable().describe('HH:MM, 24-hour, or null'),
  due_text: text(LIMITS.dueText)
    .nullable()
    .describe('The words that named the date or time, as written'),
  confidence,
  evidence: text(LIMITS.evidence).describe(
    'The words of the thought this task rests on, quoted exactly',
  ),
});

/** What an LLM must return for one thought, snake_case as on the wire. */
export const thoughtAnalysisWire = z.object({
  tags: tagList,
  thought_type: z.enum(THOUGHT_TYPES),
  is_actionable: z.boolean(),
  tasks: z.array(taskWire).describe('Only tasks the thought actually asks for; empty when none'),
  summary: text(LIMITS.summary).describe('One line'),
  sentiment: z.enum(['positive', 'neutral', 'negative']).nullish(),
  energy: z.enum(['low', 'medium', 'high']).nullish(),
});

export const THOUGHT_ANALYSIS_JSON_SCHEMA = wireJsonSchema(thoughtAnalysisWire);

type TaskWire = z.output<typeof taskWire>;

/**
 * Validates a backend's raw answer for `thought` into a ThoughtAnalysis, or throws
 * AiOutputInvalidError. Structure and types must be right; sizes are cut to the caps; a task
 * whose evidence is not quoted from the thought is dropped (the model made it up); a date or
 * time that is not a real YYYY-MM-DD / HH:MM becomes null rather than a wrong reminder.
 */
export function parseThoughtAnalysis(
  raw: unknown,
  thought: Pick<ThoughtForAnalysis, 'content'>,
): ThoughtAnalysis {
  const wire = parseOrThrow(thoughtAnalysisWire, raw, 'thought analysis');
  const haystack = looseForm(thought.content);
  const tasks = wire.tasks
    .filter(
      (task) =>
        task.title !== '' && task.evidence !== '' && haystack.includes(looseForm(task.evidence)),
    )
    .slice(0, LIMITS.tasks)
    .map(toTaskCandidate);
  return {
    tags: wire.tags,
    thoughtType: wire.thought_type,
    isActionable: wire.is_actionable,
    tasks,
    summary: wire.summary,
    ...(wire.sentiment ? { sentiment: wire.sentiment } : {}),
    ...(wire.energy ? { energy: wire.energy } : {}),
  };
}

function toTaskCandidate(task: TaskWire): TaskCandidate {
  const dueDate =
    task.due_date !== null && isCalendarDate(task.due_date.trim()) ? task.due_date.trim() : null;
  const dueTime =
    task.due_time !== null && isTimeOfDay(task.due_time.trim()) ? task.due_time.trim() : null;
  return {
    title: task.title,
    ...(task.description ? { description: task.description } : {}),
    priority: task.priority,
    dueDate,
    dueTime,
    dueText: task.due_text ? clip(task.due_text, LIMITS.dueText) : null,
    confidence: task.confidence,
    evidence: task.evidence,
  };
}
