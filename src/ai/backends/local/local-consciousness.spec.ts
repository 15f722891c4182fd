import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  ConsciousnessInput,
  ConsciousnessResult,
  PatternKind,
  ProfileForAi,
  ThoughtForAnalysis,
} from '../../ai.types.js';
import { parseConsciousnessResult } from '../../schemas/consciousness.schema.js';
import { LocalBackend } from '../local.backend.js';

interface Expectation {
  title_contains: string;
  thoughtIds: string[];
}

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../../test/fixtures/week-of-thoughts.json', import.meta.url)),
    'utf8',
  ),
) as {
  now: string;
  timezone: string;
  windowStart: string;
  profile: ProfileForAi;
  openTasks: {
    id: string;
    title: string;
    dueDate: string | null;
    sourceThoughtId: string | null;
    createdAt: string;
  }[];
  thoughts: { id: string; createdAt: string; content: string }[];
  expected: Record<
    'recurring_theme' | 'stalled_project' | 'open_loop' | 'time_of_day',
    Expectation
  > & { not_stalled: string[] };
};

const thoughts: ThoughtForAnalysis[] = fixture.thoughts.map((t) => ({
  id: t.id,
  content: t.content,
  tags: [],
  createdAt: new Date(t.createdAt),
  localOnly: false,
}));
const windowStart = new Date(fixture.windowStart);
const now = new Date(fixture.now);

const weekInput = (overrides: Partial<ConsciousnessInput> = {}): ConsciousnessInput => ({
  userId: 'u1',
  recentThoughts: thoughts.filter((t) => t.createdAt > windowStart),
  trendThoughts: thoughts,
  openTasks: fixture.openTasks.map((t) => ({ ...t, createdAt: new Date(t.createdAt) })),
  profile: fixture.profile,
  timezone: fixture.timezone,
  windowStart,
  windowEnd: now,
  now,
  ...overrides,
});

const signal = new AbortController().signal;

async function check(input: ConsciousnessInput): Promise<ConsciousnessResult> {
  const answer = await new LocalBackend().consciousnessCheck(input, signal);
  const known = new Set([...input.trendThoughts, ...input.recentThoughts].map((t) => t.id));
  return parseConsciousnessResult(answer.output, known);
}

const ofKind = (result: ConsciousnessResult, kind: PatternKind) =>
  result.patterns.filter((p) => p.kind === kind);
const sorted = (ids: string[]) => [...ids].sort();

describe('local consciousness check over a week of thoughts', () => {
  it.each(['recurring_theme', 'stalled_project', 'open_loop', 'time_of_day'] as const)(
    'reports the %s built into the week, citing exactly its thoughts',
    async (kind) => {
      const expected = fixture.expected[kind];
      const found = ofKind(await check(weekInput()), kind);
      expect(found).toHaveLength(1);
      expect(found[0].title).toContain(expected.title_contains);
      expect(sorted(found[0].thoughtIds)).toEqual(sorted(expected.thoughtIds));
    },
  );

  it('does not call a project stalled that was mentioned yesterday, nor a paused one', async () => {
    const stalled = ofKind(await check(weekInput()), 'stalled_project');
    for (const project of fixture.expected.not_stalled)
      expect(stalled.some((p) => p.title.includes(project))).toBe(false);
  });

  it('leaves out to-dos an open task tracks or a later thought reports done', async () => {
    const cited = ofKind(await check(weekInput()), 'open_loop').flatMap((p) => p.thoughtIds);
    // w06: task by source thought; w11: task with a matching title; w07: "Booked the vet" a day later; w19: too recent.
    for (const id of ['w06', 'w07', 'w11', 'w19']) expect(cited).not.toContain(id);
  });

  it('turns loops and stalls into suggestions and every pattern into an insight', async () => {
    const result = await check(weekInput());
    expect(result.suggestions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Decide on: Call the insurance about the claim',
          thoughtIds: ['w14'],
        }),
        expect.objectContaining({
          title: 'Spend 25 minutes on Garden shed',
          thoughtIds: ['w04', 'w05'],
        }),
      ]),
    );
    expect(result.insights).toHaveLength(result.patterns.length);
    expect(result.summary).toMatch(
      /^16 new thoughts since the last check: .*sleep.*Garden shed.*1 open loop/,
    );
  });

  it('finds a theme written only in synonyms and inflections, over several days', async () => {
    const day = (days: number, id: string, content: string): ThoughtForAnalysis => ({
      id,
      content,
      tags: [],
      createdAt: new Date(now.getTime() - days * 86_400_000),
      localOnly: false,
    });
    const week = [
      day(6, 'w1', 'dreading the scan results on Wednesday'),
      day(4, 'w2', 'fretting about the results again, cannot settle'),
      day(2, 'w3', 'on edge all morning waiting for the phone call'),
      day(1, 'w4', 'lunch at the new noodle place'),
    ];
    const themes = ofKind(
      await check(weekInput({ recentThoughts: week, trendThoughts: week, openTasks: [] })),
      'recurring_theme',
    );
    const anxiety = themes.find((p) => p.title.includes('anxiety'));
    expect(sorted(anxiety?.thoughtIds ?? [])).toEqual(['w1', 'w2', 'w3']);
  });

  it('calls a never-mentioned project stalled once the history reaches back 13 calendar days', async () => {
    const thought = (id: string, at: string, content: string): ThoughtForAnalysis => ({
      id,
      content,
      tags: [],
      createdAt: new Date(at),
      localOnly: false,
    });
    // 23:00 in Berlin on 2 March: 13 days before the check's 15 March, though under 13 × 24 hours.
    const history = [
      thought('h1', '2026-03-02T22:00:00Z', 'quiet evening with a book'),
      thought('h2', '2026-03-14T12:00:00Z', 'lunch with Ana'),
    ];
    const profile: ProfileForAi = {
      ongoingProjects: [{ name: 'Pottery', status: 'active', tags: [], aliases: [] }],
      goals: [],
    };
    const stalled = ofKind(
      await check(
        weekInput({
          recentThoughts: history.slice(1),
          trendThoughts: history,
          openTasks: [],
          profile,
        }),
      ),
      'stalled_project',
    );
    expect(stalled.map((p) => p.title)).toEqual(['Stalled project: Pottery']);
  });

  it('says nothing when there are no new thoughts', async () => {
    const result = await check(weekInput({ recentThoughts: [] }));
    expect(result).toEqual({
      summary: 'No new thoughts since the last check.',
      patterns: [],
      insights: [],
      suggestions: [],
    });
  });

  it('claims no stalled project when the history is shorter than a week', async () => {
    const lastDays = thoughts.filter((t) => t.createdAt.getTime() > now.getTime() - 3 * 86_400_000);
    const result = await check(
      weekInput({
        recentThoughts: lastDays,
        trendThoughts: lastDays,
        windowStart: lastDays[0].createdAt,
      }),
    );
    expect(ofKind(result, 'stalled_project')).toEqual([]);
  });

  it('is deterministic', async () => {
    const backend = new LocalBackend();
    const first = await backend.consciousnessCheck(weekInput(), signal);
    expect(await backend.consciousnessCheck(weekInput(), signal)).toEqual(first);
  });
});
