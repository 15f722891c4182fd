import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../../config/env.schema.js';
import { isConnectionFailure, PROBE_INTERVAL_MS, ReadReplicas } from './read-replicas.service.js';

const MAX_LAG_MS = 2_000;
const READ = 'SELECT * FROM thoughts';

/** A replica's pool as ReadReplicas uses it: the probe's question, and reads it answers as itself. */
class FakeReplica {
  replayedLsn = '0/100';
  inRecovery = true;
  failure: Error | null = null;
  readonly reads: string[] = [];

  constructor(readonly name: string) {}

  async query(sql: string): Promise<{ rows: unknown[] }> {
    if (this.failure) throw this.failure;
    if (sql.includes('pg_is_in_recovery')) {
      return {
        rows: [
          {
            in_recovery: this.inRecovery,
            replayed_lsn: this.replayedLsn,
            replayed_at: new Date(0),
          },
        ],
      };
    }
    this.reads.push(sql);
    return { rows: [{ served_by: this.name }] };
  }
}

function setUp(replicaCount: number) {
  const replicas = Array.from(
    { length: replicaCount },
    (_, index) => new FakeReplica(`replica-${index + 1}`),
  );
  const primary = {
    lsn: '0/100',
    reads: [] as string[],
    driver: { slaves: replicas },
    async query(sql: string): Promise<unknown> {
      if (sql.includes('pg_current_wal_flush_lsn')) return [{ lsn: primary.lsn }];
      primary.reads.push(sql);
      return [{ served_by: 'primary' }];
    },
  };
  const config = {
    get: (name: string) => (name === 'READ_REPLICA_MAX_LAG_MS' ? MAX_LAG_MS : undefined),
  };
  const service = new ReadReplicas(
    primary as unknown as DataSource,
    config as unknown as ConfigService<EnvironmentVariables, true>,
  );
  return { service, primary, replicas };
}

async function servedBy(service: ReadReplicas, userId: string): Promise<string> {
  const [row] = await service.reader(userId).query<{ served_by: string }[]>(READ);
  return row!.served_by;
}

describe('ReadReplicas routing', () => {
  let service: ReadReplicas | undefined;

  // The skip/take-back lines are logged on purpose; not in the test output.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });

  afterEach(async () => {
    await service?.onModuleDestroy();
    service = undefined;
    jest.useRealTimers();
  });

  it('without DATABASE_READ_URLS every read goes to the primary', async () => {
    const setup = setUp(0);
    service = setup.service;
    await service.onModuleInit();
    expect(service.enabled).toBe(false);
    expect(await servedBy(service, 'u1')).toBe('primary');
    expect(service.status()).toEqual([]);
  });

  it('lag-tolerant reads take turns among the healthy replicas', async () => {
    const setup = setUp(2);
    service = setup.service;
    await service.onModuleInit();
    const served = [];
    for (let i = 0; i < 4; i++) served.push(await servedBy(service, 'u1'));
    expect(served.sort()).toEqual(['replica-1', 'replica-1', 'replica-2', 'replica-2']);
    expect(setup.primary.reads).toEqual([]);
    expect(service.status().map((replica) => replica.state)).toEqual(['in_use', 'in_use']);
  });

  it("a user's reads go to the primary while its write is in flight and for the read-your-writes window after; other users' stay on the replica", async () => {
    const setup = setUp(1);
    service = setup.service;
    await service.onModuleInit();
    service.beginWrite('writer');
    expect(await servedBy(service, 'writer')).toBe('primary');
    // A write that outlasts the window still keeps its user on the primary until it ends.
    await jest.advanceTimersByTimeAsync(service.readYourWritesMs + PROBE_INTERVAL_MS);
    expect(await servedBy(service, 'writer')).toBe('primary');
    service.endWrite('writer');
    expect(await servedBy(service, 'other')).toBe('replica-1');
    await jest.advanceTimersByTimeAsync(service.readYourWritesMs - 1);
    expect(await servedBy(service, 'writer')).toBe('primary');
    await jest.advanceTimersByTimeAsync(1);
    expect(await servedBy(service, 'writer')).toBe('replica-1');
  });

  it('skips a replica whose replay falls behind by more than READ_REPLICA_MAX_LAG_MS, and takes it back once caught up', async () => {
    const setup = setUp(2);
    service = setup.service;
    await service.onModuleInit();
    const [stuck, live] = setup.replicas as [FakeReplica, FakeReplica];
    setup.primary.lsn = '0/200';
    live.replayedLsn = '0/200';
    await jest.advanceTimersByTimeAsync(MAX_LAG_MS);
    expect(service.status()[0]).toMatchObject({ state: 'in_use' });
    await jest.advanceTimersByTimeAsync(2 * PROBE_INTERVAL_MS);
    expect(service.status()[0]).toMatchObject({ state: 'lagging', healthy: false });
    for (let i = 0; i < 3; i++) expect(await servedBy(service, 'u1')).toBe('replica-2');

    live.replayedLsn = '0/150';
    await jest.advanceTimersByTimeAsync(MAX_LAG_MS + 2 * PROBE_INTERVAL_MS);
    expect(await servedBy(service, 'u1')).toBe('primary');

    stuck.replayedLsn = '0/200';
    await jest.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    expect(service.status()[0]).toMatchObject({ state: 'in_use', lagMs: 0 });
    expect(await servedBy(service, 'u1')).toBe('replica-1');
  });

  it('a replica that stops answering: the read is served by the primary, the replica is skipped until it answers again', async () => {
    const setup = setUp(1);
    service = setup.service;
    await service.onModuleInit();
    const [replica] = setup.replicas as [FakeReplica];
    replica.failure = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), {
      code: 'ECONNREFUSED',
    });
    expect(await servedBy(service, 'u1')).toBe('primary');
    expect(service.status()[0]).toMatchObject({ state: 'down', healthy: false });
    expect(await servedBy(service, 'u1')).toBe('primary');
    expect(setup.primary.reads).toHaveLength(2);
    replica.failure = null;
    await jest.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    expect(await servedBy(service, 'u1')).toBe('replica-1');
  });

  it('a read the replica cancels (a conflict with replay) is retried on the primary without skipping the replica', async () => {
    const setup = setUp(1);
    service = setup.service;
    await service.onModuleInit();
    const [replica] = setup.replicas as [FakeReplica];
    replica.failure = Object.assign(
      new pg.DatabaseError('canceling statement due to conflict with recovery', 0, 'error'),
      { code: '40001' },
    );
    expect(await servedBy(service, 'u1')).toBe('primary');
    expect(service.status()[0]).toMatchObject({ state: 'in_use', healthy: true });
  });

  it('skips a replica that is not a standby (promoted, it would diverge from the primary)', async () => {
    const setup = setUp(1);
    setup.replicas[0]!.inRecovery = false;
    service = setup.service;
    await service.onModuleInit();
    expect(service.status()[0]).toMatchObject({ state: 'not_standby' });
    expect(await servedBy(service, 'u1')).toBe('primary');
  });
});

describe('isConnectionFailure', () => {
  const serverError = (code: string) =>
    Object.assign(new pg.DatabaseError('x', 0, 'error'), { code });

  it('is true for socket errors and the server going away, false for what the server answered', () => {
    expect(isConnectionFailure(Object.assign(new Error('EPIPE'), { code: 'EPIPE' }))).toBe(true);
    expect(isConnectionFailure(serverError('57P01'))).toBe(true);
    expect(isConnectionFailure(serverError('08006'))).toBe(true);
    expect(isConnectionFailure(serverError('40001'))).toBe(false);
    expect(isConnectionFailure(serverError('22P02'))).toBe(false);
  });
});
