import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProfilesService } from '../../src/profiles/profiles.service.js';
import { bearer, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PATH = '/api/v1/profile';

const EMPTY = {
  ongoing_projects: [],
  work_patterns: {},
  goals: [],
  preferences: {},
  timezone: 'UTC',
};

const FULL = {
  ongoing_projects: [
    {
      name: 'Home automation',
      description: 'Zigbee sensors in every room',
      status: 'active',
      tags: ['iot', 'weekend'],
      aliases: ['smart home', 'zigbee'],
    },
    { name: 'Novel', status: 'paused' },
    { name: 'Tax return 2025', description: 'Filed', status: 'done', tags: [] },
  ],
  work_patterns: {
    focus_hours: [
      { start: '09:00', end: '12:00' },
      { start: '22:30', end: '00:30' },
    ],
    energy_peaks: ['morning', 'night'],
    notes: 'Deep work before lunch; meetings after. Ünïcödé and emoji 🚀 are fine.',
  },
  goals: [
    { title: 'Run a half marathon', horizon: 'quarter', target_date: '2026-06-30' },
    { title: 'Read 20 books', horizon: 'year' },
    { title: 'Leap day check-in', target_date: '2028-02-29' },
  ],
  preferences: { language: 'en-GB', date_format: 'DD.MM.YYYY', week_starts_on: 'monday' },
  timezone: 'Europe/Berlin',
};

const errorShape = {
  status_code: 400,
  error: 'Bad Request',
  message: expect.any(String),
  details: expect.any(Array),
  request_id: expect.any(String),
};

describe('profile API', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const get = (user: CreatedUser) => testApp.http().get(PATH).set(bearer(user.key));
  const put = (user: CreatedUser, body: unknown) =>
    testApp
      .http()
      .put(PATH)
      .set(bearer(user.key))
      .send(body as object);

  describe('authentication', () => {
    it('401s GET and PUT without a key, with a malformed key and with an unknown key', async () => {
      const responses = [
        await testApp.http().get(PATH),
        await testApp.http().put(PATH).send(FULL),
        await testApp.http().get(PATH).set('Authorization', 'Bearer nonsense'),
        await testApp
          .http()
          .put(PATH)
          .set(bearer(`pai_${'z'.repeat(32)}`))
          .send(FULL),
      ];
      for (const response of responses) {
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ status_code: 401, error: 'Unauthorized' });
      }
    });
  });

  describe('GET', () => {
    it('returns the defaults for a user who never saved a profile', async () => {
      const user = await createUser(testApp);
      const response = await get(user);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...EMPTY,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(new Date(response.body.created_at).toISOString()).toBe(response.body.created_at);
      // Never internal columns.
      expect(response.body).not.toHaveProperty('id');
      expect(response.body).not.toHaveProperty('user_id');
    });

    it('survives concurrent first requests: every one is 200 and they see one row', async () => {
      const user = await createUser(testApp);
      const responses = await Promise.all(Array.from({ length: 8 }, () => get(user)));
      expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
      expect(new Set(responses.map((response) => response.body.created_at)).size).toBe(1);
    });

    it('is stable: a second GET returns the same row', async () => {
      const user = await createUser(testApp);
      const first = await get(user);
      const second = await get(user);
      expect(second.body).toEqual(first.body);
    });
  });

  describe('PUT', () => {
    it('round-trips a full valid profile', async () => {
      const user = await createUser(testApp);
      const saved = await put(user, FULL);
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({
        ...FULL,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const read = await get(user);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(saved.body);
    });

    it('works as the very first request and on a concurrent first PUT', async () => {
      const user = await createUser(testApp);
      const responses = await Promise.all([put(user, FULL), put(user, FULL), put(user, FULL)]);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      expect((await get(user)).body).toMatchObject(FULL);
    });

    it('replaces everything: parts not sent again are gone', async () => {
      const user = await createUser(testApp);
      const first = await put(user, FULL);
      const second = await put(user, { ...EMPTY, goals: [{ title: 'Only goal' }] });
      expect(second.status).toBe(200);
      expect(second.body).toEqual({
        ...EMPTY,
        goals: [{ title: 'Only goal' }],
        created_at: first.body.created_at,
        updated_at: expect.any(String),
      });
      expect(new Date(second.body.updated_at).getTime()).toBeGreaterThanOrEqual(
        new Date(first.body.updated_at).getTime(),
      );
      expect((await get(user)).body).toEqual(second.body);
    });

    it("defaults a project's status to active and treats null optional fields as unset", async () => {
      const user = await createUser(testApp);
      const response = await put(user, {
        ...EMPTY,
        ongoing_projects: [{ name: 'Garden', description: null }],
        goals: [{ title: 'Plant tomatoes', horizon: null }],
      });
      expect(response.status).toBe(200);
      expect(response.body.ongoing_projects).toEqual([{ name: 'Garden', status: 'active' }]);
      expect(response.body.goals).toEqual([{ title: 'Plant tomatoes' }]);
    });

    it('stores a time zone in its usual spelling', async () => {
      const user = await createUser(testApp);
      const response = await put(user, { ...EMPTY, timezone: 'america/new_york' });
      expect(response.status).toBe(200);
      expect(response.body.timezone).toBe('America/New_York');
    });

    it('accepts the limits exactly', async () => {
      const user = await createUser(testApp);
      const response = await put(user, {
        ongoing_projects: Array.from({ length: 50 }, (_, i) => ({
          name: `${i}`.padEnd(100, 'n'),
          description: 'd'.repeat(500),
          tags: Array.from({ length: 20 }, (_, t) => `${t}`.padEnd(50, 't')),
        })),
        work_patterns: {
          focus_hours: Array.from({ length: 10 }, () => ({ start: '00:00', end: '23:59' })),
          notes: 'n'.repeat(1000),
        },
        goals: Array.from({ length: 50 }, (_, i) => ({ title: `${i}`.padEnd(200, 'g') })),
        preferences: { language: 'de-CH-1996', date_format: 'x'.repeat(20) },
        timezone: 'America/Argentina/Buenos_Aires',
      });
      expect(response.status).toBe(200);
      expect(response.body.ongoing_projects).toHaveLength(50);
      expect(response.body.goals).toHaveLength(50);
    });
  });

  describe('PUT validation', () => {
    let user: CreatedUser;

    beforeAll(async () => {
      user = await createUser(testApp);
      expect((await put(user, FULL)).status).toBe(200);
    });

    const cases: [string, Record<string, unknown>, string, string?][] = [
      ['a missing part', { ...FULL, goals: undefined }, 'goals'],
      [
        'a project list that is not a list',
        { ongoing_projects: { name: 'x' } },
        'ongoing_projects',
      ],
      [
        '51 projects',
        { ongoing_projects: Array.from({ length: 51 }, (_, i) => ({ name: `p${i}` })) },
        'ongoing_projects',
      ],
      ['an empty project name', { ongoing_projects: [{ name: '' }] }, 'ongoing_projects.0.name'],
      [
        'a project name over 100 characters',
        { ongoing_projects: [{ name: 'x'.repeat(101) }] },
        'ongoing_projects.0.name',
      ],
      [
        'a description over 500 characters',
        { ongoing_projects: [{ name: 'a', description: 'x'.repeat(501) }] },
        'ongoing_projects.0.description',
      ],
      [
        'an unknown project status',
        { ongoing_projects: [{ name: 'a', status: 'archived' }] },
        'ongoing_projects.0.status',
      ],
      [
        '21 tags',
        { ongoing_projects: [{ name: 'a', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }] },
        'ongoing_projects.0.tags',
      ],
      [
        'a tag over 50 characters',
        { ongoing_projects: [{ name: 'a', tags: ['x'.repeat(51)] }] },
        'ongoing_projects.0.tags',
      ],
      [
        'two projects with the same name in different case',
        { ongoing_projects: [{ name: 'Garden' }, { name: 'GARDEN' }] },
        'ongoing_projects',
        'ongoing_projects must not contain two projects with the same name (names are compared ignoring case)',
      ],
      [
        'an invalid HH:MM focus time',
        { work_patterns: { focus_hours: [{ start: '09:00', end: '24:00' }] } },
        'work_patterns.focus_hours.0.end',
        'end must be a 24-hour time "HH:MM" (00:00 to 23:59)',
      ],
      [
        'an empty focus window',
        { work_patterns: { focus_hours: [{ start: '09:00', end: '09:00' }] } },
        'work_patterns.focus_hours.0.end',
      ],
      [
        '11 focus windows',
        {
          work_patterns: {
            focus_hours: Array.from({ length: 11 }, () => ({ start: '09:00', end: '10:00' })),
          },
        },
        'work_patterns.focus_hours',
      ],
      [
        'an unknown energy peak',
        { work_patterns: { energy_peaks: ['dawn'] } },
        'work_patterns.energy_peaks',
      ],
      [
        'notes over 1000 characters',
        { work_patterns: { notes: 'x'.repeat(1001) } },
        'work_patterns.notes',
      ],
      ['work patterns that are a string', { work_patterns: 'busy' }, 'work_patterns'],
      ['51 goals', { goals: Array.from({ length: 51 }, (_, i) => ({ title: `g${i}` })) }, 'goals'],
      ['a goal without a title', { goals: [{ horizon: 'week' }] }, 'goals.0.title'],
      [
        'a goal title over 200 characters',
        { goals: [{ title: 'x'.repeat(201) }] },
        'goals.0.title',
      ],
      ['an unknown horizon', { goals: [{ title: 'a', horizon: 'decade' }] }, 'goals.0.horizon'],
      [
        'a target date that is not a real date',
        { goals: [{ title: 'a', target_date: '2026-02-29' }] },
        'goals.0.target_date',
        'target_date must be a real calendar date "YYYY-MM-DD"',
      ],
      [
        'a target date-time',
        { goals: [{ title: 'a', target_date: '2026-03-01T00:00:00Z' }] },
        'goals.0.target_date',
      ],
      [
        'a malformed language',
        { preferences: { language: 'English (UK)' } },
        'preferences.language',
      ],
      [
        'a language over 35 characters',
        { preferences: { language: `en-${'abcdefgh-'.repeat(4)}` } },
        'preferences.language',
      ],
      [
        'a date format over 20 characters',
        { preferences: { date_format: 'x'.repeat(21) } },
        'preferences.date_format',
      ],
      [
        'an unknown week start',
        { preferences: { week_starts_on: 'saturday' } },
        'preferences.week_starts_on',
      ],
      [
        'an invalid time zone',
        { timezone: 'Mars/Olympus_Mons' },
        'timezone',
        'timezone must be an IANA time zone such as "Europe/Berlin" or "UTC"',
      ],
      ['an offset instead of a time zone', { timezone: '+02:00' }, 'timezone'],
      ['a time zone that is not a string', { timezone: 2 }, 'timezone'],
      ['an unknown top-level field', { mood: 'great' }, 'mood', 'unknown field "mood"'],
      [
        'an unknown project field',
        { ongoing_projects: [{ name: 'a', owner: 'me' }] },
        'ongoing_projects.0.owner',
        'unknown field "owner"',
      ],
      [
        'an unknown field inside a focus window',
        { work_patterns: { focus_hours: [{ start: '09:00', end: '10:00', days: ['mon'] }] } },
        'work_patterns.focus_hours.0.days',
        'unknown field "days"',
      ],
      ['an unknown goal field', { goals: [{ title: 'a', priority: 1 }] }, 'goals.0.priority'],
      [
        'an unknown preference',
        { preferences: { theme: 'dark' } },
        'preferences.theme',
        'unknown field "theme"',
      ],
      [
        'a NUL in a project name',
        { ongoing_projects: [{ name: 'bad\u0000name' }] },
        'ongoing_projects.0.name',
        'name must not contain NUL characters',
      ],
      [
        'a NUL in a tag',
        { ongoing_projects: [{ name: 'a', tags: ['\u0000'] }] },
        'ongoing_projects.0.tags',
      ],
      ['a NUL in the notes', { work_patterns: { notes: 'a\u0000' } }, 'work_patterns.notes'],
      ['a NUL in a goal title', { goals: [{ title: '\u0000' }] }, 'goals.0.title'],
      [
        'a NUL in the date format',
        { preferences: { date_format: 'DD\u0000MM' } },
        'preferences.date_format',
      ],
      ['a NUL in the time zone', { timezone: 'UTC\u0000' }, 'timezone'],
    ];

    // Objects, not rows: jest passes `done` in place of a row's missing last element.
    const table = cases.map(([name, change, field, message]) => ({ name, change, field, message }));

    it.each(table)('400s $name, naming the field', async ({ change, field, message }) => {
      const response = await put(user, { ...FULL, ...change });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errorShape);
      const fields = response.body.details.map((detail: { field: string }) => detail.field);
      expect(fields).toContain(field);
      if (message) expect(response.body.details).toContainEqual({ field, message });
    });

    it('400s a body that is not an object', async () => {
      const response = await testApp
        .http()
        .put(PATH)
        .set(bearer(user.key))
        .set('Content-Type', 'application/json')
        .send('[]');
      expect(response.status).toBe(400);
      expect(response.body.status_code).toBe(400);
    });

    it('left the saved profile untouched through every rejected PUT', async () => {
      const response = await get(user);
      expect(response.body).toMatchObject(FULL);
    });
  });

  describe('isolation', () => {
    it("never shows one user's profile to another", async () => {
      const ann = await createUser(testApp, 'Ann');
      const bob = await createUser(testApp, 'Bob');
      expect((await put(ann, FULL)).status).toBe(200);

      const bobView = await get(bob);
      expect(bobView.body).toMatchObject(EMPTY);

      const bobProfile = { ...EMPTY, goals: [{ title: "Bob's goal" }], timezone: 'Asia/Tokyo' };
      expect((await put(bob, bobProfile)).status).toBe(200);
      expect((await get(ann)).body).toMatchObject(FULL);
      expect((await get(bob)).body).toMatchObject(bobProfile);
    });
  });

  describe('ProfilesService.getForUser', () => {
    it('returns a plain typed object, not the entity', async () => {
      const user = await createUser(testApp);
      const service = testApp.app.get(ProfilesService);
      const defaults = await service.getForUser(user.userId);
      expect(Object.getPrototypeOf(defaults)).toBe(Object.prototype);
      expect(defaults).toEqual({
        userId: user.userId,
        ongoingProjects: [],
        workPatterns: {},
        goals: [],
        preferences: {},
        timezone: 'UTC',
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
      });
      expect(defaults).not.toHaveProperty('id');

      await put(user, FULL);
      const saved = await service.getForUser(user.userId);
      expect(saved).toMatchObject({
        ongoingProjects: FULL.ongoing_projects,
        workPatterns: FULL.work_patterns,
        goals: FULL.goals,
        preferences: FULL.preferences,
        timezone: 'Europe/Berlin',
      });
    });
  });
});
