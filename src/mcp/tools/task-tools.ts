import { z } from 'zod';
import type { SuggestionResponseDto } from '../../suggestions/dto/suggestion.dto.js';
import type { TaskResponseDto } from '../../tasks/dto/task-response.dto.js';
import { SUGGESTION_STATUSES } from '../../suggestions/task-suggestion.entity.js';
import { toSuggestionResponse } from '../../suggestions/suggestion.mapper.js';
import type { SuggestionsService } from '../../suggestions/suggestions.service.js';
import { TASK_SORTS } from '../../tasks/dto/list-tasks.query.dto.js';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../tasks/task.entity.js';
import { toTaskResponse } from '../../tasks/task.mapper.js';
import type { TasksService } from '../../tasks/tasks.service.js';
import {
  cursorArg,
  dateArg,
  limitArg,
  pageOf,
  suggestionOut,
  taskOut,
  textArg,
  timeArg,
  uuidArg,
} from '../mcp-schemas.js';
import { defineTool, type PaiTool } from '../mcp-tool.js';
import { listing, pageOutcome, READS, writes } from './tool-shapes.js';

const taskLine = (task: TaskResponseDto) =>
  `- [${task.id}] ${task.status === 'done' ? '[x]' : '[ ]'} ${task.title} (${task.priority}${task.due_date ? `, due ${task.due_date}${task.due_time ? ` ${task.due_time}` : ''}` : ''}, ${task.status})`;

const suggestionLine = (suggestion: SuggestionResponseDto) =>
  `- [${suggestion.id}] ${suggestion.title} (${suggestion.priority}, confidence ${suggestion.confidence.toFixed(2)}${suggestion.due_date ? `, due ${suggestion.due_date}` : ''})${suggestion.evidence ? `\n  from: "${suggestion.evidence}"` : ''}`;

const taskFields = {
  title: textArg('title', 200, 'Short imperative title, e.g. "Call mom about the tax forms"').min(
    1,
    'title must not be empty',
  ),
  description: textArg('description', 5000, 'Optional details').nullable().optional(),
  priority: z.enum(TASK_PRIORITIES).optional().describe('low, medium (default), high or urgent'),
  due_date: dateArg('due_date', "Due day in the user's time zone, YYYY-MM-DD")
    .nullable()
    .optional(),
  due_time: timeArg('due_time', 'Due time of day, HH:MM (24 h); needs due_date')
    .nullable()
    .optional(),
};

export function taskTools(tasks: TasksService, suggestions: SuggestionsService): PaiTool[] {
  const list = defineTool({
    name: 'list_tasks',
    title: 'List tasks',
    description:
      "The user's tasks. Filter by status (default: open ones, pending and in_progress), priority, due dates (YYYY-MM-DD, inclusive) " +
      "or overdue (due before today in the user's time zone, not done). Sort by created (newest first), due_date (soonest first) or priority.",
    input: {
      status: z
        .array(z.enum(TASK_STATUSES))
        .min(1)
        .default(['pending', 'in_progress'])
        .describe('Statuses to include'),
      priority: z
        .array(z.enum(TASK_PRIORITIES))
        .min(1)
        .optional()
        .describe('Priorities to include'),
      due_before: dateArg('due_before', 'Due on or before this day').optional(),
      due_after: dateArg('due_after', 'Due on or after this day').optional(),
      overdue: z.boolean().optional().describe('Only tasks past their due day'),
      sort: z.enum(TASK_SORTS).default('due_date'),
      limit: limitArg(200, 50),
      cursor: cursorArg,
    },
    output: pageOf(taskOut),
    ...READS,
    async run(args, call) {
      const page = await tasks.list(call.auth.userId, args);
      const items = page.items.map(toTaskResponse);
      const text = listing(items, `${items.length} task(s)`, taskLine, 'No tasks match.');
      return pageOutcome(text, items, page.next_cursor);
    },
  });

  const create = defineTool({
    name: 'create_task',
    title: 'Create a task',
    description:
      "Add a task to the user's task list. Link it to the thought it came from with source_thought_id when there is one.",
    input: {
      ...taskFields,
      source_thought_id: uuidArg(
        'source_thought_id',
        'The thought this task comes from',
      ).optional(),
    },
    output: { task: taskOut },
    annotations: writes(),
    async run(args, call) {
      const task = toTaskResponse(await tasks.create(call.auth.userId, args));
      return { text: `Created:\n${taskLine(task)}`, data: { task } };
    },
  });

  const update = defineTool({
    name: 'update_task',
    title: 'Update a task',
    description:
      'Change a task: complete it (status "done"), reopen it (status "pending"), reschedule it (due_date, due_time; null clears), ' +
      'or change its title, description or priority. Only the fields given change.',
    input: {
      id: uuidArg('id', 'The task id (from list_tasks)'),
      ...taskFields,
      title: taskFields.title.optional(),
      status: z
        .enum(TASK_STATUSES)
        .optional()
        .describe('"done" completes it; cancelled and archived close it'),
    },
    output: { task: taskOut },
    annotations: writes({ idempotent: true }),
    async run({ id, ...changes }, call) {
      const task = toTaskResponse(await tasks.update(call.auth.userId, id, changes));
      return { text: `Updated:\n${taskLine(task)}`, data: { task } };
    },
  });

  const listSuggestions = defineTool({
    name: 'list_task_suggestions',
    title: 'List task suggestions',
    description:
      "Tasks PAI found in the user's thoughts and offers for approval, newest first, each with a 0..1 confidence and the words of the " +
      'thought it rests on (evidence). Accept or reject them with accept_suggestion / reject_suggestion, after asking the user.',
    input: {
      status: z
        .enum([...SUGGESTION_STATUSES, 'all'])
        .default('pending')
        .describe('pending (default), accepted, rejected, expired or all'),
      limit: limitArg(200, 20),
      cursor: cursorArg,
    },
    output: pageOf(suggestionOut),
    ...READS,
    async run(args, call) {
      const page = await suggestions.list(call.auth.userId, args);
      const items = page.items.map(toSuggestionResponse);
      const heading = `${items.length} suggestion(s)`;
      const text = listing(items, heading, suggestionLine, 'No task suggestions.');
      return { text, data: { items, next_cursor: page.next_cursor } };
    },
  });

  const accept = defineTool({
    name: 'accept_suggestion',
    title: 'Accept a task suggestion',
    description:
      'Turn a pending task suggestion into a task, optionally changing its title, priority or due date first. Returns the new task.',
    input: {
      id: uuidArg('id', 'The suggestion id (from list_task_suggestions)'),
      title: taskFields.title.optional(),
      priority: taskFields.priority,
      due_date: taskFields.due_date,
      due_time: taskFields.due_time,
    },
    output: { task: taskOut },
    annotations: writes(),
    async run(args, call) {
      const task = toTaskResponse(
        await suggestions.accept(call.auth.userId, args.id, {
          title: args.title,
          priority: args.priority,
          dueDate: args.due_date,
          dueTime: args.due_time,
        }),
      );
      return { text: `Accepted; new task:\n${taskLine(task)}`, data: { task } };
    },
  });

  const reject = defineTool({
    name: 'reject_suggestion',
    title: 'Reject a task suggestion',
    description: 'Decline a pending task suggestion; PAI will not offer it again for that thought.',
    input: {
      id: uuidArg('id', 'The suggestion id'),
      reason: textArg('reason', 500, 'Optional: why, in a few words').optional(),
    },
    output: { suggestion: suggestionOut },
    annotations: writes({ destructive: true }),
    async run(args, call) {
      const suggestion = toSuggestionResponse(
        await suggestions.reject(call.auth.userId, args.id, args.reason),
      );
      return { text: `Rejected: ${suggestion.title}`, data: { suggestion } };
    },
  });

  return [list, create, update, listSuggestions, accept, reject] as unknown as PaiTool[];
}
