import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  bearer,
  captureThought,
  createKey,
  createUser,
  type CreatedUser,
} from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Another user's thought is a 404 on every route: no existence oracle, no leak. */
describe('thoughts are scoped to their owner', () => {
  let testApp: TestApp;
  let owner: CreatedUser;
  let stranger: CreatedUser;
  let thought: Record<string, any>;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await createUser(testApp);
    stranger = await createUser(testApp);
    thought = await captureThought(testApp, owner.key, {
      content: 'Owner only: surprise party for Alex',
      tags: ['secret'],
    });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers 404 to a stranger on every thought route, exactly as for an id that does not exist', async () => {
    for (const id of [thought.id as string, randomUUID()]) {
      const key = bearer(stranger.key);
      const responses = [
        await testApp.http().get(`/api/v1/thoughts/${id}`).set(key),
        await testApp.http().patch(`/api/v1/thoughts/${id}`).set(key).send({ content: 'hijacked' }),
        await testApp.http().delete(`/api/v1/thoughts/${id}`).set(key),
        await testApp.http().get(`/api/v1/thoughts/${id}/related`).set(key),
      ];
      for (const response of responses) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({
          status_code: 404,
          error: 'Not Found',
          message: 'thought not found',
        });
      }
    }
    const still = await testApp.http().get(`/api/v1/thoughts/${thought.id}`).set(bearer(owner.key));
    expect(still.status).toBe(200);
    expect(still.body.content).toBe('Owner only: surprise party for Alex');
  });

  it("never lists, searches or counts another user's thoughts", async () => {
    const key = bearer(stranger.key);
    expect((await testApp.http().get('/api/v1/thoughts').set(key)).body.items).toEqual([]);
    expect(
      (await testApp.http().get('/api/v1/thoughts').set(key).query({ q: 'surprise party' })).body
        .items,
    ).toEqual([]);
    expect(
      (await testApp.http().get('/api/v1/thoughts').set(key).query({ q: '%' })).body.items,
    ).toEqual([]);
    expect(
      (await testApp.http().get('/api/v1/thoughts').set(key).query({ tag: 'secret' })).body.items,
    ).toEqual([]);
    expect((await testApp.http().get('/api/v1/tags').set(key)).body.items).toEqual([]);
    // An idempotency key the owner used is free for the stranger: a new thought, not the owner's.
    const idempotencyKey = `party-${Date.now()}`;
    const owners = await testApp
      .http()
      .post('/api/v1/thoughts')
      .set(bearer(owner.key))
      .set('Idempotency-Key', idempotencyKey)
      .send({ content: 'Owner: book the party venue' });
    expect(owners.status).toBe(201);
    const mine = await testApp
      .http()
      .post('/api/v1/thoughts')
      .set(key)
      .set('Idempotency-Key', idempotencyKey)
      .send({ content: 'Stranger thought about a party' });
    expect(mine.status).toBe(201);
    expect(mine.body.id).not.toBe(owners.body.id);
    expect(mine.body.content).toBe('Stranger thought about a party');
    const replay = await testApp
      .http()
      .post('/api/v1/thoughts')
      .set(key)
      .set('Idempotency-Key', idempotencyKey)
      .send({ content: 'Stranger thought about a party' });
    expect(replay.body.id).toBe(mine.body.id);
    const related = await testApp.http().get(`/api/v1/thoughts/${mine.body.id}/related`).set(key);
    expect(related.body.items).toEqual([]);
  });

  it("keeps a user whose id starts like the owner's out of the owner's words and tags", async () => {
    // The per-user words and tags indexes key entries by the first 8 characters of the user's
    // id: a lookalike shares the owner's keys, and only the user condition tells them apart.
    const lookalikeId = `${owner.userId.slice(0, 8)}${randomUUID().slice(8)}`;
    await testApp.app
      .get(DataSource)
      .query(`INSERT INTO users (id, name, email) VALUES ($1, 'Lookalike', $2)`, [
        lookalikeId,
        `lookalike-${lookalikeId}@example.test`,
      ]);
    const lookalikeKey = (await createKey(testApp, lookalikeId)).key;
    const lookalike = bearer(lookalikeKey);
    const theirs = await captureThought(testApp, lookalikeKey, {
      content: 'Lookalike: surprise party for Sam',
      tags: ['secret'],
    });
    const ids = async (key: ReturnType<typeof bearer>, query: Record<string, string>) =>
      (
        (await testApp.http().get('/api/v1/thoughts').set(key).query(query)).body.items as {
          id: string;
        }[]
      ).map((item) => item.id);
    expect(await ids(lookalike, { tag: 'secret' })).toEqual([theirs.id]);
    expect(await ids(lookalike, { q: 'surprise party' })).toEqual([theirs.id]);
    expect(await ids(bearer(owner.key), { tag: 'secret' })).toEqual([thought.id]);
    expect(await ids(bearer(owner.key), { q: 'surprise party', tag: 'secret' })).toEqual([
      thought.id,
    ]);
    const related = await testApp
      .http()
      .get(`/api/v1/thoughts/${theirs.id}/related`)
      .set(lookalike);
    expect(related.status).toBe(200);
    expect(related.body.items).toEqual([]);
  });

  it('400s a malformed id before looking anything up', async () => {
    const response = await testApp.http().get('/api/v1/thoughts/not-a-uuid').set(bearer(owner.key));
    expect(response.status).toBe(400);
  });
});
