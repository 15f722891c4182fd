import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { freePort, ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';
import {
  type FigureValue,
  recordFigures,
  recordSkip,
  RESULTS_DIR,
  SHORT,
} from './support/figures.js';
import {
  clusterWorkDir,
  createPrimary,
  createStandby,
  type PrivateCluster,
  missingPostgresPrograms,
} from './support/private-postgres.js';

const SECTION = 'read-replicas';
const ADMIN_KEY = 'pai_replica_reliability_admin_key_0123456789';
const METRICS_TOKEN = 'replica-reliability-metrics-token';
/** The server's READ_REPLICA_MAX_LAG_MS: long enough to read a paused replica, short for the skip. */
const MAX_LAG_MS = 5_000;
const SEED = 'replica seed about gardening';
const EDITED = 'replica seed edited behind the paused replica';

interface ReplicaState {
  name: string;
  state: string;
  lag_ms: number | null;
}

/** One query on a cluster, on a connection of its own (a standby is stopped and restarted). */
async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const missing = missingPostgresPrograms();

if (missing !== null) {
  describe('read replicas', () => {
    it('records why it cannot run here', () => {
      recordSkip(SECTION, missing);
      expect(existsSync(path.join(RESULTS_DIR, `${SECTION}.json`))).toBe(true);
    });
  });
} else {
  /**
   * The built server against a primary and a real hot standby streaming from it, both clusters
   * of this test's own (temp folders, free ports): reads that may lag are served by the standby,
   * the writer reads its own writes from the primary, and a standby that lags or stops is
   * skipped without a failed request, then taken back.
   */
  describe('read replicas (a real streaming standby)', () => {
    const figures: Record<string, FigureValue> = {};
    let work: { dir: string; remove: () => void };
    let serverDir: string;
    let primary: PrivateCluster;
    let standby: PrivateCluster;
    let server: ServerProcess;
    let secondServer: ServerProcess | undefined;
    let writerKey: string;
    let readerKey: string;
    let seedId: string;
    let editedAt = 0;

    const api = async (key: string, method: string, route: string, body?: unknown) => {
      const response = await fetch(`${server.baseUrl}/api/v1${route}`, {
        method,
        headers: {
          Authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : text,
      };
    };
    const contents = async (key: string, query = '') => {
      const { status, body } = await api(key, 'GET', `/thoughts${query}`);
      expect(status).toBe(200);
      return ((body as { items: { id: string; content: string }[] }).items ?? []).map(
        (item) => item.content,
      );
    };
    const replicas = async (of = server): Promise<ReplicaState[]> => {
      const response = await fetch(`${of.baseUrl}/api/v1/health`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { read_replicas: ReplicaState[] }).read_replicas;
    };
    const replica = async (): Promise<ReplicaState> => (await replicas())[0]!;
    /** The server's own count of lag-tolerant reads, by `target/reason`. */
    const reads = async (of = server): Promise<Record<string, number>> => {
      const text = await (
        await fetch(`${of.baseUrl}/metrics`, {
          headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
        })
      ).text();
      const counts: Record<string, number> = {};
      for (const match of text.matchAll(
        /^pai_db_lag_tolerant_reads_total\{target="(\w+)",reason="(\w+)"\} (\d+)/gm,
      )) {
        counts[`${match[1]}/${match[2]}`] = Number(match[3]);
      }
      return counts;
    };
    const delta = (after: Record<string, number>, before: Record<string, number>, key: string) =>
      (after[key] ?? 0) - (before[key] ?? 0);
    const waitForState = (state: string, timeoutMs: number) =>
      waitFor(replica, (current) => current.state === state, {
        timeoutMs,
        intervalMs: 100,
        what: `replica ${state}`,
      });

    const serverEnv = (readUrls: string) => ({
      DATABASE_URL: primary.url,
      DATABASE_READ_URLS: readUrls,
      READ_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      METRICS_TOKEN,
      RATE_LIMIT_PER_MINUTE: '100000',
      AI_BACKEND: 'mock',
      LOG_LEVEL: 'warn',
    });

    beforeAll(async () => {
      work = clusterWorkDir('pai-replica-');
      const started = Date.now();
      primary = await createPrimary(work.dir, await freePort());
      standby = await createStandby(work.dir, primary, await freePort());
      figures['clusters ready (primary + pg_basebackup standby), ms'] = Date.now() - started;

      mkdirSync(path.resolve('.test-tmp'), { recursive: true });
      serverDir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'replica-'));
      server = new ServerProcess(await freePort(), serverEnv(standby.url), serverDir);
      server.start();
      // Migrations run on the primary at start-up; the standby replays them.
      figures['server start (migrations on a new primary), ms'] = await server.waitHealthy(90_000);

      writerKey = ADMIN_KEY;
      const created = await api(ADMIN_KEY, 'POST', '/admin/users', {
        name: 'Reader',
        email: 'reader@example.com',
      });
      expect(created.status).toBe(201);
      const createdBody = created.body as { api_key: { key: string } };
      readerKey = createdBody.api_key.key;
      const seeded = await api(readerKey, 'POST', '/thoughts', { content: SEED, tags: ['garden'] });
      expect(seeded.status).toBe(201);
      seedId = (seeded.body as { id: string }).id;
      expect((await api(writerKey, 'POST', '/thoughts', { content: 'writer seed' })).status).toBe(
        201,
      );
      await waitFor(
        () => sql<{ n: number }>(standby.url, 'SELECT count(*)::int AS n FROM thoughts'),
        (rows) => rows[0]!.n === 2,
        { timeoutMs: 15_000, what: 'the standby to replay the seeds' },
      );
    }, 180_000);

    afterAll(async () => {
      await secondServer?.stop('SIGTERM');
      await server?.stop('SIGTERM');
      await standby?.stop('immediate').catch(() => undefined);
      await primary?.stop('immediate').catch(() => undefined);
      work?.remove();
      if (serverDir) rmSync(serverDir, { recursive: true, force: true });
      recordFigures(SECTION, figures);
    }, 120_000);

    it('serves list, search, tags, related, export and usage from the replica: a change it has not replayed is not seen there', async () => {
      expect(await replica()).toMatchObject({ name: 'replica-1', state: 'in_use' });
      // The reader's own capture keeps its reads on the primary for a while; wait that out.
      await waitFor(
        async () => {
          const before = await reads();
          await contents(readerKey);
          return delta(await reads(), before, 'replica/replica');
        },
        (servedByReplica) => servedByReplica >= 1,
        { timeoutMs: 30_000, intervalMs: 250, what: "the reader's reads to go to the replica" },
      );

      await sql(standby.url, 'SELECT pg_wal_replay_pause()');
      await waitFor(
        () =>
          sql<{ state: string }>(standby.url, 'SELECT pg_get_wal_replay_pause_state() AS state'),
        (rows) => rows[0]!.state === 'paused',
        { what: 'replay to pause' },
      );
      // Behind the server's back (it notes no write for the reader): only the primary has it.
      await sql(primary.url, 'UPDATE thoughts SET content = $1 WHERE id = $2', [EDITED, seedId]);
      editedAt = Date.now();
      expect(
        await sql<{ content: string }>(primary.url, 'SELECT content FROM thoughts WHERE id = $1', [
          seedId,
        ]),
      ).toEqual([{ content: EDITED }]);

      const before = await reads();
      expect(await contents(readerKey)).toEqual([SEED]);
      expect(await contents(readerKey, '?q=gardening')).toEqual([SEED]);
      expect(await contents(readerKey, '?q=edited')).toEqual([]);
      expect((await api(readerKey, 'GET', '/tags')).status).toBe(200);
      expect((await api(readerKey, 'GET', `/thoughts/${seedId}/related`)).status).toBe(200);
      expect((await api(readerKey, 'GET', '/ai/usage')).status).toBe(200);
      const exported = await api(readerKey, 'GET', '/export?format=json');
      expect(exported.status).toBe(200);
      expect(JSON.stringify(exported.body)).toContain(SEED);
      const after = await reads();
      // One routed read per list, search, tags, related and usage, and several for the export.
      expect(delta(after, before, 'replica/replica')).toBeGreaterThanOrEqual(8);
      expect(delta(after, before, 'primary/no_healthy_replica')).toBe(0);
      // All of it while the replica was within the allowed lag, or the checks above prove nothing.
      expect(Date.now() - editedAt).toBeLessThan(MAX_LAG_MS);
    });

    it('the writer reads its own capture from the primary while the replica has not replayed it', async () => {
      const captured = await api(writerKey, 'POST', '/thoughts', {
        content: 'fresh capture while replay is paused',
      });
      expect(captured.status).toBe(201);
      const id = (captured.body as { id: string }).id;
      expect(await sql(standby.url, 'SELECT id FROM thoughts WHERE id = $1', [id])).toEqual([]);

      const before = await reads();
      expect(await contents(writerKey)).toContain('fresh capture while replay is paused');
      expect(await contents(writerKey, '?q=fresh')).toEqual([
        'fresh capture while replay is paused',
      ]);
      // (The analysis of that capture may read too, also from the primary.)
      expect(delta(await reads(), before, 'primary/own_write')).toBeGreaterThanOrEqual(2);
      expect(delta(await reads(), before, 'replica/replica')).toBe(0);
      expect(Date.now() - editedAt).toBeLessThan(MAX_LAG_MS);
    });

    it('skips the replica once its replay is further behind than READ_REPLICA_MAX_LAG_MS, and takes it back when it catches up', async () => {
      const skipped = await waitForState('lagging', MAX_LAG_MS + 10_000);
      figures['paused replica skipped after, ms (max lag 5000)'] = Date.now() - editedAt;
      expect(skipped.lag_ms).toBeGreaterThan(MAX_LAG_MS);
      expect(Date.now() - editedAt).toBeLessThan(MAX_LAG_MS + 4_000);

      const before = await reads();
      expect(await contents(readerKey)).toEqual([EDITED]);
      expect(delta(await reads(), before, 'primary/no_healthy_replica')).toBeGreaterThanOrEqual(1);

      await sql(standby.url, 'SELECT pg_wal_replay_resume()');
      const resumed = Date.now();
      const back = await waitForState('in_use', 15_000);
      figures['resumed replica taken back after, ms'] = Date.now() - resumed;
      expect(back.lag_ms).toBeLessThanOrEqual(MAX_LAG_MS);

      const again = await reads();
      expect(await contents(readerKey)).toEqual([EDITED]);
      expect(delta(await reads(), again, 'replica/replica')).toBeGreaterThanOrEqual(1);
    });

    it('skips a stopped replica with every request still answered, and takes it back once restarted', async () => {
      const statuses: number[] = [];
      let running = true;
      const load = (async () => {
        while (running) {
          const { status } = await api(readerKey, 'GET', '/thoughts?limit=5');
          statuses.push(status);
        }
      })();
      const before = await reads();
      const stopping = Date.now();
      await standby.stop('fast');
      const stoppedAt = Date.now();
      figures['standby fast shutdown took, ms'] = stoppedAt - stopping;
      await waitForState('down', 10_000);
      figures['stopped replica skipped after, ms'] = Date.now() - stoppedAt;
      const countAtSkip = statuses.length;
      await waitFor(
        async () => statuses.length,
        (count) => count >= countAtSkip + 20,
        { what: 'reads while the replica is down' },
      );

      const restarting = Date.now();
      await standby.start();
      const restartedAt = Date.now();
      figures['standby restart took, ms'] = restartedAt - restarting;
      await waitForState('in_use', 30_000);
      figures['restarted replica taken back after, ms'] = Date.now() - restartedAt;
      const servedAtReturn = (await reads())['replica/replica'] ?? 0;
      await waitFor(reads, (counts) => (counts['replica/replica'] ?? 0) >= servedAtReturn + 5, {
        what: 'reads served by the replica again',
      });
      running = false;
      await load;

      const after = await reads();
      figures['reads during the outage, all answered'] = statuses.length;
      figures['reads the dying replica failed, answered by the primary'] = delta(
        after,
        before,
        'primary/replica_error',
      );
      figures['reads routed to the primary while the replica was down'] = delta(
        after,
        before,
        'primary/no_healthy_replica',
      );
      expect(statuses.length).toBeGreaterThan(20);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      expect(delta(after, before, 'primary/no_healthy_replica')).toBeGreaterThan(0);
    }, 120_000);

    it('under mixed traffic, the reads of users not writing go to the replica and the writer reads its own writes', async () => {
      const rounds = SHORT ? 40 : 200;
      const before = await reads();
      const started = Date.now();
      let writerSawOwn = 0;
      for (let round = 0; round < rounds; round++) {
        expect(await contents(readerKey, round % 2 === 0 ? '?limit=10' : '?q=edited')).toHaveLength(
          1,
        );
        if (round % 5 === 0) {
          const content = `writer round ${round}`;
          expect((await api(writerKey, 'POST', '/thoughts', { content })).status).toBe(201);
          if ((await contents(writerKey, '?limit=5')).includes(content)) writerSawOwn++;
        }
      }
      const after = await reads();
      const toReplica = delta(after, before, 'replica/replica');
      const total = Object.keys(after).reduce((sum, key) => sum + delta(after, before, key), 0);
      figures['mixed traffic: reads routed'] = total;
      figures['mixed traffic: share served by the replica'] = Number(
        (toReplica / total).toFixed(3),
      );
      figures['mixed traffic: writer saw its own capture at once'] =
        `${writerSawOwn}/${rounds / 5}`;
      figures['mixed traffic: duration, ms'] = Date.now() - started;
      expect(writerSawOwn).toBe(rounds / 5);
      // Every reader read; the writer's reads stay on the primary.
      expect(toReplica).toBeGreaterThanOrEqual(rounds);
      expect(delta(after, before, 'primary/own_write')).toBeGreaterThanOrEqual(rounds / 5);
    });

    it('starts with one of its replicas down, and reads take turns among those that answer', async () => {
      const nobodyListens = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
      secondServer = new ServerProcess(
        await freePort(),
        serverEnv(`${nobodyListens},${standby.url}`),
        serverDir,
      );
      secondServer.start();
      figures['server start with 1 of 2 replicas down, ms'] =
        await secondServer.waitHealthy(90_000);
      expect((await replicas(secondServer)).map((one) => one.state)).toEqual(['down', 'in_use']);

      const before = await reads(secondServer);
      for (let n = 0; n < 10; n++) {
        const response = await fetch(`${secondServer.baseUrl}/api/v1/thoughts`, {
          headers: { Authorization: `Bearer ${readerKey}` },
        });
        expect(response.status).toBe(200);
        await response.body?.cancel();
      }
      const after = await reads(secondServer);
      expect(delta(after, before, 'replica/replica')).toBeGreaterThanOrEqual(10);
      expect(delta(after, before, 'primary/replica_error')).toBe(0);
    }, 120_000);
  });
}
