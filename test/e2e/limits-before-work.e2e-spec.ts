import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ApiKeysRepository } from '../../src/auth/api-keys.repository.js';
import { within } from '../support/event-stream-client.js';
import { bearer, createUser, type CreatedUser } from '../support/factories.js';
import { freePort, ServerProcess } from '../support/server-process.js';
import {
  startTestApp,
  TEST_ADMIN_KEY,
  testDatabaseUrl,
  type TestApp,
} from '../support/test-app.js';

const WRONG_KEY = `pai_${'w'.repeat(40)}`;

/** Sends a request's head and only part of its declared body; resolves with whatever the server answers. */
function sendHeadOnly(testApp: TestApp, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(
      { host: '127.0.0.1', port: Number(new URL(testApp.baseUrl).port) },
      () => {
        socket.write(head);
        socket.write('{"content": "only the start of a 1 MiB body');
      },
    );
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n\r\n') && answer.includes('}')) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
  });
}

describe('limits before work', () => {
  describe('a blocked address', () => {
    let testApp: TestApp;
    let user: CreatedUser;

    beforeAll(async () => {
      testApp = await startTestApp({ env: { AUTH_FAILURES_PER_MINUTE: '3' } });
      user = await createUser(testApp);
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('is refused before any key lookup, even with the right key, with or without a body', async () => {
      // Warm the verified-key cache: a cache hit must not get past the block either.
      expect((await testApp.http().get('/api/v1/thoughts').set(bearer(user.key))).status).toBe(200);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await testApp.http().get('/api/v1/thoughts').set(bearer(WRONG_KEY))).status);
      expect(statuses).toEqual([401, 401, 401, 429]);

      const lookups = jest.spyOn(testApp.app.get(ApiKeysRepository), 'findUsableByHash');
      try {
        const withRightKey = await testApp.http().get('/api/v1/thoughts').set(bearer(user.key));
        expect(withRightKey.status).toBe(429);
        expect(Number(withRightKey.headers['retry-after'])).toBeGreaterThan(0);
        expect(withRightKey.body).toMatchObject({
          status_code: 429,
          message: 'too many failed authentication attempts',
        });
        const guess = await testApp
          .http()
          .get('/api/v1/thoughts')
          .set(bearer(`pai_${'v'.repeat(40)}`));
        expect(guess.status).toBe(429);
        const posted = await testApp
          .http()
          .post('/api/v1/thoughts')
          .set(bearer(user.key))
          .send({ content: 'blocked' });
        expect(posted.status).toBe(429);
        expect(posted.body).toMatchObject({
          status_code: 429,
          request_id: posted.headers['x-request-id'],
        });
        expect(lookups).not.toHaveBeenCalled();
      } finally {
        lookups.mockRestore();
      }
    });
  });

  describe('a blocked address, with the counts shared through Redis', () => {
    // The Redis storage is CommonJS requiring ESM, which jest cannot load: real server processes.
    let dir: string;
    let first: ServerProcess;
    let second: ServerProcess;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'pai-redis-block-'));
      const env = {
        DATABASE_URL: testDatabaseUrl(),
        DATA_DIR: dir,
        BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY,
        AUTH_FAILURES_PER_MINUTE: '3',
        REDIS_URL: 'redis://127.0.0.1:6379',
        TRUST_PROXY: 'loopback',
        WORKERS_ENABLED: 'false',
        SCHEDULER_ENABLED: 'false',
        AI_BACKEND: 'mock',
      };
      first = new ServerProcess(await freePort(), env, dir);
      second = new ServerProcess(await freePort(), env, dir);
      first.start();
      second.start();
      await Promise.all([first.waitHealthy(), second.waitHealthy()]);
    });

    afterAll(async () => {
      await Promise.all([first.stop('SIGTERM'), second.stop('SIGTERM')]);
      rmSync(dir, { recursive: true, force: true });
    });

    it('is refused, right key or not, on an instance that never saw its failures', async () => {
      const get = (server: ServerProcess, key: string, address: string) =>
        fetch(`${server.baseUrl}/api/v1/thoughts`, {
          headers: { ...bearer(key), 'X-Forwarded-For': address },
        });
      const created = await fetch(`${first.baseUrl}/api/v1/admin/users`, {
        method: 'POST',
        headers: { ...bearer(TEST_ADMIN_KEY), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Blocked', email: `blocked-${Date.now()}@example.test` }),
      });
      expect(created.status).toBe(201);
      const userKey = ((await created.json()) as { api_key: { key: string } }).api_key.key;
      // A fresh address per run: Redis outlives the servers.
      const address = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get(first, WRONG_KEY, address)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Before, a right key was verified first and let in.
      const refused = await get(second, userKey, address);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await get(second, userKey, '198.51.100.1')).status).toBe(200);
    });
  });

  describe('requests without a valid key', () => {
    let testApp: TestApp;
    let user: CreatedUser;

    beforeAll(async () => {
      testApp = await startTestApp({
        env: { UNAUTHENTICATED_PER_MINUTE: '3', AUTH_FAILURES_PER_MINUTE: '1000' },
      });
      user = await createUser(testApp);
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('are limited per address before their body is parsed', async () => {
      const statuses = [
        (await testApp.http().post('/api/v1/thoughts').send({ content: 'no key' })).status,
        (
          await testApp
            .http()
            .post('/api/v1/thoughts')
            .set(bearer(WRONG_KEY))
            .send({ content: 'wrong key' })
        ).status,
        // Unknown routes count too: they parse bodies like any other.
        (await testApp.http().post('/api/v1/no-such-route').send({ content: 'anywhere' })).status,
      ];
      expect(statuses).toEqual([401, 401, 404]);

      // Malformed JSON would be a 400 if it were parsed: it is refused before that.
      const malformed = await testApp
        .http()
        .post('/api/v1/thoughts')
        .set('Content-Type', 'application/json')
        .send('{"content": ');
      expect(malformed.status).toBe(429);
      expect(malformed.body).toEqual({
        status_code: 429,
        error: 'Too Many Requests',
        message: 'too many requests without a valid API key',
        request_id: malformed.headers['x-request-id'],
      });
      expect(Number(malformed.headers['retry-after'])).toBeGreaterThan(0);

      // A 1 MiB body that never finishes arriving: answered at once, without waiting to read it.
      const answer = await within(
        sendHeadOnly(
          testApp,
          'POST /api/v1/thoughts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n',
        ),
        2_000,
        'answer before the body arrived',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 429 /);
      expect(answer).toContain('too many requests without a valid API key');

      // A key holder from the same address is not affected.
      const captured = await testApp
        .http()
        .post('/api/v1/thoughts')
        .set(bearer(user.key))
        .send({ content: 'with a key' });
      expect(captured.status).toBe(201);
      // Requests without a body are the guard's business, not this limit's.
      expect((await testApp.http().get('/api/v1/health')).status).toBe(200);
    });
  });

  describe('the Authorization header', () => {
    let testApp: TestApp;
    let user: CreatedUser;

    beforeAll(async () => {
      testApp = await startTestApp();
      user = await createUser(testApp);
    });

    afterAll(async () => {
      await testApp.close();
    });

    it.each(['bearer', 'BEARER', 'BeArEr'])(
      'accepts the %s scheme in any case (RFC 7235)',
      async (scheme) => {
        expect(
          (
            await testApp
              .http()
              .get('/api/v1/thoughts')
              .set('Authorization', `${scheme} ${user.key}`)
          ).status,
        ).toBe(200);
        const captured = await testApp
          .http()
          .post('/api/v1/thoughts')
          .set('Authorization', `${scheme}  ${user.key}`)
          .send({ content: `via ${scheme}` });
        expect(captured.status).toBe(201);
      },
    );

    it('still refuses other schemes and keys outside the header', async () => {
      expect(
        (await testApp.http().get('/api/v1/thoughts').set('Authorization', `Basic ${user.key}`))
          .status,
      ).toBe(401);
      expect((await testApp.http().get(`/api/v1/thoughts?key=${user.key}`)).status).toBe(401);
    });
  });

  describe('TRUST_PROXY=true', () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'pai-trust-proxy-'));
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('stops the server at start with a message that says what to set instead', async () => {
      const server = new ServerProcess(
        await freePort(),
        { TRUST_PROXY: 'true', DATA_DIR: dir },
        dir,
      );
      server.start();
      const code = await within(
        new Promise<number | null>((resolve) =>
          server.child!.once('exit', (exitCode) => resolve(exitCode)),
        ),
        20_000,
        'server exit',
      );
      expect(code).toBe(1);
      expect(server.output).toContain('TRUST_PROXY=true would trust every hop');
      expect(server.output).toContain('number of proxies in front of the server');
    });
  });
});
