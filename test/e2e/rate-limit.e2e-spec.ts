import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('rate limiting', () => {
  describe('per API key, across all routes (default 100 a minute)', () => {
    let testApp: TestApp;
    let spender: CreatedUser;
    let bystander: CreatedUser;

    beforeAll(async () => {
      testApp = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: undefined } });
      spender = await createUser(testApp, 'Spender');
      bystander = await createUser(testApp, 'Bystander');
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('counts every route against one budget, 429s the 101st request, and spares other keys', async () => {
      const key = bearer(spender.key);
      // Alternate routes (and spoof X-Forwarded-For): none of it may reset the count.
      const requests = [
        () => testApp.http().get('/api/v1/admin/api-keys'),
        () =>
          testApp.http().post('/api/v1/admin/users').send({ name: 'x', email: 'x@example.test' }),
        () => testApp.http().delete(`/api/v1/admin/api-keys/${spender.keyId}`),
      ];
      for (let i = 0; i < 100; i++) {
        const response = await requests[i % requests.length]()
          .set(key)
          .set('X-Forwarded-For', `203.0.113.${i}`);
        expect(response.status).not.toBe(429);
        if (i === 0) {
          expect(response.headers['x-ratelimit-limit']).toBe('100');
          expect(response.headers['x-ratelimit-remaining']).toBe('99');
          expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        }
      }
      const limited = await requests[0]().set(key).set('X-Forwarded-For', '198.51.100.7');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toEqual({
        status_code: 429,
        error: 'Too Many Requests',
        message: expect.any(String),
        request_id: limited.headers['x-request-id'],
      });
      const other = await requests[0]().set(bearer(bystander.key));
      expect(other.status).toBe(403);
      expect(other.headers['x-ratelimit-remaining']).toBe('99');
    });
  });

  describe('failed authentication, per client address', () => {
    it('429s an address after AUTH_FAILURES_PER_MINUTE failures; X-Forwarded-For is ignored unless TRUST_PROXY says so', async () => {
      const direct = await startTestApp({
        env: { AUTH_FAILURES_PER_MINUTE: '5', TRUST_PROXY: 'false' },
      });
      try {
        const attempt = (forwardedFor: string) =>
          direct
            .http()
            .get('/api/v1/admin/api-keys')
            .set(bearer(`pai_${'g'.repeat(40)}`))
            .set('X-Forwarded-For', forwardedFor);
        for (let i = 0; i < 5; i++) expect((await attempt(`192.0.2.${i}`)).status).toBe(401);
        const blocked = await attempt('192.0.2.200');
        expect(blocked.status).toBe(429);
        expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await direct.close();
      }

      const proxied = await startTestApp({
        env: { AUTH_FAILURES_PER_MINUTE: '5', TRUST_PROXY: 'loopback' },
      });
      try {
        const attempt = (forwardedFor: string) =>
          proxied
            .http()
            .get('/api/v1/admin/api-keys')
            .set(bearer(`pai_${'h'.repeat(40)}`))
            .set('X-Forwarded-For', forwardedFor);
        for (let i = 0; i < 5; i++) expect((await attempt('192.0.2.10')).status).toBe(401);
        expect((await attempt('192.0.2.10')).status).toBe(429);
        // Behind a trusted proxy the forwarded address is the client: another client is not blocked.
        expect((await attempt('192.0.2.11')).status).toBe(401);
      } finally {
        await proxied.close();
      }
    });
  });
});
