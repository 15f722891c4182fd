import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { validateEnv } from './config/env.schema.js';
import { resolveDatabaseLocation } from './database/database-location.js';

/** Startup messages before the JSON logger exists, in the same JSON shape. */
function bootLog(level: 'info' | 'warn' | 'error', msg: string): void {
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    service: 'pai',
    context: 'Boot',
    msg,
  });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  const database = await resolveDatabaseLocation(env, (msg, level = 'info') => bootLog(level, msg));
  if (database.embedded) bootLog('info', `using embedded PostgreSQL under ${env.DATA_DIR}`);

  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ databaseUrl: database.url }),
      {
        bodyParser: false,
        bufferLogs: true,
      },
    );
    configureApp(app);
    await app.listen(env.PORT, env.HOST);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.embedded?.stop();
    throw error;
  }
  bootLog('info', `listening on http://${env.HOST}:${env.PORT} (docs at /docs)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    bootLog('info', `${signal} received, shutting down`);
    // close() stops accepting connections, but a client that keeps sending on a keep-alive
    // connection would keep the server up for as long as it does: answer what is in flight
    // with "Connection: close", then cut whatever is left after a bound.
    const http = app?.getHttpServer() as import('node:http').Server | undefined;
    http?.on('request', (_request, response: import('node:http').ServerResponse) => {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    });
    setTimeout(() => http?.closeAllConnections(), 10_000).unref();
    // Stop taking requests and close the pool before PostgreSQL itself goes away.
    await app?.close().catch((error: Error) => bootLog('error', `shutdown: ${error.message}`));
    await database.embedded
      ?.stop()
      .catch((error: Error) => bootLog('error', `shutdown: ${error.message}`));
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => void shutdown(signal));
}

bootstrap().catch((error: unknown) => {
  bootLog('error', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
