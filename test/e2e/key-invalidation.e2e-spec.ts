import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createKey, createUser } from '../support/factories.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

/** Two instances on one database, as behind a load balancer, each with its own key cache. */
describe('verified-key cache across instances', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // A long TTL: only the LISTEN/NOTIFY invalidation can make the second instance forget.
    first = await startTestApp({ env: { API_KEY_CACHE_TTL_SECONDS: '3600' } });
    second = await startTestApp({ env: { API_KEY_CACHE_TTL_SECONDS: '3600' } });
  });

  afterAll(async () => {
    await first.close();
    await second.close();
  });

  async function waitForStatus(app: TestApp, key: string, status: number): Promise<number> {
    let last = 0;
    for (let attempt = 0; attempt < 40; attempt++) {
      last = (await app.http().get('/api/v1/admin/api-keys').set(bearer(key))).status;
      if (last === status) return last;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return last;
  }

  it('a key revoked through one instance stops working on the other at once', async () => {
    const user = await createUser(first);
    const key = await createKey(first, user.userId, { scope: 'admin' });
    // Warm both caches.
    expect((await first.http().get('/api/v1/admin/api-keys').set(bearer(key.key))).status).toBe(
      200,
    );
    expect((await second.http().get('/api/v1/admin/api-keys').set(bearer(key.key))).status).toBe(
      200,
    );

    const revoked = await first
      .http()
      .delete(`/api/v1/admin/api-keys/${key.id}`)
      .set(bearer(TEST_ADMIN_KEY));
    expect(revoked.status).toBe(204);
    // NOTIFY is delivered asynchronously, within milliseconds; allow up to one second.
    await expect(waitForStatus(second, key.key, 401)).resolves.toBe(401);
  });

  it('a key rotated through one instance stops working on the other', async () => {
    const user = await createUser(second);
    const key = await createKey(second, user.userId, { scope: 'admin' });
    expect((await first.http().get('/api/v1/admin/api-keys').set(bearer(key.key))).status).toBe(
      200,
    );
    const rotated = await second
      .http()
      .post(`/api/v1/admin/api-keys/${key.id}/rotate`)
      .set(bearer(TEST_ADMIN_KEY))
      .send({});
    expect(rotated.status).toBe(201);
    await expect(waitForStatus(first, key.key, 401)).resolves.toBe(401);
    expect(
      (await first.http().get('/api/v1/admin/api-keys').set(bearer(rotated.body.key))).status,
    ).toBe(200);
  });
});
