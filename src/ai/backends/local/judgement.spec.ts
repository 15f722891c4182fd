/**
 * The offline backend's judgement as issue 16 describes it, each rule with the issue's own
 * example sentences.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ConsciousnessInput, ProfileForAi, ThoughtForAnalysis } from '../../ai.types.js';
import { checkLocally } from './consciousness.js';
import { loadNlp, readText, type Nlp } from './nlp.js';
import { extractTags } from './tags.js';
import { tagKey, tidyTag } from './tag-normal.js';
import { detectTasks } from './tasks.js';

let nlp: Nlp;
beforeAll(async () => {
  nlp = await loadNlp();
});

const DAY = 86_400_000;
const NOW = new Date('2026-12-14T20:00:00Z');
const ZONE = 'UTC';
const at = (daysAgo: number, hour = 9) =>
  new Date(NOW.getTime() - daysAgo * DAY - (20 - hour) * 3_600_000);

function week(
  entries: [number, string, number?][],
  projects: ProfileForAi['ongoingProjects'] = [],
): ConsciousnessInput {
  const thoughts: ThoughtForAnalysis[] = entries.map(([daysAgo, content, hour], i) => ({
    id: `t${i}`,
    content,
    tags: [],
    createdAt: at(daysAgo, hour),
    localOnly: false,
  }));
  const windowStart = new Date(NOW.getTime() - 7 * DAY);
  return {
    userId: 'u1',
    recentThoughts: thoughts.filter((t) => t.createdAt > windowStart),
    trendThoughts: thoughts,
    openTasks: [],
    profile: { ongoingProjects: projects, goals: [] },
    timezone: ZONE,
    windowStart,
    windowEnd: NOW,
    now: NOW,
  };
}

const check = (input: ConsciousnessInput) => checkLocally(nlp, input);
const ofKind = (input: ConsciousnessInput, kind: string) =>
  check(input).patterns.filter((p) => p.kind === kind);

describe('themes', () => {
  it('counts slept / asleep / sleep as one theme and cites every thought', () => {
    const input = week([
      [5, 'slept badly again'],
      [4, 'another night of bad sleep'],
      [3, 'fell asleep at 2am'],
      [2, 'lunch with Ana was nice'],
    ]);
    const [theme] = ofKind(input, 'recurring_theme');
    expect(theme.title).toBe('Recurring theme: sleep');
    expect(theme.thoughtIds).toEqual(['t0', 't1', 't2']);
  });

  it('counts a same-day burst and says so', () => {
    const input = week([
      [0, 'slept badly again', 7],
      [0, 'so sleepy at work', 10],
      [0, 'nap at lunch did not help', 13],
      [0, 'insomnia is wrecking me', 16],
      [0, 'going to bed at 9 tonight, need sleep', 18],
      [0, 'why can I never sleep?', 19],
    ]);
    const [theme] = ofKind(input, 'recurring_theme');
    expect(theme.title).toBe('6 thoughts about sleep today');
    expect(theme.thoughtIds).toHaveLength(6);
  });

  it('is surer of a theme that recurs across days than of a burst of the same size', () => {
    const burst = ofKind(
      week([
        [0, 'slept badly again', 7],
        [0, 'another night of bad sleep', 9],
        [0, 'fell asleep at 2am', 11],
      ]),
      'recurring_theme',
    )[0];
    const recurring = ofKind(
      week([
        [3, 'slept badly again'],
        [2, 'another night of bad sleep'],
        [1, 'fell asleep at 2am'],
      ]),
      'recurring_theme',
    )[0];
    expect(recurring.confidence).toBeGreaterThan(burst.confidence);
  });

  it('joins ran / running / jog into one theme', () => {
    const input = week([
      [4, 'ran 10k before work'],
      [2, 'easy jog by the river'],
      [1, 'running in the rain is underrated'],
    ]);
    expect(ofKind(input, 'recurring_theme').map((p) => p.title)).toContain(
      'Recurring theme: running',
    );
  });

  it('does not read "ran out of boxes" as running', () => {
    const input = week([
      [4, 'ran out of boxes'],
      [2, 'the meeting ran long'],
      [1, 'ran out of coffee'],
    ]);
    expect(ofKind(input, 'recurring_theme').map((p) => p.title)).not.toContain(
      'Recurring theme: running',
    );
  });
});

describe('projects', () => {
  const spanish = { name: 'Spanish lessons', status: 'active' as const };

  it('never calls a project stalled when a distinctive word of its name came up this week', () => {
    const input = week(
      [
        [13, 'signed up for Spanish lessons'],
        [5, 'practised Spanish verbs'],
        [2, 'Spanish podcast'],
      ],
      [spanish],
    );
    expect(ofKind(input, 'stalled_project')).toEqual([]);
  });

  it('does not count a generic word of the name ("lessons") as a mention', () => {
    const input = week(
      [
        [12, 'Spanish lessons start'],
        [3, 'piano lessons for the kids are expensive'],
      ],
      [spanish],
    );
    expect(ofKind(input, 'stalled_project').map((p) => p.title)).toEqual([
      'Stalled project: Spanish lessons',
    ]);
  });

  it('counts an alias as a mention', () => {
    const input = week(
      [
        [12, 'Spanish lessons start'],
        [2, 'duolingo streak at 30 days'],
      ],
      [{ ...spanish, aliases: ['duolingo'] }],
    );
    expect(ofKind(input, 'stalled_project')).toEqual([]);
  });

  it('calls a project stalled after 7 days of silence following a mention, not after 6', () => {
    const shed = { name: 'Garden shed', status: 'active' as const };
    const quiet8 = week(
      [
        [8, 'garden shed floor is done'],
        [1, 'lunch'],
      ],
      [shed],
    );
    expect(ofKind(quiet8, 'stalled_project')).toHaveLength(1);
    expect(ofKind(quiet8, 'stalled_project')[0].thoughtIds).toEqual(['t0']);
    const quiet6 = week(
      [
        [6, 'garden shed floor is done'],
        [1, 'lunch'],
      ],
      [shed],
    );
    expect(ofKind(quiet6, 'stalled_project')).toEqual([]);
  });

  it('needs two weeks of history before calling a never-mentioned project stalled', () => {
    const podcast = { name: 'Podcast', status: 'active' as const };
    expect(
      ofKind(
        week(
          [
            [13, 'dinner'],
            [1, 'lunch'],
          ],
          [podcast],
        ),
        'stalled_project',
      ),
    ).toHaveLength(1);
    expect(
      ofKind(
        week(
          [
            [9, 'dinner'],
            [1, 'lunch'],
          ],
          [podcast],
        ),
        'stalled_project',
      ),
    ).toEqual([]);
  });

  it('gives a project mentioned often a momentum insight', () => {
    const input = week(
      [
        [5, 'practised Spanish verbs'],
        [3, 'Spanish podcast'],
        [1, 'first conversation in Spanish!'],
      ],
      [spanish],
    );
    const momentum = check(input).insights.find((i) => i.title === 'Momentum: Spanish lessons');
    expect(momentum?.thoughtIds).toEqual(['t0', 't1', 't2']);
  });
});

describe('open loops', () => {
  it('reports the same intention repeated with no sign of completion', () => {
    const input = week([
      [3, 'need to call the plumber'],
      [2, 'need to call the plumber!!'],
      [1, 'I really need to call the plumber'],
    ]);
    const [loop] = ofKind(input, 'open_loop');
    expect(loop.title).toBe('Open loop: Call the plumber');
    expect(loop.thoughtIds).toEqual(['t0', 't1', 't2']);
  });

  it('closes the loop when a later thought reports it done', () => {
    const input = week([
      [4, 'need to call the plumber'],
      [3, 'need to call the plumber'],
      [1, 'called the plumber, he comes on monday'],
    ]);
    expect(ofKind(input, 'open_loop')).toEqual([]);
  });

  it('does not take "still haven\'t booked" for done', () => {
    const input = week([
      [5, 'need to book the car service'],
      [1, "still haven't booked the car service"],
    ]);
    expect(ofKind(input, 'open_loop')).toHaveLength(1);
  });
});

describe('tasks', () => {
  const titles = (text: string) =>
    detectTasks(nlp, text, NOW, 'Pacific/Auckland').map((t) => t.title);

  it.each([
    'Read the paper on retrieval augmented generation, really good',
    'read the paper, really good',
    'called mom',
    'Should I learn Rust or Go next?',
    'Slept badly again, third night this week',
  ])('is not a task: %s', (text) => {
    expect(titles(text)).toEqual([]);
  });

  it.each([
    ['Call the plumber', 'Call the plumber'],
    ['need to call the plumber', 'Call the plumber'],
    ['I have to renew the passport', 'Renew the passport'],
    ['should renew my passport', 'Renew my passport'],
    ["don't forget to pay rent", 'Pay rent'],
    ['Saturday 10am haircut', 'Haircut'],
    ['sunday - meal prep for the week', 'Meal prep for the week'],
    ['dentist thursday at 3pm dont forget', 'Remember dentist'],
    ['TODO fix the leaking tap', 'Fix the leaking tap'],
  ])('is a task: %s', (text, title) => {
    expect(titles(text)).toEqual([title]);
  });

  it('reads a bare weekday written on that weekday as next week', () => {
    // 2026-12-14T20:00Z is Tuesday 15 December, 09:00 in Auckland.
    const [task] = detectTasks(nlp, 'tuesday - start the new course', NOW, 'Pacific/Auckland');
    expect(task.dueDate).toBe('2026-12-22');
  });
});

describe('tags', () => {
  const tagsOf = (text: string, existingTags: string[] = []) =>
    extractTags(readText(nlp, text), { existingTags, projects: [] }).map((t) => t.tag);

  it('tags "Slept badly again, third night this week" with sleep', () => {
    expect(tagsOf('Slept badly again, third night this week')).toContain('sleep');
  });

  it('reuses the vocabulary tag for a variant or near-synonym', () => {
    expect(tagsOf('Cyber-security training at work', ['cybersecurity'])).toContain('cybersecurity');
    expect(tagsOf('talk on cyber security in hospitals', ['cybersecurity'])).not.toContain('cyber');
    expect(tagsOf('Jogged along the river', ['running'])).toContain('running');
  });

  it('gives at most five tidy tags: lower case, spaces, singular, no numbers or stop words', () => {
    const tags = tagsOf(
      'Bought Running-Shoes, socks, water bottles, #2024 energy gels and a headlamp for the Trail_Race',
    );
    expect(tags.length).toBeLessThanOrEqual(5);
    for (const tag of tags) {
      expect(tag).toBe(tag.toLowerCase());
      expect(tag).not.toMatch(/[-_]|^\d+$/);
    }
  });

  it('normalises tag spellings one way, for merges too', () => {
    expect(tidyTag('Cyber-Security')).toBe('cyber security');
    expect(tidyTag('Running_Shoes')).toBe('running shoe');
    expect(tidyTag('#2024')).toBeNull();
    expect(tidyTag('the')).toBeNull();
    expect(tagKey('Cyber-Security')).toBe(tagKey('cybersecurity'));
    expect(tagKey('jogging')).toBe(tagKey('running'));
  });
});
