import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createScratchDatabase } from '../../support/scratch-database.js';
import { freePort, ServerProcess, WORKER_ENTRY } from '../../support/server-process.js';
import { TEST_ADMIN_KEY } from '../../support/test-app.js';
import { bearer } from '../../support/factories.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether the machine's Redis answers (a spec records a skip when it does not). */
export async function redisAvailable(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export interface ClusterOptions {
  apis: number;
  workers: number;
  env?: Record<string, string>;
}

/**
 * Several API processes (different ports) and `npm run worker` processes (the built
 * dist/src/worker.js) on one fresh PostgreSQL database and the machine's Redis, under a key
 * prefix of this run's own: a user's multi-instance installation, as real processes.
 */
export class Cluster {
  apis: ServerProcess[] = [];
  workers: ServerProcess[] = [];
  db!: pg.Pool;
  dir!: string;
  backupDir!: string;
  redisPrefix = `pai-rel:${randomBytes(6).toString('hex')}:`;
  private dropDatabase?: () => Promise<void>;

  constructor(private readonly options: ClusterOptions) {}

  async start(): Promise<void> {
    const database = await createScratchDatabase();
    this.dropDatabase = database.drop;
    this.db = new pg.Pool({ connectionString: database.url, max: 2 });
    // An idle connection ended by the server (the drop at the end) is replaced, not fatal.
    this.db.on('error', () => undefined);
    this.dir = mkdtempSync(path.join(tmpdir(), 'pai-cluster-'));
    this.backupDir = path.join(this.dir, 'backups');
    const env = {
      DATABASE_URL: database.url,
      BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY,
      REDIS_URL: REDIS_URL,
      REDIS_KEY_PREFIX: this.redisPrefix,
      BACKUP_DIR: this.backupDir,
      // Five processes on a PostgreSQL others share: small pools.
      DATABASE_POOL_SIZE: '3',
      LOG_LEVEL: 'info',
      AI_BACKEND: 'mock',
      SCHEDULER_ENABLED: 'false',
      ...this.options.env,
    };
    const dataDir = (name: string) => path.join(this.dir, name);
    for (let i = 0; i < this.options.apis; i++) {
      this.apis.push(
        new ServerProcess(
          await freePort(),
          { ...env, WORKERS_ENABLED: 'false', DATA_DIR: dataDir(`api-${i}`) },
          this.dir,
        ),
      );
    }
    for (let i = 0; i < this.options.workers; i++) {
      this.workers.push(
        new ServerProcess(
          await freePort(),
          { ...env, DATA_DIR: dataDir(`worker-${i}`) },
          this.dir,
          WORKER_ENTRY,
        ),
      );
    }
    // All at once on the fresh database, as after a deploy: they must take turns migrating.
    for (const process of [...this.apis, ...this.workers]) process.start();
    await Promise.all(this.apis.map((api) => api.waitHealthy(120_000)));
    await Promise.all(
      this.workers.map((worker) => waitForOutput(worker, 'analysis worker', 120_000)),
    );
  }

  /** Stops everything; with `logDir`, keeps each process's output there for a post-mortem. */
  async stop(logDir?: string): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((process) => process.stop('SIGTERM')));
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      this.apis.forEach((api, i) => writeFileSync(path.join(logDir, `api-${i}.log`), api.output));
      this.workers.forEach((worker, i) =>
        writeFileSync(path.join(logDir, `worker-${i}.log`), worker.output),
      );
    }
    await this.db?.end();
    await this.dropDatabase?.();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${this.redisPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }

  /** Every process's output, for counting what each logged. */
  get outputs(): string[] {
    return [...this.apis, ...this.workers].map((process) => process.output);
  }

  async query<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, values)).rows as T[];
  }
}

async function waitForOutput(
  process: ServerProcess,
  text: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!process.output.includes(text)) {
    if (process.child?.exitCode !== null && process.child?.exitCode !== undefined)
      throw new Error(`worker exited early:\n${process.output}`);
    if (Date.now() > deadline)
      throw new Error(`worker not started after ${timeoutMs} ms:\n${process.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One HTTP call to one instance; the body parsed when it is JSON. */
export async function call(
  api: ServerProcess,
  method: string,
  route: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.baseUrl}${route}`, {
    method,
    headers: {
      ...bearer(key),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed };
}

/** A user and a first key, through the admin API of one instance. */
export async function createUserOn(
  api: ServerProcess,
): Promise<{ userId: string; key: string; keyId: string }> {
  const response = await call(api, 'POST', '/api/v1/admin/users', TEST_ADMIN_KEY, {
    name: 'Reliability',
    email: `rel-${randomBytes(6).toString('hex')}@example.test`,
  });
  if (response.status !== 201)
    throw new Error(`create user: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    userId: response.body.user.id,
    key: response.body.api_key.key,
    keyId: response.body.api_key.id,
  };
}
