import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiKeyChanges } from '../../src/auth/api-key-changes.js';
import { hashApiKey } from '../../src/auth/api-key-secret.js';
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

  /**
   * Resolves once `app` hears the change notice for `key` (its cache forgets the key before
   * anyone else hears it). Subscribe before the change: the notice can beat the reply.
   */
  function noticeHeard(app: TestApp, key: string, timeoutMs = 5_000): Promise<void> {
    const keyHash = hashApiKey(key);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no change notice for the key within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = app.app.get(ApiKeyChanges).subscribe((change) => {
        if (!('keyHash' in change) || change.keyHash !== keyHash) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
  }

  const status = async (app: TestApp, key: string) =>
    (await app.http().get('/api/v1/admin/api-keys').set(bearer(key))).status;

  it('a key revoked through one instance stops working on the other at once', async () => {
    const user = await createUser(first);
    const key = await createKey(first, user.userId, { scope: 'admin' });
    // Warm both caches.
    expect(await status(first, key.key)).toBe(200);
    expect(await status(second, key.key)).toBe(200);

    const heard = noticeHeard(second, key.key);
    const revoked = await first
      .http()
      .delete(`/api/v1/admin/api-keys/${key.id}`)
      .set(bearer(TEST_ADMIN_KEY));
    expect(revoked.status).toBe(204);
    // NOTIFY reaches the other instance asynchronously: wait for it there, not for a while.
    await heard;
    expect(await status(second, key.key)).toBe(401);
  });

  it('a key rotated through one instance stops working on the other', async () => {
    const user = await createUser(second);
    const key = await createKey(second, user.userId, { scope: 'admin' });
    expect(await status(first, key.key)).toBe(200);
    const heard = noticeHeard(first, key.key);
    const rotated = await second
      .http()
      .post(`/api/v1/admin/api-keys/${key.id}/rotate`)
      .set(bearer(TEST_ADMIN_KEY))
      .send({});
    expect(rotated.status).toBe(201);
    await heard;
    expect(await status(first, key.key)).toBe(401);
    expect(await status(first, rotated.body.key)).toBe(200);
  });
});
