import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  SuggestionsService,
  type OfferOptions,
} from '../../src/suggestions/suggestions.service.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

describe('task suggestions', () => {
  let testApp: TestApp;
  let service: SuggestionsService;
  let user: CreatedUser;
  let stranger: CreatedUser;
  const suggest: OfferOptions = {
    sourceThoughtId: null,
    origin: 'analysis',
    backend: 'mock',
    model: 'mock-1',
    mode: 'suggest',
    threshold: 0.85,
  };
  const api = (who: CreatedUser) => ({
    get: (path: string, query: Record<string, unknown> = {}) =>
      testApp.http().get(path).set(bearer(who.key)).query(query),
    post: (path: string, body?: object) => {
      const request = testApp.http().post(path).set(bearer(who.key));
      return body === undefined ? request : request.send(body);
    },
  });

  /** A thought with one pending suggestion, as the pipeline would leave it. */
  async function thoughtWithSuggestion(
    title = 'Call mom about the tax forms',
    confidence = 0.8,
    who = user,
  ) {
    const thought = await captureThought(testApp, who.key, `${title} tomorrow at 5pm`);
    const result = await service.offer(
      who.userId,
      [
        {
          title,
          priority: 'high',
          dueDate: '2026-03-05',
          dueTime: '17:00',
          confidence,
          evidence: `${title} tomorrow at 5pm`.toLowerCase(),
        },
      ],
      { ...suggest, sourceThoughtId: thought.id },
    );
    expect(result.offered).toHaveLength(1);
    return { thought, suggestion: result.offered[0]!.suggestion };
  }

  beforeAll(async () => {
    testApp = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    service = testApp.app.get(SuggestionsService);
    user = await createUser(testApp);
    stranger = await createUser(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('lists pending suggestions newest first with confidence, evidence, backend and model', async () => {
    const fresh = await createUser(testApp);
    const first = await thoughtWithSuggestion('Renew passport', 0.7, fresh);
    const second = await thoughtWithSuggestion('Book flights', 0.9, fresh);
    const response = await api(fresh).get('/api/v1/task-suggestions');
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([
      second.suggestion.id,
      first.suggestion.id,
    ]);
    expect(response.body.items[0]).toEqual({
      id: second.suggestion.id,
      source_thought_id: second.thought.id,
      title: 'Book flights',
      description: null,
      priority: 'high',
      due_date: '2026-03-05',
      due_time: '17:00',
      confidence: 0.9,
      evidence: 'book flights tomorrow at 5pm',
      status: 'pending',
      origin: 'analysis',
      backend: 'mock',
      model: 'mock-1',
      task_id: null,
      reject_reason: null,
      decided_at: null,
      created_at: expect.any(String),
    });
    const paged = await api(fresh).get('/api/v1/task-suggestions', { limit: 1 });
    expect(paged.body.items).toHaveLength(1);
    const next = await api(fresh).get('/api/v1/task-suggestions', {
      limit: 1,
      cursor: paged.body.next_cursor,
    });
    expect(next.body.items[0].id).toBe(first.suggestion.id);
    expect(next.body.next_cursor).toBeNull();
    expect(
      (await api(fresh).get(`/api/v1/task-suggestions/${first.suggestion.id}`)).body.title,
    ).toBe('Renew passport');
    expect(
      (await api(fresh).get('/api/v1/task-suggestions', { source_thought_id: first.thought.id }))
        .body.items,
    ).toHaveLength(1);
    expect((await api(fresh).get('/api/v1/task-suggestions', { status: 'weird' })).status).toBe(
      400,
    );
  });

  it('accepts with changes: 201 and the task, linked to suggestion and thought', async () => {
    const { thought, suggestion } = await thoughtWithSuggestion();
    const response = await api(user).post(`/api/v1/task-suggestions/${suggestion.id}/accept`, {
      title: 'Call mom (taxes)',
      priority: 'urgent',
      due_date: '2026-03-06',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: 'Call mom (taxes)',
      priority: 'urgent',
      due_date: '2026-03-06',
      // A new date without a new time drops the old time: 17:00 belonged to the old day.
      due_time: null,
      status: 'pending',
      source_thought_id: thought.id,
      source_suggestion_id: suggestion.id,
    });
    const after = await api(user).get(`/api/v1/task-suggestions/${suggestion.id}`);
    expect(after.body).toMatchObject({
      status: 'accepted',
      task_id: response.body.id,
      decided_at: expect.any(String),
    });
    expect((await api(user).get(`/api/v1/tasks/${response.body.id}`)).status).toBe(200);
  });

  it('accepts without a body, keeping the suggested fields', async () => {
    const { suggestion } = await thoughtWithSuggestion('Water plants');
    const response = await api(user).post(`/api/v1/task-suggestions/${suggestion.id}/accept`);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: 'Water plants',
      priority: 'high',
      due_date: '2026-03-05',
      due_time: '17:00',
    });
  });

  it('409s accepting twice, accepting a rejected one, and rejecting an accepted one', async () => {
    const accepted = (await thoughtWithSuggestion('Pay rent')).suggestion;
    expect((await api(user).post(`/api/v1/task-suggestions/${accepted.id}/accept`)).status).toBe(
      201,
    );
    const twice = await api(user).post(`/api/v1/task-suggestions/${accepted.id}/accept`);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('this suggestion was already accepted');
    expect((await api(user).post(`/api/v1/task-suggestions/${accepted.id}/reject`)).status).toBe(
      409,
    );

    const rejected = (await thoughtWithSuggestion('Clean garage')).suggestion;
    const reject = await api(user).post(`/api/v1/task-suggestions/${rejected.id}/reject`, {
      reason: 'Not now',
    });
    expect(reject.status).toBe(200);
    expect(reject.body).toMatchObject({ status: 'rejected', reject_reason: 'Not now' });
    expect((await api(user).post(`/api/v1/task-suggestions/${rejected.id}/reject`)).status).toBe(
      200,
    );
    const late = await api(user).post(`/api/v1/task-suggestions/${rejected.id}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('this suggestion was already rejected');
    expect(
      (await api(user).get('/api/v1/tasks', { source_thought_id: rejected.sourceThoughtId })).body
        .items,
    ).toEqual([]);
  });

  it('creates exactly one task when 20 accepts of one suggestion race', async () => {
    const { thought, suggestion } = await thoughtWithSuggestion('Submit expense report');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api(user).post(`/api/v1/task-suggestions/${suggestion.id}/accept`),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const tasks = await api(user).get('/api/v1/tasks', { source_thought_id: thought.id });
    expect(tasks.body.items).toHaveLength(1);
  });

  it('never offers a duplicate, nor a rejected suggestion again for that thought', async () => {
    const { thought, suggestion } = await thoughtWithSuggestion('Email Sam the slides');
    const again = await service.offer(
      user.userId,
      [
        { title: 'email sam the slides!', priority: 'medium', confidence: 0.9 },
        { title: '  Email   Sam, the slides ', priority: 'low', confidence: 0.5 },
      ],
      { ...suggest, sourceThoughtId: thought.id },
    );
    expect(again).toMatchObject({ offered: [], duplicates: 2 });

    await api(user).post(`/api/v1/task-suggestions/${suggestion.id}/reject`);
    const afterReject = await service.offer(
      user.userId,
      [{ title: 'Email Sam the slides', priority: 'medium', confidence: 0.99 }],
      {
        ...suggest,
        sourceThoughtId: thought.id,
      },
    );
    expect(afterReject.offered).toHaveLength(0);
    // Another thought may still get the same title.
    const other = await captureThought(testApp, user.key, 'Email Sam the slides again next week');
    const elsewhere = await service.offer(
      user.userId,
      [{ title: 'Email Sam the slides', priority: 'medium', confidence: 0.6 }],
      {
        ...suggest,
        sourceThoughtId: other.id,
      },
    );
    expect(elsewhere.offered).toHaveLength(1);
  });

  it("follows the user's mode: off offers nothing, auto turns confident ones into tasks at once", async () => {
    const thought = await captureThought(testApp, user.key, 'Buy milk and maybe repaint the fence');
    const off = await service.offer(
      user.userId,
      [{ title: 'Buy milk', priority: 'medium', confidence: 0.99 }],
      {
        ...suggest,
        sourceThoughtId: thought.id,
        mode: 'off',
      },
    );
    expect(off.offered).toHaveLength(0);
    const auto = await service.offer(
      user.userId,
      [
        { title: 'Buy milk', priority: 'medium', confidence: 0.95 },
        { title: 'Repaint the fence', priority: 'low', confidence: 0.4 },
      ],
      { ...suggest, sourceThoughtId: thought.id, mode: 'auto', threshold: 0.85 },
    );
    expect(auto.autoAccepted.map((task) => task.title)).toEqual(['Buy milk']);
    const statuses = auto.offered.map((row) => [row.suggestion.title, row.suggestion.status]);
    expect(statuses).toEqual([
      ['Buy milk', 'accepted'],
      ['Repaint the fence', 'pending'],
    ]);
    const tasks = await api(user).get('/api/v1/tasks', { source_thought_id: thought.id });
    expect(tasks.body.items.map((task: { title: string }) => task.title)).toEqual(['Buy milk']);
  });

  it("expires suggestions nobody acted on for 90 days (soft delete), by the daily job's logic with a controlled clock", async () => {
    const fresh = await createUser(testApp);
    const old = await thoughtWithSuggestion('Old idea to act on', 0.7, fresh);
    const recent = await thoughtWithSuggestion('Recent idea to act on', 0.7, fresh);
    const decided = await thoughtWithSuggestion('Decided long ago', 0.7, fresh);
    await api(fresh).post(`/api/v1/task-suggestions/${decided.suggestion.id}/reject`);
    // Age two of them: the clock is the rows' created_at plus the "now" the job is given.
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      await db.query(
        `UPDATE task_suggestions SET created_at = now() - interval '100 days' WHERE id = ANY($1)`,
        [[old.suggestion.id, decided.suggestion.id]],
      );
      await db.query(
        `UPDATE task_suggestions SET created_at = now() - interval '89 days' WHERE id = $1`,
        [recent.suggestion.id],
      );
    } finally {
      await db.end();
    }
    expect(await service.expireStale(new Date())).toBeGreaterThanOrEqual(1);
    const state = async (id: string) =>
      (await api(fresh).get(`/api/v1/task-suggestions/${id}`)).body.status;
    expect(await state(old.suggestion.id)).toBe('expired');
    expect(await state(recent.suggestion.id)).toBe('pending');
    expect(await state(decided.suggestion.id)).toBe('rejected');
    // Two days later by the job's clock, the 89-day-old one crosses the line too.
    await service.expireStale(new Date(Date.now() + 2 * DAY));
    expect(await state(recent.suggestion.id)).toBe('expired');
    expect(
      (await api(fresh).post(`/api/v1/task-suggestions/${recent.suggestion.id}/accept`)).status,
    ).toBe(409);
    expect((await api(fresh).get('/api/v1/task-suggestions')).body.items).toEqual([]);
    expect(
      (await api(fresh).get('/api/v1/task-suggestions', { status: 'expired' })).body.items,
    ).toHaveLength(2);
  });

  it("404s every suggestion route for another user's suggestion, like a missing one", async () => {
    const { suggestion } = await thoughtWithSuggestion('Private errand');
    for (const id of [suggestion.id, randomUUID()]) {
      for (const response of [
        await api(stranger).get(`/api/v1/task-suggestions/${id}`),
        await api(stranger).post(`/api/v1/task-suggestions/${id}/accept`),
        await api(stranger).post(`/api/v1/task-suggestions/${id}/reject`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.message).toBe('task suggestion not found');
      }
    }
    expect(
      (await api(stranger).get('/api/v1/task-suggestions', { status: 'all' })).body.items,
    ).toEqual([]);
    expect((await api(user).get(`/api/v1/task-suggestions/${suggestion.id}`)).body.status).toBe(
      'pending',
    );
    expect((await api(user).get('/api/v1/task-suggestions/not-a-uuid')).status).toBe(400);
  });
});
