import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ApiKeyChanges } from '../../src/auth/api-key-changes.js';
import { hashApiKey } from '../../src/auth/api-key-secret.js';
import { ApiKeysRepository } from '../../src/auth/api-keys.repository.js';
import { bearer, createUser } from '../support/factories.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** Long cache TTL and no limits in the way: only the revocation may turn 200 into 401 here. */
const ENV = {
  API_KEY_CACHE_TTL_SECONDS: '3600',
  RATE_LIMIT_PER_MINUTE: '100000',
  AUTH_FAILURES_PER_MINUTE: '100000',
};

describe('revocation wins every race', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ env: ENV });
    second = await startTestApp({ env: ENV });
  });

  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('a revocation notice that lands while the same key is being verified leaves nothing cached', async () => {
    const user = await createUser(first);
    const keyHash = hashApiKey(user.key);
    const repository = first.app.get(ApiKeysRepository);
    const lookUp = repository.findUsableByHash.bind(repository);
    let interleaved = 0;
    const spy = jest.spyOn(repository, 'findUsableByHash').mockImplementation(async (hash, now) => {
      // The lookup has read the key as valid; before its answer is used, the key is revoked
      // and this instance hears the notice.
      const row = await lookUp(hash, now);
      if (hash !== keyHash || interleaved++ > 0) return row;
      const heard = new Promise<void>((resolve) => {
        const stop = first.app.get(ApiKeyChanges).subscribe((change) => {
          if ('keyHash' in change && change.keyHash === keyHash) {
            stop();
            resolve();
          }
        });
      });
      const revoked = await first
        .http()
        .delete(`/api/v1/admin/api-keys/${user.keyId}`)
        .set(bearer(TEST_ADMIN_KEY));
      expect(revoked.status).toBe(204);
      await heard;
      return row;
    });
    try {
      // This request was under way before the revocation committed: it may finish.
      expect((await first.http().get('/api/v1/thoughts').set(bearer(user.key))).status).toBe(200);
      expect(interleaved).toBe(1);
      // Without the fix the stale answer is cached for an hour and this is 200.
      expect((await first.http().get('/api/v1/thoughts').set(bearer(user.key))).status).toBe(401);
      expect(interleaved).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('on two instances under load, no request sent after the revocation answered gets in', async () => {
    const user = await createUser(first);
    const results: { app: string; sentAt: number; status: number }[] = [];
    let stop = false;
    const hammer = async (app: TestApp, name: string) => {
      while (!stop) {
        const sentAt = performance.now();
        const { status } = await app.http().get('/api/v1/thoughts?limit=1').set(bearer(user.key));
        results.push({ app: name, sentAt, status });
      }
    };
    const clients = [
      hammer(first, 'first'),
      hammer(second, 'second'),
      hammer(first, 'first'),
      hammer(second, 'second'),
    ];
    try {
      await waitFor(
        () => Promise.resolve(results.length),
        (count) => count >= 40,
        { timeoutMs: 10_000, what: 'requests before' },
      );
      const revokeSent = performance.now();
      const revoked = await first
        .http()
        .delete(`/api/v1/admin/api-keys/${user.keyId}`)
        .set(bearer(TEST_ADMIN_KEY));
      const revokeAnswered = performance.now();
      expect(revoked.status).toBe(204);
      await waitFor(
        () => Promise.resolve(results.filter((result) => result.sentAt > revokeAnswered).length),
        (count) => count >= 100,
        { timeoutMs: 20_000, what: 'requests after' },
      );
      stop = true;
      await Promise.all(clients);
      const before = results.filter((result) => result.sentAt < revokeSent);
      const after = results.filter((result) => result.sentAt > revokeAnswered);
      expect(before.length).toBeGreaterThanOrEqual(40);
      expect(before.every((result) => result.status === 200)).toBe(true);
      expect(new Set(after.map((result) => result.app))).toEqual(new Set(['first', 'second']));
      expect(after.filter((result) => result.status !== 401)).toEqual([]);
    } finally {
      stop = true;
      await Promise.all(clients);
    }
  });
});
