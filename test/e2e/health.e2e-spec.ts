import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TcpProxy } from '../support/tcp-proxy.js';
import { startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

describe('GET /api/v1/health', () => {
  let testApp: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl());
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.open();
    testApp = await startTestApp({ databaseUrl: proxy.route(testDatabaseUrl()) });
  });

  afterAll(async () => {
    await proxy.open(proxy.port).catch(() => undefined);
    await testApp.close();
    await proxy.close();
  });

  it('answers the seed payload without a key', async () => {
    const response = await testApp.http().get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'healthy',
      version: '0.1.0',
      database: 'connected',
      uptime_seconds: expect.any(Number),
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('is 503 "unhealthy" while the database is unreachable, and healthy again once it is back', async () => {
    await proxy.close();
    const down = await testApp.http().get('/api/v1/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unhealthy', database: 'disconnected' });

    await proxy.open(proxy.port);
    let up = await testApp.http().get('/api/v1/health');
    for (let attempt = 0; up.status !== 200 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      up = await testApp.http().get('/api/v1/health');
    }
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'healthy', database: 'connected' });
  });
});
