import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runKeyCommand } from '../../src/cli/keys.commands.js';
import {
  bearer,
  captureThought,
  createKey,
  createUser,
  type CreatedUser,
} from '../support/factories.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

interface Operation {
  method: string;
  path: string;
  scopes: string[] | undefined;
  streams: boolean;
  isPublic: boolean;
}

/** Every operation Swagger documents, with the narrow scopes it admits. */
async function operations(testApp: TestApp): Promise<Operation[]> {
  const doc = (await testApp.http().get('/docs-json')).body as {
    paths: Record<
      string,
      Record<
        string,
        {
          'x-key-scopes'?: string[];
          security?: unknown[];
          responses: Record<string, { content?: object }>;
        }
      >
    >;
  };
  const result: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      result.push({
        method: method.toUpperCase(),
        path,
        scopes: operation['x-key-scopes'],
        streams: path === '/api/v1/events',
        isPublic: path === '/api/v1/health',
      });
    }
  }
  return result;
}

const concrete = (path: string) =>
  path.replace(/\{[^}]+\}/g, (name) =>
    name === '{index}' ? '0' : name === '{action}' ? 'dismiss' : randomUUID(),
  );

describe('key scopes', () => {
  let testApp: TestApp;
  let owner: CreatedUser;
  let readKey: string;
  let captureKey: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await createUser(testApp, 'Scoped');
    readKey = (await createKey(testApp, owner.userId, { scope: 'read', name: 'assistant' })).key;
    captureKey = (await createKey(testApp, owner.userId, { scope: 'capture', name: 'phone' })).key;
  });

  afterAll(async () => {
    await testApp.close();
  });

  const call = (method: string, path: string, key: string) => {
    const http = testApp.http();
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const request = http[verb](path).set(bearer(key)).timeout(10_000);
    return method === 'GET' || method === 'DELETE' ? request : request.send({});
  };

  it('the admin API creates read and capture keys, lists their scope and refuses an unknown one', async () => {
    const listed = await testApp
      .http()
      .get('/api/v1/admin/api-keys')
      .set(bearer(TEST_ADMIN_KEY))
      .query({ user_id: owner.userId });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((key: { scope: string }) => key.scope).sort()).toEqual([
      'capture',
      'read',
      'user',
    ]);
    const bad = await testApp
      .http()
      .post('/api/v1/admin/api-keys')
      .set(bearer(TEST_ADMIN_KEY))
      .send({ user_id: owner.userId, name: 'x', scope: 'root' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status_code: 400, error: 'Bad Request' });
  });

  it('the CLI creates a read key with --scope read and refuses a contradiction', async () => {
    const lines: string[] = [];
    await runKeyCommand(
      testApp.app,
      'keys:create',
      [],
      { user: owner.email, scope: 'read', name: 'cli-read' },
      (line) => lines.push(line),
    );
    expect(lines).toContain('scope:   read');
    const key = lines
      .find((line) => line.startsWith('API key'))!
      .split(': ')
      .pop()!;
    expect((await testApp.http().get('/api/v1/me').set(bearer(key))).body).toMatchObject({
      scope: 'read',
      user: { id: owner.userId },
    });
    expect(
      (await testApp.http().post('/api/v1/tasks').set(bearer(key)).send({ title: 'no' })).status,
    ).toBe(403);
    await expect(
      runKeyCommand(
        testApp.app,
        'keys:create',
        [],
        { user: owner.email, scope: 'read', admin: true },
        () => {},
      ),
    ).rejects.toThrow('--admin and --scope disagree');
    await expect(
      runKeyCommand(testApp.app, 'keys:create', [], { user: owner.email, scope: 'root' }, () => {}),
    ).rejects.toThrow('--scope must be one of');
  });

  it('a read key reads its user data and gets 403 in the error shape on every write', async () => {
    const thought = await captureThought(testApp, owner.key, 'read me later');
    for (const path of [
      '/api/v1/thoughts',
      `/api/v1/thoughts/${thought.id}`,
      '/api/v1/tasks',
      '/api/v1/profile',
      '/api/v1/task-suggestions',
    ]) {
      const response = await testApp.http().get(path).set(bearer(readKey));
      expect([path, response.status]).toEqual([path, 200]);
    }
    const writes: Array<[string, string]> = [
      ['POST', '/api/v1/thoughts'],
      ['PATCH', `/api/v1/thoughts/${thought.id}`],
      ['DELETE', `/api/v1/thoughts/${thought.id}`],
      ['POST', '/api/v1/tasks'],
      ['PATCH', '/api/v1/settings'],
      ['POST', '/api/v1/consciousness-check'],
      ['GET', '/api/v1/admin/api-keys'],
    ];
    for (const [method, path] of writes) {
      const response = await call(method, path, readKey);
      expect([method, path, response.status]).toEqual([method, path, 403]);
      expect(response.body).toEqual({
        status_code: 403,
        error: 'Forbidden',
        message: expect.stringMatching(/scope "read" does not allow|needs an admin API key/),
        request_id: expect.any(String),
      });
    }
    // The delete was refused: the thought is still there.
    expect(
      (await testApp.http().get(`/api/v1/thoughts/${thought.id}`).set(bearer(owner.key))).status,
    ).toBe(200);
  });

  it('a capture key captures (with idempotency) and can do nothing else', async () => {
    const idempotencyKey = randomUUID();
    const first = await testApp
      .http()
      .post('/api/v1/thoughts')
      .set(bearer(captureKey))
      .set('Idempotency-Key', idempotencyKey)
      .send({ content: 'from the phone' });
    expect(first.status).toBe(201);
    const replay = await testApp
      .http()
      .post('/api/v1/thoughts')
      .set(bearer(captureKey))
      .set('Idempotency-Key', idempotencyKey)
      .send({ content: 'from the phone' });
    expect([replay.status, replay.body.id]).toEqual([200, first.body.id]);
    const plain = await testApp
      .http()
      .post('/api/v1/thoughts')
      .set(bearer(captureKey))
      .set('Content-Type', 'text/plain')
      .send('plain from a shortcut');
    expect(plain.status).toBe(201);
    // Owned by the key's user.
    expect(
      (await testApp.http().get(`/api/v1/thoughts/${first.body.id}`).set(bearer(owner.key))).body
        .content,
    ).toBe('from the phone');
    for (const [method, path] of [
      ['GET', '/api/v1/thoughts'],
      ['GET', `/api/v1/thoughts/${first.body.id}`],
      ['GET', '/api/v1/me'],
      ['DELETE', `/api/v1/thoughts/${first.body.id}`],
      ['POST', '/api/v1/tasks'],
      ['GET', '/api/v1/profile'],
    ] as const) {
      const response = await call(method, path, captureKey);
      expect([method, path, response.status, response.body.message]).toEqual([
        method,
        path,
        403,
        'this API key\'s scope "capture" does not allow this request',
      ]);
    }
  });

  it('a user key keeps every user route and still gets 403 on admin routes', async () => {
    expect(
      (await testApp.http().post('/api/v1/tasks').set(bearer(owner.key)).send({ title: 'mine' }))
        .status,
    ).toBe(201);
    expect((await testApp.http().get('/api/v1/me').set(bearer(owner.key))).body.scope).toBe('user');
    expect((await testApp.http().get('/api/v1/admin/api-keys').set(bearer(owner.key))).status).toBe(
      403,
    );
  });

  it('every route is closed to narrow keys unless it names their scope; read is only ever on GET', async () => {
    const all = (await operations(testApp)).filter((operation) => !operation.isPublic);
    expect(all.length).toBeGreaterThan(30);
    const readable = all.filter((operation) => operation.scopes?.includes('read'));
    expect(
      readable.every((operation) => operation.method === 'GET' || operation.path === '/mcp'),
    ).toBe(true);
    // Capture keys: capture itself, and the MCP endpoint (where only capture_thought is offered to them).
    expect(
      all
        .filter((operation) => operation.scopes?.includes('capture'))
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).toEqual(['DELETE /mcp', 'GET /mcp', 'POST /api/v1/thoughts', 'POST /mcp']);
    for (const operation of all) {
      for (const [scope, key] of [
        ['read', readKey],
        ['capture', captureKey],
      ] as const) {
        const admitted = operation.scopes?.includes(scope) ?? false;
        if (admitted && operation.streams) continue; // an open event stream never ends by itself
        const response = await call(operation.method, concrete(operation.path), key);
        const refused =
          response.status === 403 &&
          /scope ".+" does not allow|needs an admin/.test(String(response.body.message));
        expect([scope, operation.method, operation.path, refused]).toEqual([
          scope,
          operation.method,
          operation.path,
          !admitted,
        ]);
      }
    }
  }, 120_000);

  it('a revoked narrow key is refused with 401', async () => {
    const { key, id } = await createKey(testApp, owner.userId, { scope: 'read' });
    expect((await testApp.http().get('/api/v1/thoughts').set(bearer(key))).status).toBe(200);
    expect(
      (await testApp.http().delete(`/api/v1/admin/api-keys/${id}`).set(bearer(TEST_ADMIN_KEY)))
        .status,
    ).toBe(204);
    expect((await testApp.http().get('/api/v1/thoughts').set(bearer(key))).status).toBe(401);
  });
});
