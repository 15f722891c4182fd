import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { NestPinoLogger } from './common/logging/nest-pino-logger.js';
import { ROOT_LOGGER } from './common/logging/logging.tokens.js';
import { AppModule } from './app.module.js';
import { validateEnv } from './config/env.schema.js';
import { resolveDatabaseLocation } from './database/database-location.js';

/**
 * `npm run worker`: a process that only works the analysis queue (no HTTP), for when the
 * API runs with WORKERS_ENABLED=false. Several may run; the queue hands each job to one.
 */
async function startWorker(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.env.WORKERS_ENABLED = 'true';
  const env = validateEnv(process.env);
  const database = await resolveDatabaseLocation(env);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ databaseUrl: database.url }),
    { bufferLogs: true },
  );
  const logger = new NestPinoLogger(app.get<Logger>(ROOT_LOGGER));
  app.useLogger(logger);
  logger.log(`analysis worker ${process.pid} started`, 'Worker');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // Finishes running jobs (up to the queue's grace period), then releases the database.
    await app.close().catch(() => undefined);
    await database.embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown());
}

startWorker().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: error instanceof Error ? error.message : String(error) })}\n`,
  );
  process.exit(1);
});
