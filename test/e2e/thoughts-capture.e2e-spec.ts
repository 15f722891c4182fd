import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createUser, type CreatedUser } from '../support/factories.js';
import { findKeyMaterial, startTestApp, type TestApp } from '../support/test-app.js';

describe('POST /api/v1/thoughts (capture)', () => {
  let testApp: TestApp;
  let user: CreatedUser;
  const post = () => testApp.http().post('/api/v1/thoughts').set(bearer(user.key));

  beforeAll(async () => {
    testApp = await startTestApp();
    user = await createUser(testApp);
  });

  afterAll(async () => {
    await testApp.close();
    expect(findKeyMaterial(testApp.logs, [user.key])).toEqual([]);
  });

  it('captures JSON: 201 with the thought, normalised tags, pending analysis and a Location', async () => {
    const response = await post().send({
      content: '  Call mom tomorrow at 5pm about the tax forms  ',
      tags: [' #Family', 'family', 'TAXES', '##admin', '  '],
      thought_type: 'task',
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      content: 'Call mom tomorrow at 5pm about the tax forms',
      tags: ['family', 'taxes', 'admin'],
      ai_tags: [],
      thought_type: 'task',
      status: 'active',
      is_actionable: false,
      local_only: false,
      source: 'api',
      analysis_status: 'pending',
      analyzed_at: null,
      duplicate_of_id: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(response.headers.location).toBe(`/api/v1/thoughts/${response.body.id}`);
    const fetched = await testApp.http().get(response.headers.location).set(bearer(user.key));
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('captures a text/plain body as an iOS Shortcut sends it', async () => {
    const response = await post()
      .set('Content-Type', 'text/plain; charset=utf-8')
      .send('Buy milk on the way home');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      content: 'Buy milk on the way home',
      source: 'shortcut',
      tags: [],
    });
  });

  it('captures a form body with comma-separated tags and a boolean', async () => {
    const response = await post().type('form').send({
      content: 'Private: therapy notes',
      tags: 'health, #Private',
      local_only: 'true',
      thought_type: 'note',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      content: 'Private: therapy notes',
      tags: ['health', 'private'],
      local_only: true,
      thought_type: 'note',
      source: 'shortcut',
    });
  });

  it('keeps emoji, RTL text and combining marks byte for byte', async () => {
    const samples = [
      'Family 👨‍👩‍👧‍👦 trip 🏕️ planning',
      'שלום עולם — مرحبا بالعالم',
      'Cafe\u0301 vs Café (decomposed vs composed)',
      'Zalgo t̸̢̛e̵x̶t and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math 𝟙𝟚𝟛',
    ];
    for (const content of samples) {
      const created = await post().send({ content });
      expect(created.status).toBe(201);
      const fetched = await testApp
        .http()
        .get(`/api/v1/thoughts/${created.body.id}`)
        .set(bearer(user.key));
      expect(Buffer.from(fetched.body.content, 'utf8').equals(Buffer.from(content, 'utf8'))).toBe(
        true,
      );
    }
    const viaText = await post().set('Content-Type', 'text/plain; charset=utf-8').send(samples[0]!);
    expect(viaText.body.content).toBe(samples[0]);
  });

  it('rejects bad input with a 400 naming the field', async () => {
    const cases: [object | string, string][] = [
      [{}, 'content'],
      [{ content: '   ' }, 'content must not be empty'],
      [{ content: 'a\u0000b' }, 'content must not contain NUL characters'],
      [{ content: 'x'.repeat(10_001) }, 'content must be at most 10000 characters'],
      [{ content: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'at most 20 tags'],
      [{ content: 'ok', tags: ['x'.repeat(51)] }, 'each tag must be at most 50 characters'],
      [{ content: 'ok', tags: 'not-an-array' }, 'tags'],
      [{ content: 'ok', thought_type: 'poem' }, 'thought_type'],
      [{ content: 'ok', local_only: 'yes' }, 'local_only'],
      [{ content: 'ok', user_id: user.userId }, 'unknown field "user_id"'],
      [{ content: 42 }, 'content'],
    ];
    for (const [body, message] of cases) {
      const response = await post().send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.message).toContain(message);
      expect(response.body.request_id).toBe(response.headers['x-request-id']);
    }
    const array = await post().send([{ content: 'x' }]);
    expect(array.status).toBe(400);
    // 10,000 emoji are 10,000 characters (20,000 UTF-16 units): accepted.
    const emoji = await post().send({ content: '😀'.repeat(10_000) });
    expect(emoji.status).toBe(201);
  });

  it('rejects an empty text body and a NUL in a text body', async () => {
    expect((await post().set('Content-Type', 'text/plain').send('   ')).status).toBe(400);
    expect((await post().set('Content-Type', 'text/plain').send('a\u0000b')).status).toBe(400);
  });

  it('415s other content types and 413s bodies over 1 MiB in every format', async () => {
    const xml = await post().set('Content-Type', 'application/xml').send('<thought/>');
    expect(xml.status).toBe(415);
    const big = 'x'.repeat(1024 * 1024 + 1);
    expect((await post().set('Content-Type', 'text/plain').send(big)).status).toBe(413);
    expect((await post().type('form').send(`content=${big}`)).status).toBe(413);
  });

  describe('Idempotency-Key', () => {
    it('returns the first thought for a retry with the same key and body, and 409 for another body', async () => {
      const key = `retry-${Date.now()}`;
      const body = { content: 'Renew passport before June', tags: ['Travel'] };
      const first = await post().set('Idempotency-Key', key).send(body);
      expect(first.status).toBe(201);
      const retry = await post()
        .set('Idempotency-Key', key)
        .send({ ...body, tags: ['travel'] });
      expect(retry.status).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      const other = await post().set('Idempotency-Key', key).send({ content: 'Something else' });
      expect(other.status).toBe(409);
      expect(other.body.message).toContain('different request body');

      const list = await testApp
        .http()
        .get('/api/v1/thoughts')
        .set(bearer(user.key))
        .query({ q: 'passport' });
      expect(list.body.items).toHaveLength(1);
    });

    it('creates exactly one thought for concurrent retries', async () => {
      const key = `concurrent-${Date.now()}`;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          post().set('Idempotency-Key', key).send({ content: 'Concurrent retry zebra' }),
        ),
      );
      const ids = new Set(responses.map((response) => response.body.id));
      expect(ids.size).toBe(1);
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      expect(responses.every((response) => [200, 201].includes(response.status))).toBe(true);
    });

    it('scopes keys per user and works across body formats', async () => {
      const other = await createUser(testApp);
      const key = `shared-key-${Date.now()}`;
      const mine = await post().set('Idempotency-Key', key).send({ content: 'same words' });
      const theirs = await testApp
        .http()
        .post('/api/v1/thoughts')
        .set(bearer(other.key))
        .set('Idempotency-Key', key)
        .send({ content: 'same words' });
      expect(mine.status).toBe(201);
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
      const asText = await post()
        .set('Idempotency-Key', key)
        .set('Content-Type', 'text/plain')
        .send('same words');
      expect(asText.status).toBe(200);
      expect(asText.body.id).toBe(mine.body.id);
    });

    it('rejects a malformed key', async () => {
      const response = await post().set('Idempotency-Key', 'x'.repeat(256)).send({ content: 'hi' });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('Idempotency-Key');
    });
  });

  it('needs a key', async () => {
    const response = await testApp.http().post('/api/v1/thoughts').send({ content: 'anonymous' });
    expect(response.status).toBe(401);
  });
});
