import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('tasks', () => {
  let testApp: TestApp;
  let user: CreatedUser;
  let stranger: CreatedUser;
  const as = (who: CreatedUser) => ({
    post: (path: string, body: object = {}) =>
      testApp.http().post(path).set(bearer(who.key)).send(body),
    get: (path: string, query: Record<string, unknown> = {}) =>
      testApp.http().get(path).set(bearer(who.key)).query(query),
    patch: (path: string, body: object) =>
      testApp.http().patch(path).set(bearer(who.key)).send(body),
    delete: (path: string) => testApp.http().delete(path).set(bearer(who.key)),
  });
  const me = () => as(user);

  async function newTask(body: Record<string, unknown> = {}) {
    const response = await me().post('/api/v1/tasks', {
      title: `Task ${randomUUID().slice(0, 8)}`,
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    testApp = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    user = await createUser(testApp);
    stranger = await createUser(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('creates a task with every field, and reads it back', async () => {
    const thought = await captureThought(testApp, user.key, 'Renew the car insurance');
    const response = await me().post('/api/v1/tasks', {
      title: 'Renew car insurance',
      description: 'Compare two quotes first',
      priority: 'high',
      due_date: '2026-12-01',
      due_time: '09:30',
      source_thought_id: thought.id,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      title: 'Renew car insurance',
      description: 'Compare two quotes first',
      priority: 'high',
      status: 'pending',
      due_date: '2026-12-01',
      due_time: '09:30',
      source_thought_id: thought.id,
      source_suggestion_id: null,
      completed_at: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect((await me().get(`/api/v1/tasks/${response.body.id}`)).body).toEqual(response.body);
  });

  it('validates input', async () => {
    const cases: [object, string][] = [
      [{}, 'title'],
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 'ok', priority: 'asap' }, 'priority'],
      [
        { title: 'ok', due_date: '2026-02-30' },
        'due_date must be a real calendar date (YYYY-MM-DD)',
      ],
      [
        { title: 'ok', due_date: '03/04/2026' },
        'due_date must be a real calendar date (YYYY-MM-DD)',
      ],
      [{ title: 'ok', due_time: '17:00' }, 'due_time needs a due_date'],
      [{ title: 'ok', due_date: '2026-03-04', due_time: '25:00' }, 'due_time must be a time'],
      [{ title: 'ok', source_thought_id: 'nope' }, 'source_thought_id must be a UUID'],
      [{ title: 'ok', owner: 'me' }, 'unknown field "owner"'],
      [{ title: 'a\u0000b' }, 'NUL'],
    ];
    for (const [body, message] of cases) {
      const response = await me().post('/api/v1/tasks', body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.message).toContain(message);
    }
    const foreign = await captureThought(testApp, stranger.key, 'stranger thought');
    expect(
      (await me().post('/api/v1/tasks', { title: 'x', source_thought_id: foreign.id })).status,
    ).toBe(404);
  });

  it('moves through sensible statuses, sets completed_at on completion and clears it on re-opening', async () => {
    const task = await newTask();
    const path = `/api/v1/tasks/${task.id}`;
    const started = await me().patch(path, { status: 'in_progress' });
    expect(started.body).toMatchObject({ status: 'in_progress', completed_at: null });
    const done = await me().patch(path, { status: 'done' });
    expect(done.body.status).toBe('done');
    expect(done.body.completed_at).toEqual(expect.any(String));
    const again = await me().patch(path, { status: 'done', priority: 'low' });
    expect(again.body.completed_at).toBe(done.body.completed_at);
    const reopened = await me().patch(path, { status: 'pending' });
    expect(reopened.body).toMatchObject({ status: 'pending', completed_at: null });
    const doneAgain = await me().patch(path, { status: 'done' });
    const archived = await me().patch(path, { status: 'archived' });
    expect(archived.body).toMatchObject({
      status: 'archived',
      completed_at: doneAgain.body.completed_at,
    });
    expect((await me().patch(path, { status: 'pending' })).body.status).toBe('pending');
    expect((await me().patch(path, { status: 'cancelled' })).body.status).toBe('cancelled');
    expect((await me().patch(path, { status: 'pending' })).body.status).toBe('pending');
  });

  it('409s status changes that make no sense, with a clear message, and changes nothing', async () => {
    const nonsense: [string[], string][] = [
      [['cancelled'], 'done'],
      [['cancelled'], 'in_progress'],
      [['done'], 'cancelled'],
      [['archived'], 'done'],
      [['archived'], 'in_progress'],
      [['archived'], 'cancelled'],
    ];
    for (const [path, to] of nonsense) {
      const task = await newTask();
      for (const step of path)
        expect((await me().patch(`/api/v1/tasks/${task.id}`, { status: step })).status).toBe(200);
      const response = await me().patch(`/api/v1/tasks/${task.id}`, {
        status: to,
        title: 'changed',
      });
      expect({ from: path.at(-1), to, status: response.status }).toEqual({
        from: path.at(-1),
        to,
        status: 409,
      });
      expect(response.body.message).toMatch(/task cannot become/);
      expect((await me().get(`/api/v1/tasks/${task.id}`)).body).toMatchObject({
        status: path.at(-1),
        title: task.title,
      });
    }
  });

  it('edits fields; clearing the due date clears the time; refuses an empty edit', async () => {
    const task = await newTask({ due_date: '2026-05-01', due_time: '08:00' });
    const path = `/api/v1/tasks/${task.id}`;
    const edited = await me().patch(path, {
      title: 'Renamed',
      description: 'More',
      priority: 'urgent',
    });
    expect(edited.body).toMatchObject({
      title: 'Renamed',
      description: 'More',
      priority: 'urgent',
      due_time: '08:00',
    });
    const cleared = await me().patch(path, { due_date: null });
    expect(cleared.body).toMatchObject({ due_date: null, due_time: null });
    expect((await me().patch(path, { due_time: '10:00' })).status).toBe(400);
    expect((await me().patch(path, {})).status).toBe(400);
    expect((await me().patch(path, { status: 'finished' })).status).toBe(400);
  });

  it('lists with filters, three sort orders and keyset pages', async () => {
    const fresh = await createUser(testApp);
    const mine = as(fresh);
    const make = async (body: object) => {
      const response = await mine.post('/api/v1/tasks', body);
      expect(response.status).toBe(201);
      return response.body;
    };
    await make({ title: 'A', priority: 'low', due_date: '2026-01-10' });
    await make({ title: 'B', priority: 'urgent', due_date: '2026-01-05' });
    await make({ title: 'C', priority: 'medium' });
    await make({ title: 'D', priority: 'high', due_date: '2099-01-01' });
    const e = await make({ title: 'E', priority: 'urgent', due_date: '2026-01-07' });
    await mine.patch(`/api/v1/tasks/${e.id}`, { status: 'done' });

    const walk = async (query: Record<string, unknown>) => {
      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const response = await mine.get('/api/v1/tasks', {
          ...query,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        expect(response.status).toBe(200);
        titles.push(...response.body.items.map((task: { title: string }) => task.title));
        cursor = response.body.next_cursor ?? undefined;
      } while (cursor);
      return titles;
    };
    expect(await walk({})).toEqual(['E', 'D', 'C', 'B', 'A']);
    expect(await walk({ sort: 'due_date' })).toEqual(['B', 'E', 'A', 'D', 'C']);
    expect(await walk({ sort: 'priority' })).toEqual(['E', 'B', 'D', 'C', 'A']);
    expect(await walk({ status: 'pending' })).toEqual(['D', 'C', 'B', 'A']);
    expect(await walk({ status: 'done,cancelled' })).toEqual(['E']);
    expect(await walk({ priority: 'urgent,high', sort: 'priority' })).toEqual(['E', 'B', 'D']);
    expect(await walk({ due_before: '2026-01-07', sort: 'due_date' })).toEqual(['B', 'E']);
    expect(
      await walk({ due_after: '2026-01-07', due_before: '2026-12-31', sort: 'due_date' }),
    ).toEqual(['E', 'A']);
    // Overdue: open and due before today; E is done, D is in the future, C has no date.
    expect(await walk({ overdue: 'true', sort: 'due_date' })).toEqual(['B', 'A']);

    for (const bad of [
      { sort: 'random' },
      { status: 'pending,lost' },
      { overdue: 'yes' },
      { due_before: 'tomorrow' },
      { cursor: 'zzz' },
    ]) {
      expect((await mine.get('/api/v1/tasks', bad)).status).toBe(400);
    }
  });

  it('converts a thought to a task in one call, linked both ways', async () => {
    const thought = await captureThought(
      testApp,
      user.key,
      'Book the dentist appointment. She said March is best.',
    );
    expect(thought.is_actionable).toBe(false);
    const response = await me().post(`/api/v1/thoughts/${thought.id}/task`, {
      priority: 'high',
      due_date: '2026-03-02',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: 'Book the dentist appointment.',
      description: 'Book the dentist appointment. She said March is best.',
      priority: 'high',
      due_date: '2026-03-02',
      source_thought_id: thought.id,
    });
    const linked = await me().get('/api/v1/tasks', { source_thought_id: thought.id });
    expect(linked.body.items.map((task: { id: string }) => task.id)).toEqual([response.body.id]);
    expect((await me().get(`/api/v1/thoughts/${thought.id}`)).body.is_actionable).toBe(true);
    const titled = await me().post(`/api/v1/thoughts/${thought.id}/task`, { title: 'Dentist' });
    expect(titled.body.title).toBe('Dentist');
    expect((await me().post(`/api/v1/thoughts/${randomUUID()}/task`)).status).toBe(404);
  });

  it('converts a thought in one transaction: when flagging the thought fails, no task is left behind', async () => {
    const thought = await captureThought(testApp, user.key, 'Call the landlord about the heating');
    const db = testApp.app.get(DataSource);
    const trigger = `fail_flag_${thought.id.replaceAll('-', '')}`;
    // A real database failure on the second step, for this thought only.
    await db.query(
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'flag refused'; END $$`,
    );
    await db.query(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE ON thoughts FOR EACH ROW WHEN (OLD.id = '${thought.id}') EXECUTE FUNCTION ${trigger}()`,
    );
    try {
      const response = await me().post(`/api/v1/thoughts/${thought.id}/task`, {});
      expect(response.status).toBe(500);
      expect(response.body).toMatchObject({ status_code: 500, message: 'internal server error' });
    } finally {
      await db.query(`DROP TRIGGER ${trigger} ON thoughts`);
      await db.query(`DROP FUNCTION ${trigger}()`);
    }
    const linked = await me().get('/api/v1/tasks', { source_thought_id: thought.id });
    expect(linked.body.items).toEqual([]);
    expect((await me().get(`/api/v1/thoughts/${thought.id}`)).body.is_actionable).toBe(false);

    // Concurrent conversions of the same thought each make their task, and the thought ends actionable.
    const made = await Promise.all(
      Array.from({ length: 6 }, () => me().post(`/api/v1/thoughts/${thought.id}/task`, {})),
    );
    expect(made.map((response) => response.status)).toEqual(Array(6).fill(201));
    const tasks = await me().get('/api/v1/tasks', { source_thought_id: thought.id, limit: 50 });
    expect(tasks.body.items.map((task: { id: string }) => task.id).sort()).toEqual(
      made.map((response) => response.body.id).sort(),
    );
    expect((await me().get(`/api/v1/thoughts/${thought.id}`)).body.is_actionable).toBe(true);
  });

  it('deletes: 204, then 404; a deleted source thought leaves the task unlinked', async () => {
    const task = await newTask();
    expect((await me().delete(`/api/v1/tasks/${task.id}`)).status).toBe(204);
    expect((await me().get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await me().delete(`/api/v1/tasks/${task.id}`)).status).toBe(404);

    const thought = await captureThought(testApp, user.key, 'Thought that goes away');
    const linked = (await me().post(`/api/v1/thoughts/${thought.id}/task`)).body;
    expect((await me().delete(`/api/v1/thoughts/${thought.id}`)).status).toBe(204);
    expect((await me().get(`/api/v1/tasks/${linked.id}`)).body.source_thought_id).toBeNull();
  });

  it("404s every task route for another user's task, like a missing one", async () => {
    const task = await newTask();
    const thought = await captureThought(testApp, user.key, 'mine');
    for (const id of [task.id as string, randomUUID()]) {
      const them = as(stranger);
      for (const response of [
        await them.get(`/api/v1/tasks/${id}`),
        await them.patch(`/api/v1/tasks/${id}`, { title: 'hijack' }),
        await them.delete(`/api/v1/tasks/${id}`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.message).toBe('task not found');
      }
    }
    expect((await as(stranger).post(`/api/v1/thoughts/${thought.id}/task`)).status).toBe(404);
    expect(
      (await as(stranger).get('/api/v1/tasks', { source_thought_id: thought.id })).body.items,
    ).toEqual([]);
    expect((await me().get(`/api/v1/tasks/${task.id}`)).body.title).toBe(task.title);
  });
});
