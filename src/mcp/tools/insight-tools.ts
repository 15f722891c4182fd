import { conflict } from '../../common/errors/domain-errors.js';
import { toConsciousnessCheckResponse } from '../../consciousness/consciousness.mapper.js';
import type { ConsciousnessCheckDto } from '../../consciousness/dto/consciousness.dto.js';
import type { ProfileResponseDto } from '../../profiles/dto/profile-response.dto.js';
import type { ConsciousnessService } from '../../consciousness/consciousness.service.js';
import { toProfileResponse } from '../../profiles/profile.mapper.js';
import type { ProfilesService } from '../../profiles/profiles.service.js';
import { checkOut, profileOut } from '../mcp-schemas.js';
import { defineTool, type PaiTool } from '../mcp-tool.js';
import { READS, writes } from './tool-shapes.js';

/** A check as a model reads it: summary, then each finding with the thoughts it rests on. */
export function describeCheck(check: ConsciousnessCheckDto): string {
  const section = (
    title: string,
    items: { title: string; description?: string | null; thought_ids: string[] }[],
  ) =>
    items.length
      ? [
          `${title}:`,
          ...items.map(
            (item) =>
              `- ${item.title}${item.description ? `: ${item.description}` : ''} (thoughts: ${item.thought_ids.join(', ') || 'none'})`,
          ),
        ]
      : [];
  return [
    `Consciousness check ${check.id} (${check.state}) over ${check.window_start} to ${check.window_end}, ${check.new_thought_count} new thought(s).`,
    check.summary,
    ...section('Patterns', check.patterns),
    ...section('Insights', check.insights),
    ...section('Suggestions', check.suggestions),
  ].join('\n');
}

export function describeProfile(profile: ProfileResponseDto): string {
  const projects = profile.ongoing_projects.map(
    (project) => `- ${project.name}${project.status ? ` (${String(project.status)})` : ''}`,
  );
  const goals = profile.goals.map(
    (goal) => `- ${goal.title}${goal.horizon ? ` (${String(goal.horizon)})` : ''}`,
  );
  const focus =
    (profile.work_patterns.focus_hours as { start: string; end: string }[] | undefined) ?? [];
  return [
    `Time zone: ${profile.timezone}`,
    projects.length ? `Ongoing projects:\n${projects.join('\n')}` : 'No ongoing projects recorded.',
    goals.length ? `Goals:\n${goals.join('\n')}` : 'No goals recorded.',
    focus.length
      ? `Focus hours: ${focus.map((window) => `${window.start}-${window.end}`).join(', ')}`
      : 'No focus hours recorded.',
  ].join('\n');
}

export function insightTools(
  consciousness: ConsciousnessService,
  profiles: ProfilesService,
): PaiTool[] {
  const run = defineTool({
    name: 'run_consciousness_check',
    title: 'Run a consciousness check now',
    description:
      "Analyse the user's thoughts since the last check now and return patterns (recurring themes, stalled projects, open loops), " +
      'insights and suggestions, each pointing at the thoughts it rests on. Takes a few seconds and may use the AI budget: call it ' +
      'when the user asks for a review, not routinely; latest_insights returns the last one for free.',
    input: {},
    output: { check: checkOut },
    annotations: writes({ openWorld: true }),
    async run(_args, call) {
      const check = await consciousness.run(call.auth.userId, 'manual');
      if (!check)
        throw conflict('a consciousness check is already running; try latest_insights in a moment');
      const data = toConsciousnessCheckResponse(check);
      return { text: describeCheck(data), data: { check: data } };
    },
  });

  const latest = defineTool({
    name: 'latest_insights',
    title: 'Latest insights',
    description:
      "The most recent consciousness check: a summary of the user's recent thinking with patterns, insights and suggestions, each " +
      'citing the thought ids it rests on (fetch them with get_thought).',
    input: {},
    output: { check: checkOut.nullable() },
    ...READS,
    async run(_args, call) {
      const [newest] = (await consciousness.list(call.auth.userId, 1)).items;
      const data = newest ? toConsciousnessCheckResponse(newest) : null;
      return {
        text: data ? describeCheck(data) : 'No consciousness check has run yet.',
        data: { check: data },
      };
    },
  });

  const profile = defineTool({
    name: 'get_profile',
    title: 'Get the user profile',
    description:
      "The user's profile: time zone, ongoing projects, goals, work patterns (focus hours, energy peaks) and preferences.",
    input: {},
    output: { profile: profileOut },
    ...READS,
    async run(_args, call) {
      const data = toProfileResponse(await profiles.getForUser(call.auth.userId));
      return { text: describeProfile(data), data: { profile: data } };
    },
  });

  return [run, latest, profile] as unknown as PaiTool[];
}
