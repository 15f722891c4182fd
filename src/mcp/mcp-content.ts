import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { toConsciousnessCheckResponse } from '../consciousness/consciousness.mapper.js';
import type { ConsciousnessService } from '../consciousness/consciousness.service.js';
import { localDate } from '../common/time/local-date.js';
import { toProfileResponse } from '../profiles/profile.mapper.js';
import type { ProfilesService } from '../profiles/profiles.service.js';
import { toSuggestionResponse } from '../suggestions/suggestion.mapper.js';
import type { SuggestionsService } from '../suggestions/suggestions.service.js';
import { toTaskResponse } from '../tasks/task.mapper.js';
import type { TasksService } from '../tasks/tasks.service.js';
import { addDays } from '../ai/backends/local/zone.js';
import { describeCheck, describeProfile } from './tools/insight-tools.js';

export interface ContentServices {
  tasks: TasksService;
  suggestions: SuggestionsService;
  consciousness: ConsciousnessService;
  profiles: ProfilesService;
}

const json = (uri: URL, value: unknown): ReadResourceResult => ({
  contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }],
});

/** Open tasks due today or earlier in the user's time zone, soonest first. */
async function tasksToday(services: ContentServices, userId: string) {
  const { timezone } = await services.profiles.getForUser(userId);
  const today = localDate(timezone);
  const page = await services.tasks.list(userId, {
    status: ['pending', 'in_progress'],
    due_before: today,
    sort: 'due_date',
    limit: 100,
  });
  return { date: today, time_zone: timezone, items: page.items.map(toTaskResponse) };
}

async function latestCheck(services: ContentServices, userId: string) {
  const [newest] = (await services.consciousness.list(userId, 1)).items;
  return newest ? toConsciousnessCheckResponse(newest) : null;
}

/** Resources and prompts: read-only views, for every scope that may read. */
export function registerContent(
  server: McpServer,
  services: ContentServices,
  /** The user a request acts for (the SDK hands each callback its request's `extra`). */
  userOf: (extra: { authInfo?: AuthInfo }) => string,
): void {
  server.registerResource(
    'profile',
    'pai://profile',
    {
      title: 'Your profile',
      description: 'Time zone, ongoing projects, goals, work patterns and preferences',
      mimeType: 'application/json',
    },
    async (uri, extra) =>
      json(uri, toProfileResponse(await services.profiles.getForUser(userOf(extra)))),
  );
  server.registerResource(
    'latest-insights',
    'pai://insights/latest',
    {
      title: 'Latest insights',
      description: 'The most recent consciousness check (null before the first one)',
      mimeType: 'application/json',
    },
    async (uri, extra) => json(uri, await latestCheck(services, userOf(extra))),
  );
  server.registerResource(
    'tasks-today',
    'pai://tasks/today',
    {
      title: "Today's tasks",
      description: "Open tasks due today or overdue, in the user's time zone",
      mimeType: 'application/json',
    },
    async (uri, extra) => json(uri, await tasksToday(services, userOf(extra))),
  );

  server.registerPrompt(
    'weekly_review',
    {
      title: 'Weekly review',
      description: 'Review the past week: themes, stalled projects, open loops and tasks done',
    },
    async (extra): Promise<GetPromptResult> => {
      const userId = userOf(extra);
      const { timezone } = await services.profiles.getForUser(userId);
      const weekAgo = addDays(localDate(timezone), -7);
      const [check, done] = await Promise.all([
        latestCheck(services, userId),
        services.tasks.list(userId, { status: ['done'], sort: 'created', limit: 100 }),
      ]);
      const finished = done.items
        .map(toTaskResponse)
        .filter((task) => task.completed_at && task.completed_at.slice(0, 10) >= weekAgo);
      const text = [
        "Help me review my week using my PAI memory. Group what follows into: recurring themes, projects that stalled, open loops I haven't closed, and what I got done. End with three concrete suggestions for next week.",
        check
          ? `Latest consciousness check:\n${describeCheck(check)}`
          : 'No consciousness check yet: call run_consciousness_check if I agree.',
        finished.length
          ? `Tasks done since ${weekAgo}:\n${finished.map((task) => `- ${task.title} (${task.completed_at})`).join('\n')}`
          : `No tasks marked done since ${weekAgo}.`,
        'Use search_thoughts, recent_thoughts (days=7) and get_thought to look at the thoughts behind each point before you state it.',
      ].join('\n\n');
      return {
        description: 'Weekly review',
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
  );
  server.registerPrompt(
    'plan_my_day',
    {
      title: 'Plan my day',
      description:
        'Plan today from due tasks, pending suggestions and focus hours from the profile',
    },
    async (extra): Promise<GetPromptResult> => {
      const userId = userOf(extra);
      const [today, pending, profile] = await Promise.all([
        tasksToday(services, userId),
        services.suggestions.list(userId, { status: 'pending', limit: 10 }),
        services.profiles.getForUser(userId),
      ]);
      const suggestions = pending.items.map(toSuggestionResponse);
      const text = [
        `Plan my day (${today.date}, ${today.time_zone}). Put the most important work into my focus hours, keep it realistic, and tell me what to drop or move.`,
        today.items.length
          ? `Tasks due today or overdue:\n${today.items.map((task) => `- [${task.id}] ${task.title} (${task.priority}, due ${task.due_date}${task.due_time ? ` ${task.due_time}` : ''})`).join('\n')}`
          : 'Nothing is due today.',
        suggestions.length
          ? `Task suggestions waiting for my decision:\n${suggestions.map((s) => `- [${s.id}] ${s.title} (confidence ${s.confidence.toFixed(2)})`).join('\n')}`
          : 'No pending task suggestions.',
        describeProfile(toProfileResponse(profile)),
        'Ask me before you accept or reject a suggestion (accept_suggestion / reject_suggestion) or reschedule a task (update_task).',
      ].join('\n\n');
      return {
        description: 'Plan my day',
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
  );
}
