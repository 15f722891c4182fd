import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createUser } from '../support/factories.js';
import {
  findKeyMaterial,
  startTestApp,
  TEST_ADMIN_KEY,
  type TestApp,
} from '../support/test-app.js';

describe('admin API', () => {
  let testApp: TestApp;
  const admin = bearer(TEST_ADMIN_KEY);
  const secrets: string[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
    expect(findKeyMaterial(testApp.logs, secrets)).toEqual([]);
  });

  describe('POST /admin/users', () => {
    it('creates a user and a first user-scoped key, shown once', async () => {
      const email = `Ann-${randomUUID()}@Example.test`;
      const response = await testApp
        .http()
        .post('/api/v1/admin/users')
        .set(admin)
        .send({ name: 'Ann', email });
      expect(response.status).toBe(201);
      secrets.push(response.body.api_key.key);
      expect(response.body.user).toEqual({
        id: expect.any(String),
        name: 'Ann',
        email,
        created_at: expect.any(String),
      });
      expect(response.body.api_key).toMatchObject({
        id: expect.any(String),
        prefix: response.body.api_key.key.slice(0, 12),
        scope: 'user',
        expires_at: null,
        user_id: response.body.user.id,
      });
      const listed = await testApp
        .http()
        .get('/api/v1/admin/api-keys')
        .set(admin)
        .query({ user_id: response.body.user.id });
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0]).not.toHaveProperty('key');
      expect(JSON.stringify(listed.body)).not.toContain(response.body.api_key.key);
    });

    it('refuses a second user with the same email in any case (409)', async () => {
      const email = `dup-${randomUUID()}@example.test`;
      const first = await testApp
        .http()
        .post('/api/v1/admin/users')
        .set(admin)
        .send({ name: 'A', email });
      expect(first.status).toBe(201);
      secrets.push(first.body.api_key.key);
      const second = await testApp
        .http()
        .post('/api/v1/admin/users')
        .set(admin)
        .send({ name: 'B', email: email.toUpperCase() });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        status_code: 409,
        error: 'Conflict',
        message: 'a user with this email already exists',
      });
    });

    it('validates the body: bad email, missing name, unknown field, NUL', async () => {
      const cases = [
        [{ name: 'A', email: 'not-an-email' }, 'email must be an email address'],
        [{ email: 'a@example.test' }, 'name'],
        [{ name: 'A', email: 'a@example.test', is_admin: true }, 'unknown field "is_admin"'],
        [{ name: 'A\u0000B', email: 'a@example.test' }, 'name must not contain NUL characters'],
      ] as const;
      for (const [body, message] of cases) {
        const response = await testApp.http().post('/api/v1/admin/users').set(admin).send(body);
        expect(response.status).toBe(400);
        expect(response.body.error).toBe('Bad Request');
        expect(response.body.message).toContain(message);
        expect(response.body.details[0]).toMatchObject({
          field: expect.any(String),
          message: expect.any(String),
        });
      }
    });
  });

  describe('/admin/api-keys', () => {
    it('creates keys with a scope and expiry, and lists them newest first with keyset pagination', async () => {
      const user = await createUser(testApp);
      secrets.push(user.key);
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const created = [];
      for (const name of ['one', 'two', 'three']) {
        const response = await testApp
          .http()
          .post('/api/v1/admin/api-keys')
          .set(admin)
          .send({
            user_id: user.userId,
            name,
            scope: name === 'two' ? 'admin' : 'user',
            expires_at: expiresAt,
          });
        expect(response.status).toBe(201);
        secrets.push(response.body.key);
        expect(response.body).toMatchObject({ name, user_id: user.userId, expires_at: expiresAt });
        created.push(response.body);
      }
      expect(created[1].scope).toBe('admin');

      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await testApp
          .http()
          .get('/api/v1/admin/api-keys')
          .set(admin)
          .query({ user_id: user.userId, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        names.push(...page.body.items.map((key: { name: string }) => key.name));
        cursor = page.body.next_cursor ?? undefined;
      } while (cursor);
      expect(names).toEqual(['three', 'two', 'one', 'default']);
    });

    it('404s a key for an unknown user, 400s a past expiry and a bad scope', async () => {
      const unknown = await testApp
        .http()
        .post('/api/v1/admin/api-keys')
        .set(admin)
        .send({ user_id: randomUUID(), name: 'x' });
      expect(unknown.status).toBe(404);
      const user = await createUser(testApp);
      secrets.push(user.key);
      const past = await testApp
        .http()
        .post('/api/v1/admin/api-keys')
        .set(admin)
        .send({ user_id: user.userId, name: 'x', expires_at: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(400);
      expect(past.body.message).toBe('expires_at must be in the future');
      const scope = await testApp
        .http()
        .post('/api/v1/admin/api-keys')
        .set(admin)
        .send({ user_id: user.userId, name: 'x', scope: 'root' });
      expect(scope.status).toBe(400);
    });

    it('rejects a bad cursor and a bad limit with 400', async () => {
      expect(
        (await testApp.http().get('/api/v1/admin/api-keys').set(admin).query({ cursor: 'garbage' }))
          .status,
      ).toBe(400);
      expect(
        (await testApp.http().get('/api/v1/admin/api-keys').set(admin).query({ limit: 0 })).status,
      ).toBe(400);
      expect(
        (await testApp.http().get('/api/v1/admin/api-keys').set(admin).query({ limit: 201 }))
          .status,
      ).toBe(400);
    });

    it('rotate and revoke: 404 for an unknown id, 400 for a non-UUID, 409 to rotate a revoked or rotated key', async () => {
      const missing = randomUUID();
      expect(
        (await testApp.http().post(`/api/v1/admin/api-keys/${missing}/rotate`).set(admin).send({}))
          .status,
      ).toBe(404);
      expect(
        (await testApp.http().delete(`/api/v1/admin/api-keys/${missing}`).set(admin)).status,
      ).toBe(404);
      const badId = await testApp.http().delete('/api/v1/admin/api-keys/not-a-uuid').set(admin);
      expect(badId.status).toBe(400);
      expect(badId.body.status_code).toBe(400);

      const user = await createUser(testApp);
      secrets.push(user.key);
      const rotated = await testApp
        .http()
        .post(`/api/v1/admin/api-keys/${user.keyId}/rotate`)
        .set(admin)
        .send({});
      expect(rotated.status).toBe(201);
      secrets.push(rotated.body.key);
      const again = await testApp
        .http()
        .post(`/api/v1/admin/api-keys/${user.keyId}/rotate`)
        .set(admin)
        .send({});
      expect(again.status).toBe(409);

      expect(
        (await testApp.http().delete(`/api/v1/admin/api-keys/${rotated.body.id}`).set(admin))
          .status,
      ).toBe(204);
      // Revoking twice is harmless.
      expect(
        (await testApp.http().delete(`/api/v1/admin/api-keys/${rotated.body.id}`).set(admin))
          .status,
      ).toBe(204);
      const revokedRotate = await testApp
        .http()
        .post(`/api/v1/admin/api-keys/${rotated.body.id}/rotate`)
        .set(admin)
        .send({});
      expect(revokedRotate.status).toBe(409);
      const listed = await testApp
        .http()
        .get('/api/v1/admin/api-keys')
        .set(admin)
        .query({ user_id: user.userId });
      const states = Object.fromEntries(
        listed.body.items.map(
          (key: { id: string; revoked_at: string | null; replaced_by_id: string | null }) => [
            key.id,
            key,
          ],
        ),
      );
      expect(states[user.keyId]).toMatchObject({
        replaced_by_id: rotated.body.id,
        revoked_at: expect.any(String),
      });
      expect(states[rotated.body.id]).toMatchObject({ revoked_at: expect.any(String) });
    });

    it('refuses a grace period over 7 days', async () => {
      const user = await createUser(testApp);
      secrets.push(user.key);
      const response = await testApp
        .http()
        .post(`/api/v1/admin/api-keys/${user.keyId}/rotate`)
        .set(admin)
        .send({ grace_period_seconds: 604_801 });
      expect(response.status).toBe(400);
    });
  });
});
