import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  type Db,
  type JobInsert,
  type JobWithMetadata,
  PgBoss,
  type SendOptions,
  type WorkOptions,
} from 'pg-boss';
import { notifyQueue } from './pg-boss-internals.js';
import type { EntityManager } from 'typeorm';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { DATABASE_URL } from '../database/database.tokens.js';
import { QUEUE_SCHEMA, type QueueDefinition, QUEUES } from './queues.js';

/** pg-boss statements run on the transaction's own connection (the third argument matters). */
function inTransaction(manager: EntityManager): Db {
  return {
    executeSql: async (text: string, values?: unknown[]) => ({
      rows:
        (
          (await manager.queryRunner!.query(text, values as unknown[], true)) as {
            records?: unknown[];
          }
        ).records ?? [],
    }),
  };
}

/** updateQueue takes everything but the policy, which is fixed at creation. */
function updatableOptions(
  options: QueueDefinition['options'],
): Omit<QueueDefinition['options'], 'policy'> {
  const { policy: _policy, ...rest } = options;
  return rest;
}

/**
 * The durable job queue: pg-boss on the same PostgreSQL, so a job can be enqueued in the
 * same transaction as the row it is about, and several processes share the work safely
 * (SKIP LOCKED) with no Redis or broker.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private boss?: PgBoss;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onModuleInit(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: QUEUE_SCHEMA,
      max: 4,
      application_name: 'pai-jobs',
      // Workers wake on NOTIFY when a job is created, so capture-to-analysis is not a poll away.
      useListenNotify: true,
      // Expired jobs (their worker died) are found by the monitor pass: both intervals matter.
      superviseIntervalSeconds: this.config.get('QUEUE_SUPERVISE_INTERVAL_SECONDS', {
        infer: true,
      }),
      monitorIntervalSeconds: this.config.get('QUEUE_SUPERVISE_INTERVAL_SECONDS', { infer: true }),
    });
    boss.on('error', (error: Error) => this.logger.error({ err: error }, 'job queue error'));
    await boss.start();
    const configured = {
      expireInSeconds: this.config.get('ANALYSIS_JOB_EXPIRE_SECONDS', { infer: true }),
      retryLimit: this.config.get('ANALYSIS_RETRY_LIMIT', { infer: true }),
      retryDelay: this.config.get('ANALYSIS_RETRY_DELAY_SECONDS', { infer: true }),
    };
    for (const queue of QUEUES) {
      const options = { ...queue.options, ...(queue.configurable ? configured : {}) };
      // createQueue leaves an existing queue as it was: update it so configuration changes apply.
      if (await boss.getQueue(queue.name))
        await boss.updateQueue(queue.name, updatableOptions(options));
      else await boss.createQueue(queue.name, options);
    }
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    // Let running jobs finish (or be retried elsewhere after they expire), then release.
    await this.boss?.stop({ graceful: true, timeout: 10_000, close: true }).catch(() => undefined);
    this.boss = undefined;
  }

  /**
   * Enqueues a job; with `manager`, inside that transaction (rolled back together), through
   * its query runner so the statements share the transaction's connection.
   */
  send(
    name: string,
    data: object,
    options: SendOptions = {},
    manager?: EntityManager,
  ): Promise<string | null> {
    const db = manager ? inTransaction(manager) : undefined;
    return this.requireBoss().send(name, data, { ...options, ...(db ? { db } : {}) });
  }

  /**
   * Enqueues many jobs in one statement (pg-boss's insert: the queue's retry, expiry and
   * singleton rules apply, conflicts are skipped); returns how many were created.
   */
  async insert(name: string, jobs: JobInsert[], manager?: EntityManager): Promise<number> {
    const db = manager ? inTransaction(manager) : undefined;
    const ids = await this.requireBoss().insert(name, jobs, {
      returnId: true,
      ...(db ? { db } : {}),
    });
    return ids?.length ?? 0;
  }

  /**
   * Wakes the workers listening for this queue, in every process, as pg-boss's own send
   * would (for jobs written by SQL of our own, see analysis-job-sql.ts).
   */
  async notify(name: string): Promise<void> {
    await this.requireBoss().getDb().executeSql(notifyQueue(QUEUE_SCHEMA, name));
  }

  work<T extends object>(
    name: string,
    options: WorkOptions,
    handler: (jobs: JobWithMetadata<T>[]) => Promise<unknown>,
  ): Promise<string> {
    return this.requireBoss().work<T>(name, options, handler as never);
  }

  /** Raw access for tests and admin views (job state, counts). */
  get instance(): PgBoss {
    return this.requireBoss();
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('job queue is not started');
    return this.boss;
  }
}
