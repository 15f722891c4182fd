import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { previewOpenApiDocument } from '../../src/openapi/openapi-document.js';
import { bearer } from '../support/factories.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

describe('errors and the HTTP edge', () => {
  let testApp: TestApp;
  const admin = bearer(TEST_ADMIN_KEY);
  const shape = (status: number, error: string) => ({
    status_code: status,
    error,
    message: expect.any(String),
    request_id: expect.stringMatching(/.+/),
  });

  beforeAll(async () => {
    testApp = await startTestApp({ env: { CORS_ORIGINS: 'https://dash.example.test' } });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('413s a body over 1 MiB in the error shape, with a request id', async () => {
    const response = await testApp
      .http()
      .post('/api/v1/admin/users')
      .set(admin)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), email: 'big@example.test' }));
    expect(response.status).toBe(413);
    expect(response.body).toEqual(shape(413, 'Payload Too Large'));
    expect(response.body.request_id).toBe(response.headers['x-request-id']);
  });

  it('415s a body that is not JSON', async () => {
    const response = await testApp
      .http()
      .post('/api/v1/admin/users')
      .set(admin)
      .set('Content-Type', 'application/xml')
      .send('<user/>');
    expect(response.status).toBe(415);
    expect(response.body).toEqual(shape(415, 'Unsupported Media Type'));
  });

  it('400s malformed JSON without echoing parser internals', async () => {
    const response = await testApp
      .http()
      .post('/api/v1/admin/users')
      .set(admin)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(response.status).toBe(400);
    expect(response.body).toEqual(shape(400, 'Bad Request'));
    expect(response.body.message).toBe('request body is not valid JSON');
  });

  it('404s an unknown route in the error shape', async () => {
    const response = await testApp.http().get('/api/v1/nothing-here').set(admin);
    expect(response.status).toBe(404);
    expect(response.body).toEqual(shape(404, 'Not Found'));
  });

  it("404s paths outside /api in the error shape too, never Express's HTML page", async () => {
    for (const [method, path] of [
      ['get', '/typo'],
      ['get', '/dashboard/missing.js'],
      ['post', '/nothing/here'],
      ['get', '/%E0%A4%A'],
    ] as const) {
      const response = await testApp.http()[method](path).set(admin);
      expect([path, response.status, response.headers['content-type']]).toEqual([
        path,
        expect.any(Number),
        expect.stringContaining('application/json'),
      ]);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body).toEqual(
        shape(response.status, response.status === 404 ? 'Not Found' : 'Bad Request'),
      );
      expect(response.body.request_id).toBe(response.headers['x-request-id']);
    }
    // The dashboard itself is still served.
    const page = await testApp.http().get('/dashboard/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await testApp.http().get('/api/v1/health').set('X-Request-Id', 'client-req-42');
    expect(kept.headers['x-request-id']).toBe('client-req-42');
    const replaced = await testApp
      .http()
      .get('/api/v1/health')
      .set('X-Request-Id', 'bad id with spaces\u00e9');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await testApp
      .http()
      .get('/api/v1/admin/api-keys')
      .set('X-Request-Id', 'trace-7');
    expect(failed.body.request_id).toBe('trace-7');
  });

  it('logs one JSON line per request with method, route, status, latency, user and request id', async () => {
    const response = await testApp
      .http()
      .get('/api/v1/admin/api-keys')
      .set(admin)
      .set('X-Request-Id', 'log-check-1');
    expect(response.status).toBe(200);
    const line = testApp.logs
      .map((raw) => JSON.parse(raw))
      .find((entry) => entry.request_id === 'log-check-1');
    expect(line).toMatchObject({
      level: 'info',
      req: { method: 'GET', url: '/api/v1/admin/api-keys' },
      route: '/api/v1/admin/api-keys',
      status: 200,
      latency_ms: expect.any(Number),
      user_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.stringify(line)).not.toMatch(/authorization/i);
  });

  it('sets security headers and allows CORS only for CORS_ORIGINS', async () => {
    const allowed = await testApp
      .http()
      .get('/api/v1/health')
      .set('Origin', 'https://dash.example.test');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example.test');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['content-security-policy']).toContain("default-src 'self'");
    expect(allowed.headers['x-powered-by']).toBeUndefined();
    const other = await testApp
      .http()
      .get('/api/v1/health')
      .set('Origin', 'https://evil.example.test');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves Swagger UI and an OpenAPI document with bearer auth and every route', async () => {
    const ui = await testApp.http().get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const spec = await testApp.http().get('/docs-json');
    expect(spec.status).toBe(200);
    expect(spec.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/admin/users',
        '/api/v1/admin/api-keys',
        '/api/v1/admin/api-keys/{id}/rotate',
        '/api/v1/admin/api-keys/{id}',
      ]),
    );
    expect(spec.body.components.schemas.CreateUserDto.properties.email.example).toBe(
      'andy@example.com',
    );
  });

  it('serves the very document the dashboard types are generated from without a database', async () => {
    const served = (await testApp.http().get('/docs-json')).body;
    const preview = JSON.parse(JSON.stringify(await previewOpenApiDocument()));
    expect(served).toEqual(preview);
  });
});
