import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { hashApiKey } from '../../src/auth/api-key-secret.js';
import { ApiKeysRepository } from '../../src/auth/api-keys.repository.js';
import { bearer, createKey, createUser, type CreatedUser } from '../support/factories.js';
import {
  findKeyMaterial,
  startTestApp,
  TEST_ADMIN_KEY,
  type TestApp,
} from '../support/test-app.js';
import { controlClock, type ControlledClock } from '../support/test-clock.js';
import { waitFor } from '../support/wait-for.js';

const INVALID = 'missing or invalid API key';

describe('API-key authentication', () => {
  let testApp: TestApp;
  let user: CreatedUser;
  let clock: ControlledClock;
  const secrets: string[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    // Expiry is decided by the app's Clock: tests move it forward instead of sleeping.
    clock = controlClock(testApp);
    user = await createUser(testApp);
    secrets.push(user.key);
  });

  afterAll(async () => {
    await testApp.close();
    expect(findKeyMaterial(testApp.logs, [...secrets, TEST_ADMIN_KEY])).toEqual([]);
  });

  const adminKeys = () => testApp.http().get('/api/v1/admin/api-keys');

  async function expectUnauthorized(response: {
    status: number;
    body: Record<string, unknown>;
    headers: Record<string, unknown>;
  }) {
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      status_code: 401,
      error: 'Unauthorized',
      message: INVALID,
      request_id: response.headers['x-request-id'],
    });
  }

  it('accepts the bootstrap admin key', async () => {
    // Other suites share the database and add keys: walk the pages to find the bootstrap key.
    const found: { scope: string; prefix: string }[] = [];
    let cursor: string | undefined;
    do {
      const response = await adminKeys()
        .set(bearer(TEST_ADMIN_KEY))
        .query({ limit: 200, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      found.push(...response.body.items);
      cursor = response.body.next_cursor ?? undefined;
    } while (cursor);
    expect(found.filter((key) => key.prefix === TEST_ADMIN_KEY.slice(0, 12))).toEqual([
      expect.objectContaining({ scope: 'admin', name: 'bootstrap admin' }),
    ]);
  });

  it('answers a missing, malformed or unknown key with the same 401 body', async () => {
    await expectUnauthorized(await adminKeys());
    await expectUnauthorized(await adminKeys().set('Authorization', TEST_ADMIN_KEY));
    await expectUnauthorized(await adminKeys().set('Authorization', `Basic ${TEST_ADMIN_KEY}`));
    await expectUnauthorized(await adminKeys().set('Authorization', 'Bearer not-a-key'));
    await expectUnauthorized(await adminKeys().set(bearer(`pai_${'x'.repeat(40)}`)));
  });

  it('ignores a key in the query string and does not log it', async () => {
    const response = await testApp
      .http()
      .get(`/api/v1/admin/api-keys?api_key=${TEST_ADMIN_KEY}&key=${user.key}`);
    await expectUnauthorized(response);
    const line = testApp.logs.find((log) =>
      log.includes(response.headers['x-request-id'] as string),
    );
    expect(line).toBeDefined();
    expect(line).toContain('pai_[REDACTED]');
  });

  it('gives a user key 403 on every admin route', async () => {
    const key = bearer(user.key);
    const id = user.keyId;
    const responses = await Promise.all([
      testApp.http().get('/api/v1/admin/api-keys').set(key),
      testApp
        .http()
        .post('/api/v1/admin/api-keys')
        .set(key)
        .send({ user_id: user.userId, name: 'x' }),
      testApp
        .http()
        .post('/api/v1/admin/users')
        .set(key)
        .send({ name: 'x', email: 'x@example.test' }),
      testApp.http().post(`/api/v1/admin/api-keys/${id}/rotate`).set(key).send({}),
      testApp.http().delete(`/api/v1/admin/api-keys/${id}`).set(key),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        status_code: 403,
        error: 'Forbidden',
        request_id: expect.any(String),
      });
    }
    // The 403s changed nothing: the key is still recognised (403, not 401) and still listed active.
    expect((await adminKeys().set(key)).status).toBe(403);
    const listed = await adminKeys().set(bearer(TEST_ADMIN_KEY)).query({ user_id: user.userId });
    expect(listed.body.items.find((k: { id: string }) => k.id === id)).toMatchObject({
      revoked_at: null,
      replaced_by_id: null,
    });
  });

  it('rejects a revoked key at once, with the same 401', async () => {
    const extra = await createKey(testApp, user.userId, { scope: 'admin' });
    secrets.push(extra.key);
    expect((await adminKeys().set(bearer(extra.key))).status).toBe(200);
    const revoke = await testApp
      .http()
      .delete(`/api/v1/admin/api-keys/${extra.id}`)
      .set(bearer(TEST_ADMIN_KEY));
    expect(revoke.status).toBe(204);
    await expectUnauthorized(await adminKeys().set(bearer(extra.key)));
  });

  it('accepts a key until it expires, from the cache too, and refuses it from then on', async () => {
    // Sooner than the 30 s cache TTL, so the cached verification ends at the key's expiry.
    const expiresAt = clock.now() + 20_000;
    const expiring = await createKey(testApp, user.userId, {
      scope: 'admin',
      expires_at: new Date(expiresAt).toISOString(),
    });
    secrets.push(expiring.key);
    const lookups = jest.spyOn(testApp.app.get(ApiKeysRepository), 'findUsableByHash');
    const lookupsOfKey = () =>
      lookups.mock.calls.filter(([hash]) => hash === hashApiKey(expiring.key)).length;
    try {
      expect((await adminKeys().set(bearer(expiring.key))).status).toBe(200);
      expect(lookupsOfKey()).toBe(1);

      clock.advanceTo(expiresAt - 2_000);
      expect((await adminKeys().set(bearer(expiring.key))).status).toBe(200);
      expect(lookupsOfKey()).toBe(1); // answered by the cache

      clock.advanceTo(expiresAt + 1);
      await expectUnauthorized(await adminKeys().set(bearer(expiring.key)));
      // The cache let go at the key's expiry and the database was asked at the app's time
      // (by the database's own clock the key would still be valid).
      expect(lookupsOfKey()).toBe(2);
      await expectUnauthorized(await adminKeys().set(bearer(expiring.key)));
    } finally {
      lookups.mockRestore();
    }
  });

  it('rotates a key: the new one works, the old one stops at once', async () => {
    const original = await createKey(testApp, user.userId, { scope: 'admin', name: 'laptop' });
    secrets.push(original.key);
    expect((await adminKeys().set(bearer(original.key))).status).toBe(200);
    const rotated = await testApp
      .http()
      .post(`/api/v1/admin/api-keys/${original.id}/rotate`)
      .set(bearer(TEST_ADMIN_KEY))
      .send({});
    expect(rotated.status).toBe(201);
    secrets.push(rotated.body.key);
    expect(rotated.body).toMatchObject({ name: 'laptop', scope: 'admin', user_id: user.userId });
    expect(rotated.body.key).toMatch(/^pai_[A-Za-z0-9_-]{32,}$/);
    expect(rotated.body.key).not.toBe(original.key);
    await expectUnauthorized(await adminKeys().set(bearer(original.key)));
    expect((await adminKeys().set(bearer(rotated.body.key))).status).toBe(200);
  });

  it('rotates with a grace period: both keys work until it ends, then only the new one', async () => {
    const original = await createKey(testApp, user.userId, { scope: 'admin' });
    secrets.push(original.key);
    const rotated = await testApp
      .http()
      .post(`/api/v1/admin/api-keys/${original.id}/rotate`)
      .set(bearer(TEST_ADMIN_KEY))
      .send({ grace_period_seconds: 60 });
    const rotatedAt = clock.now();
    expect(rotated.status).toBe(201);
    secrets.push(rotated.body.key);
    expect((await adminKeys().set(bearer(original.key))).status).toBe(200);
    expect((await adminKeys().set(bearer(rotated.body.key))).status).toBe(200);
    // The grace period ends 60 s after the rotation, by the app's clock.
    clock.advanceTo(rotatedAt + 55_000);
    expect((await adminKeys().set(bearer(original.key))).status).toBe(200);
    clock.advanceTo(rotatedAt + 60_001);
    await expectUnauthorized(await adminKeys().set(bearer(original.key)));
    expect((await adminKeys().set(bearer(rotated.body.key))).status).toBe(200);
  });

  it('records last_used_at when a key is used', async () => {
    const fresh = await createKey(testApp, user.userId, { name: 'usage' });
    secrets.push(fresh.key);
    const before = await adminKeys().set(bearer(TEST_ADMIN_KEY)).query({ user_id: user.userId });
    expect(
      before.body.items.find((k: { id: string }) => k.id === fresh.id).last_used_at,
    ).toBeNull();
    const usedAt = clock.now();
    expect((await adminKeys().set(bearer(fresh.key))).status).toBe(403);
    // The write is off the request's path: wait for it, with a bound.
    const lastUsed = await waitFor(
      async () => {
        const after = await adminKeys().set(bearer(TEST_ADMIN_KEY)).query({ user_id: user.userId });
        return after.body.items.find((k: { id: string }) => k.id === fresh.id).last_used_at as
          string | null;
      },
      (value) => value !== null,
      { timeoutMs: 5_000, intervalMs: 50, what: 'last_used_at' },
    );
    // Stamped by the app's clock (moved ahead of real time by the tests above).
    expect(Date.parse(lastUsed!)).toBeGreaterThanOrEqual(usedAt);
  });
});
