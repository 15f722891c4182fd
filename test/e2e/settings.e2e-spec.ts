import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SettingsService } from '../../src/settings/settings.service.js';
import { bearer, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PATH = '/api/v1/settings';

const DEFAULTS = {
  auto_tagging_enabled: true,
  auto_task_creation_enabled: false,
  task_suggestion_mode: 'suggest',
  auto_task_confidence_threshold: 0.85,
  ai_backend: 'auto',
  consciousness_check_interval_minutes: 60,
  quiet_hours: null,
};

const FULL = {
  auto_tagging_enabled: false,
  auto_task_creation_enabled: true,
  task_suggestion_mode: 'auto',
  auto_task_confidence_threshold: 0.7,
  ai_backend: 'ollama',
  consciousness_check_interval_minutes: 240,
  quiet_hours: { start: '22:00', end: '07:00' },
};

const errorShape = {
  status_code: 400,
  error: 'Bad Request',
  message: expect.any(String),
  details: expect.any(Array),
  request_id: expect.any(String),
};

describe('settings API', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const get = (user: CreatedUser) => testApp.http().get(PATH).set(bearer(user.key));
  const patch = (user: CreatedUser, body: unknown) =>
    testApp
      .http()
      .patch(PATH)
      .set(bearer(user.key))
      .send(body as object);

  describe('authentication', () => {
    it('401s GET and PATCH without a key or with an unknown one', async () => {
      const responses = [
        await testApp.http().get(PATH),
        await testApp.http().patch(PATH).send({ ai_backend: 'local' }),
        await testApp.http().get(PATH).set('Authorization', 'Basic abc'),
        await testApp
          .http()
          .patch(PATH)
          .set(bearer(`pai_${'q'.repeat(32)}`))
          .send({ ai_backend: 'local' }),
      ];
      for (const response of responses) {
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ status_code: 401, error: 'Unauthorized' });
      }
    });
  });

  describe('GET', () => {
    it('returns the defaults for a new user', async () => {
      const user = await createUser(testApp);
      const response = await get(user);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...DEFAULTS,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(response.body).not.toHaveProperty('id');
      expect(response.body).not.toHaveProperty('user_id');
    });

    it('survives concurrent first requests', async () => {
      const user = await createUser(testApp);
      const responses = await Promise.all(Array.from({ length: 8 }, () => get(user)));
      expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
      expect(new Set(responses.map((response) => response.body.created_at)).size).toBe(1);
    });
  });

  describe('PATCH', () => {
    it('round-trips every field at once', async () => {
      const user = await createUser(testApp);
      const response = await patch(user, FULL);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...FULL,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect((await get(user)).body).toEqual(response.body);
    });

    it('works as the very first request', async () => {
      const user = await createUser(testApp);
      const response = await patch(user, { consciousness_check_interval_minutes: 30 });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        ...DEFAULTS,
        consciousness_check_interval_minutes: 30,
      });
    });

    it('changes only the fields sent', async () => {
      const user = await createUser(testApp);
      expect((await patch(user, FULL)).status).toBe(200);
      const response = await patch(user, { ai_backend: 'claude' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ...FULL, ai_backend: 'claude' });
      const again = await patch(user, {
        auto_task_confidence_threshold: 1,
        auto_tagging_enabled: true,
      });
      expect(again.body).toMatchObject({
        ...FULL,
        ai_backend: 'claude',
        auto_task_confidence_threshold: 1,
        auto_tagging_enabled: true,
      });
      expect((await get(user)).body).toEqual(again.body);
    });

    it('accepts the bounds exactly', async () => {
      const user = await createUser(testApp);
      for (const body of [
        { consciousness_check_interval_minutes: 30, auto_task_confidence_threshold: 0 },
        { consciousness_check_interval_minutes: 1440, auto_task_confidence_threshold: 1 },
      ]) {
        const response = await patch(user, body);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject(body);
      }
    });

    it('sets quiet hours (also wrapping midnight) and clears them with null', async () => {
      const user = await createUser(testApp);
      const set = await patch(user, {
        quiet_hours: { start: '23:30', end: '06:15' },
        ai_backend: 'local',
      });
      expect(set.status).toBe(200);
      expect(set.body.quiet_hours).toEqual({ start: '23:30', end: '06:15' });

      const daytime = await patch(user, { quiet_hours: { start: '12:00', end: '13:00' } });
      expect(daytime.body.quiet_hours).toEqual({ start: '12:00', end: '13:00' });

      const cleared = await patch(user, { quiet_hours: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.quiet_hours).toBeNull();
      expect(cleared.body.ai_backend).toBe('local');
      expect((await get(user)).body.quiet_hours).toBeNull();
    });

    it("turns auto task creation on when the mode becomes 'auto'", async () => {
      const user = await createUser(testApp);
      const response = await patch(user, { task_suggestion_mode: 'auto' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        task_suggestion_mode: 'auto',
        auto_task_creation_enabled: true,
      });
    });

    it("moves the mode from 'auto' to 'suggest' when auto task creation is turned off", async () => {
      const user = await createUser(testApp);
      await patch(user, { task_suggestion_mode: 'auto' });
      const response = await patch(user, { auto_task_creation_enabled: false });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        task_suggestion_mode: 'suggest',
        auto_task_creation_enabled: false,
      });
    });

    it('leaves the mode alone when auto task creation is turned off outside auto mode', async () => {
      const user = await createUser(testApp);
      await patch(user, { task_suggestion_mode: 'off', auto_task_creation_enabled: true });
      const response = await patch(user, { auto_task_creation_enabled: false });
      expect(response.body).toMatchObject({
        task_suggestion_mode: 'off',
        auto_task_creation_enabled: false,
      });
    });

    it("400s 'auto' together with auto task creation off, and changes nothing", async () => {
      const user = await createUser(testApp);
      const response = await patch(user, {
        task_suggestion_mode: 'auto',
        auto_task_creation_enabled: false,
        ai_backend: 'local',
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errorShape);
      expect(response.body.details[0].field).toBe('auto_task_creation_enabled');
      expect((await get(user)).body).toMatchObject(DEFAULTS);
    });

    it('keeps updated_at when nothing actually changes', async () => {
      const user = await createUser(testApp);
      const first = await patch(user, { ai_backend: 'claude' });
      const same = await patch(user, { ai_backend: 'claude' });
      expect(same.status).toBe(200);
      expect(same.body).toEqual(first.body);
    });

    it('applies concurrent PATCHes of different fields without losing one', async () => {
      const user = await createUser(testApp);
      const responses = await Promise.all([
        patch(user, { ai_backend: 'ollama' }),
        patch(user, { consciousness_check_interval_minutes: 90 }),
        patch(user, { quiet_hours: { start: '21:00', end: '06:00' } }),
        patch(user, { auto_tagging_enabled: false }),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      expect((await get(user)).body).toMatchObject({
        ai_backend: 'ollama',
        consciousness_check_interval_minutes: 90,
        quiet_hours: { start: '21:00', end: '06:00' },
        auto_tagging_enabled: false,
      });
    });
  });

  describe('PATCH validation', () => {
    let user: CreatedUser;

    beforeAll(async () => {
      user = await createUser(testApp);
      expect((await patch(user, FULL)).status).toBe(200);
    });

    it('400s an empty body with "no settings to change"', async () => {
      const response = await patch(user, {});
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        status_code: 400,
        error: 'Bad Request',
        message: 'no settings to change',
        request_id: expect.any(String),
      });
    });

    const cases: {
      name: string;
      body: Record<string, unknown>;
      field: string;
      message?: string;
    }[] = [
      {
        name: 'an interval under 30 minutes',
        body: { consciousness_check_interval_minutes: 29 },
        field: 'consciousness_check_interval_minutes',
        message: 'consciousness_check_interval_minutes must not be less than 30',
      },
      {
        name: 'an interval over a day',
        body: { consciousness_check_interval_minutes: 1441 },
        field: 'consciousness_check_interval_minutes',
        message: 'consciousness_check_interval_minutes must not be greater than 1440',
      },
      {
        name: 'a fractional interval',
        body: { consciousness_check_interval_minutes: 45.5 },
        field: 'consciousness_check_interval_minutes',
      },
      {
        name: 'a negative threshold',
        body: { auto_task_confidence_threshold: -0.1 },
        field: 'auto_task_confidence_threshold',
        message: 'auto_task_confidence_threshold must not be less than 0',
      },
      {
        name: 'a threshold over 1',
        body: { auto_task_confidence_threshold: 1.5 },
        field: 'auto_task_confidence_threshold',
        message: 'auto_task_confidence_threshold must not be greater than 1',
      },
      {
        name: 'a threshold as a string',
        body: { auto_task_confidence_threshold: '0.9' },
        field: 'auto_task_confidence_threshold',
      },
      {
        name: 'an unknown mode',
        body: { task_suggestion_mode: 'always' },
        field: 'task_suggestion_mode',
      },
      { name: 'an unknown backend', body: { ai_backend: 'gpt' }, field: 'ai_backend' },
      { name: 'the server-only mock backend', body: { ai_backend: 'mock' }, field: 'ai_backend' },
      {
        name: 'a string for a boolean',
        body: { auto_tagging_enabled: 'true' },
        field: 'auto_tagging_enabled',
      },
      {
        name: 'null for a boolean',
        body: { auto_task_creation_enabled: null },
        field: 'auto_task_creation_enabled',
      },
      {
        name: 'null for the mode',
        body: { task_suggestion_mode: null },
        field: 'task_suggestion_mode',
      },
      {
        name: 'null for the interval',
        body: { consciousness_check_interval_minutes: null },
        field: 'consciousness_check_interval_minutes',
      },
      {
        name: 'an invalid HH:MM start',
        body: { quiet_hours: { start: '7:00', end: '08:00' } },
        field: 'quiet_hours.start',
        message: 'start must be a 24-hour time "HH:MM" (00:00 to 23:59)',
      },
      {
        name: 'an hour of 24',
        body: { quiet_hours: { start: '22:00', end: '24:00' } },
        field: 'quiet_hours.end',
      },
      {
        name: 'an empty quiet window',
        body: { quiet_hours: { start: '22:00', end: '22:00' } },
        field: 'quiet_hours.end',
        message: 'end must differ from start',
      },
      {
        name: 'quiet hours without an end',
        body: { quiet_hours: { start: '22:00' } },
        field: 'quiet_hours.end',
      },
      {
        name: 'quiet hours as a string',
        body: { quiet_hours: '22:00-07:00' },
        field: 'quiet_hours',
      },
      {
        name: 'an unknown field inside quiet_hours',
        body: { quiet_hours: { start: '22:00', end: '07:00', timezone: 'UTC' } },
        field: 'quiet_hours.timezone',
        message: 'unknown field "timezone"',
      },
      {
        name: 'an unknown top-level field',
        body: { theme: 'dark' },
        field: 'theme',
        message: 'unknown field "theme"',
      },
      {
        name: 'a NUL inside quiet_hours',
        body: { quiet_hours: { start: '22:00\u0000', end: '07:00' } },
        field: 'quiet_hours.start',
      },
      {
        name: 'a NUL in the mode',
        body: { task_suggestion_mode: 'auto\u0000' },
        field: 'task_suggestion_mode',
      },
    ];

    it.each(cases)('400s $name, naming the field', async ({ body, field, message }) => {
      const response = await patch(user, body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errorShape);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(
        field,
      );
      if (message) expect(response.body.details).toContainEqual({ field, message });
    });

    it('left the settings untouched through every rejected PATCH', async () => {
      expect((await get(user)).body).toMatchObject(FULL);
    });
  });

  describe('isolation', () => {
    it("never applies or shows one user's settings to another", async () => {
      const ann = await createUser(testApp, 'Ann');
      const bob = await createUser(testApp, 'Bob');
      expect((await patch(ann, FULL)).status).toBe(200);
      expect((await get(bob)).body).toMatchObject(DEFAULTS);

      expect(
        (await patch(bob, { ai_backend: 'local', quiet_hours: { start: '01:00', end: '02:00' } }))
          .status,
      ).toBe(200);
      expect((await get(ann)).body).toMatchObject(FULL);
      expect((await get(bob)).body).toMatchObject({
        ...DEFAULTS,
        ai_backend: 'local',
        quiet_hours: { start: '01:00', end: '02:00' },
      });
    });
  });

  describe('SettingsService.getForUser', () => {
    it('returns a plain typed object, not the entity', async () => {
      const user = await createUser(testApp);
      const service = testApp.app.get(SettingsService);
      const settings = await service.getForUser(user.userId);
      expect(Object.getPrototypeOf(settings)).toBe(Object.prototype);
      expect(settings).toEqual({
        userId: user.userId,
        autoTaggingEnabled: true,
        autoTaskCreationEnabled: false,
        taskSuggestionMode: 'suggest',
        autoTaskConfidenceThreshold: 0.85,
        aiBackend: 'auto',
        consciousnessCheckIntervalMinutes: 60,
        quietHours: null,
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
      });
      await patch(user, FULL);
      expect(await service.getForUser(user.userId)).toMatchObject({
        taskSuggestionMode: 'auto',
        autoTaskCreationEnabled: true,
        autoTaskConfidenceThreshold: 0.7,
        quietHours: { start: '22:00', end: '07:00' },
      });
    });
  });
});
