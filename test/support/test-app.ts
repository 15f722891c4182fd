import 'reflect-metadata';
import { appendFileSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';

/** Every test app's log lines also land here; global teardown scans the whole run for key material. */
export const RUN_LOG_DIR = path.resolve('.test-tmp', 'app-logs');

/** The admin key every test app bootstraps with (the database is shared by the run). */
export const TEST_ADMIN_KEY = 'pai_test_admin_key_0123456789abcdefghijklmnop';

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  /** Every JSON log line the app wrote, to check what it logs (and never logs). */
  logs: string[];
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  databaseUrl?: string;
}

export function testDatabaseUrl(): string {
  const url = process.env.PAI_TEST_DATABASE_URL;
  if (!url)
    throw new Error('PAI_TEST_DATABASE_URL is unset: run the tests through jest (global setup)');
  return url;
}

/**
 * The whole application as main.ts builds it, listening on a free loopback port, with the
 * environment the test asks for (restored afterwards so tests do not leak settings).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logs: string[] = [];
  mkdirSync(RUN_LOG_DIR, { recursive: true });
  const runLogFile = path.join(RUN_LOG_DIR, `${process.pid}.jsonl`);
  const saved = { ...process.env };
  // Background work is opt-in per test: a worker or cron acting on other tests' rows would make them flaky.
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY,
    WORKERS_ENABLED: 'false',
    SCHEDULER_ENABLED: 'false',
    AI_BACKEND: 'mock',
  });
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({
        databaseUrl: options.databaseUrl ?? testDatabaseUrl(),
        logDestination: {
          write: (line: string) => {
            logs.push(line);
            appendFileSync(runLogFile, line);
          },
        },
      }),
      { bodyParser: false, bufferLogs: true, abortOnError: false, forceCloseConnections: true },
    );
    configureApp(app);
    // A start that fails half-way (a bootstrap hook throwing) must not leave listeners
    // reconnecting after the test ends.
    await app.listen(0, '127.0.0.1').catch(async (error: unknown) => {
      await app.close().catch(() => undefined);
      throw error;
    });
  } finally {
    process.env = saved;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return { app, baseUrl, logs, http: () => request(baseUrl), close: () => app.close() };
}

/** Fails when anything shaped like a real API key (or one of the given secrets) was logged. */
export function findKeyMaterial(logs: string[], secrets: string[] = []): string[] {
  return logs.filter(
    (line) =>
      /pai_(?!\[REDACTED\])[A-Za-z0-9_-]{16,}/.test(line) || secrets.some((s) => line.includes(s)),
  );
}
