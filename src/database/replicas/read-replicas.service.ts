import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import pg, { type Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../../config/env.schema.js';
import { lagTolerantReads, replicaHealthy, replicaLag } from '../../metrics/app-metrics.js';
import { replicaPools } from '../pg-pool.js';
import { parseLsn, PrimaryPositions } from './primary-positions.js';
import { judgeReplica, mustReadPrimary, pickReplica, type ReplicaHealth } from './read-routing.js';

/** How often each replica's lag is measured: the longest a lagging or dead one keeps taking reads. */
export const PROBE_INTERVAL_MS = 1_000;
const PROBE_TIMEOUT_MS = 1_500;

/** Runs a read; the primary's DataSource is one, a replica's reader another. */
export interface Reader {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

interface Replica {
  health: ReplicaHealth;
  pool: Pool;
}

/**
 * Routes the reads that may lag to the read replicas (DATABASE_READ_URLS) whose pools
 * TypeORM's replication support opened (see ../pg-pool.ts), explicitly: TypeORM would pick
 * one at random, dead or lagging. A probe measures every replica's lag each second; a replica that is
 * down, not a standby, or behind by more than READ_REPLICA_MAX_LAG_MS is skipped, and with none
 * left the primary serves. A user's reads go to the primary while one of its writes is in
 * flight and for a while after (see readYourWritesMs), so a caller always sees what it wrote.
 * Everything else (writes, and reads not routed here) uses the primary, as before.
 */
@Injectable()
export class ReadReplicas implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadReplicas');
  private readonly maxLagMs: number;
  /**
   * After a write ends, a replica still taking reads has replayed everything committed more
   * than max lag + one probe interval ago (its lag was measured within the last interval),
   * so the user's reads stay on the primary that long, with one interval of slack.
   */
  readonly readYourWritesMs: number;
  private replicas: Replica[] = [];
  private readonly positions: PrimaryPositions;
  private readonly writesInFlight = new Map<string, number>();
  private readonly lastWriteEnded = new Map<string, number>();
  private turn = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.maxLagMs = config.get('READ_REPLICA_MAX_LAG_MS', { infer: true });
    this.readYourWritesMs = this.maxLagMs + 2 * PROBE_INTERVAL_MS;
    this.positions = new PrimaryPositions(Math.max(10_000, 2 * this.maxLagMs));
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  async onModuleInit(): Promise<void> {
    this.replicas = replicaPools(this.dataSource).map((pool, index) => ({
      pool,
      // Numbered, not named by host: the health endpoint is public.
      health: {
        name: `replica-${index + 1}`,
        state: 'unprobed',
        healthy: false,
        lagMs: null,
        reason: 'not probed yet',
      },
    }));
    if (!this.enabled) return;
    // Judge every replica before the first request rather than route blind.
    await this.probe();
    this.timer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.probing;
  }

  /** Where `userId`'s next lag-tolerant read goes: a healthy replica, or else the primary. */
  reader(userId: string): Reader {
    if (!this.enabled) return this.dataSource;
    const now = Date.now();
    if (
      mustReadPrimary(
        this.writesInFlight.get(userId) ?? 0,
        this.lastWriteEnded.get(userId),
        now,
        this.readYourWritesMs,
      )
    ) {
      lagTolerantReads.inc({ target: 'primary', reason: 'own_write' });
      return this.dataSource;
    }
    const index = pickReplica(
      this.replicas.map((replica) => replica.health),
      this.turn++,
    );
    if (index < 0) {
      lagTolerantReads.inc({ target: 'primary', reason: 'no_healthy_replica' });
      return this.dataSource;
    }
    return this.replicaReader(this.replicas[index]!);
  }

  /** A write by `userId` starts: until it ends and for readYourWritesMs after, its reads use the primary. */
  beginWrite(userId: string): void {
    if (!this.enabled) return;
    this.writesInFlight.set(userId, (this.writesInFlight.get(userId) ?? 0) + 1);
  }

  endWrite(userId: string): void {
    if (!this.enabled) return;
    const left = (this.writesInFlight.get(userId) ?? 1) - 1;
    if (left > 0) this.writesInFlight.set(userId, left);
    else this.writesInFlight.delete(userId);
    this.lastWriteEnded.set(userId, Date.now());
  }

  /** Each replica as the last probe found it (empty without DATABASE_READ_URLS). */
  status(): ReplicaHealth[] {
    return this.replicas.map((replica) => ({ ...replica.health }));
  }

  /** A replica's reader: a read it fails (it died since the last probe) is served by the primary. */
  private replicaReader(replica: Replica): Reader {
    return {
      query: async <T>(sql: string, parameters?: unknown[]): Promise<T> => {
        try {
          const { rows } = await replica.pool.query(sql, parameters);
          lagTolerantReads.inc({ target: 'replica', reason: 'replica' });
          return rows as T;
        } catch (error) {
          // A replica cancels reads that conflict with replay, and bad input fails there as
          // it would on the primary: only a lost connection means the replica is gone.
          if (isConnectionFailure(error)) this.markDown(replica, (error as Error).message);
          lagTolerantReads.inc({ target: 'primary', reason: 'replica_error' });
          return this.dataSource.query<T>(sql, parameters);
        }
      },
    };
  }

  private probe(): Promise<void> {
    this.probing ??= this.measureAll().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async measureAll(): Promise<void> {
    try {
      const [row] = await withTimeout(
        this.dataSource.query<{ lsn: string }[]>('SELECT pg_current_wal_flush_lsn()::text AS lsn'),
      );
      this.positions.add(Date.now(), parseLsn(row!.lsn));
    } catch {
      // The primary is down: the replicas are judged against its last known position.
    }
    await Promise.all(this.replicas.map((replica) => this.measure(replica)));
    this.forgetOldWrites();
  }

  private async measure(replica: Replica): Promise<void> {
    let next: ReplicaHealth;
    try {
      const { rows } = await withTimeout(
        replica.pool.query<{
          in_recovery: boolean;
          replayed_lsn: string | null;
          replayed_at: Date | null;
        }>(
          'SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replayed_lsn, pg_last_xact_replay_timestamp() AS replayed_at',
        ),
      );
      const {
        in_recovery: inRecovery,
        replayed_lsn: replayedLsn,
        replayed_at: replayedAt,
      } = rows[0]!;
      const lagMs =
        replayedLsn === null
          ? Infinity
          : this.positions.lagMs(parseLsn(replayedLsn), replayedAt?.getTime() ?? null, Date.now());
      next = judgeReplica(replica.health.name, { inRecovery, lagMs }, this.maxLagMs);
    } catch (error) {
      next = judgeReplica(replica.health.name, { error: (error as Error).message }, this.maxLagMs);
    }
    this.update(replica, next);
  }

  private markDown(replica: Replica, message: string): void {
    this.update(replica, judgeReplica(replica.health.name, { error: message }, this.maxLagMs));
  }

  private update(replica: Replica, next: ReplicaHealth): void {
    const was = replica.health;
    replica.health = next;
    replicaHealthy.set({ replica: next.name }, next.healthy ? 1 : 0);
    replicaLag.set({ replica: next.name }, next.lagMs ?? NaN);
    if (was.healthy && !next.healthy) {
      this.logger.warn(`${next.name} skipped for reads: ${next.reason}`);
    } else if (!was.healthy && next.healthy) {
      this.logger.log(`${next.name} takes reads (${next.lagMs} ms behind the primary)`);
    }
  }

  /** Keeps the per-user write times to the users that wrote within the window. */
  private forgetOldWrites(): void {
    const cutoff = Date.now() - this.readYourWritesMs;
    for (const [userId, at] of this.lastWriteEnded)
      if (at < cutoff) this.lastWriteEnded.delete(userId);
  }
}

/** A probe must not wait on a black-holed host for the pool's connection timeout. */
function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Not an error the server answered with (a socket error, a timeout), or the server going away (08, 57P). */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  return error.code?.startsWith('08') === true || error.code?.startsWith('57P') === true;
}
