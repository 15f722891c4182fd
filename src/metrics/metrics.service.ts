import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BackupsService } from '../backups/backups.service.js';
import { primaryPool } from '../database/pg-pool.js';
import { QUEUE_SCHEMA } from '../jobs/queues.js';
import { backupAge, dbPool, queueDepth, registry } from './app-metrics.js';
// Registered by loading: their values are read at each scrape.
import './memory-metrics.js';

interface QueueCounts {
  name: string;
  queued: number;
  active: number;
  deferred: number;
  failed: number;
}

/** Reads the gauges that describe state (queue, pool, backups) at scrape time, then renders everything. */
@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backups: BackupsService,
  ) {}

  readonly contentType = registry.contentType;

  async render(): Promise<string> {
    await Promise.all([this.readQueues(), this.readBackupAge()]);
    this.readPool();
    return registry.metrics();
  }

  private readPool(): void {
    const pool = primaryPool(this.dataSource);
    if (!pool) return;
    dbPool.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    dbPool.set({ state: 'idle' }, pool.idleCount);
    dbPool.set({ state: 'waiting' }, pool.waitingCount);
  }

  /** pg-boss's monitor keeps per-queue counts on its queue table: reading them scans no jobs. */
  private async readQueues(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT name, queued_count AS queued, active_count AS active, deferred_count AS deferred, failed_count AS failed
       FROM ${QUEUE_SCHEMA}.queue`,
    )) as QueueCounts[];
    queueDepth.reset();
    for (const row of rows) {
      for (const state of ['queued', 'active', 'deferred', 'failed'] as const)
        queueDepth.set({ queue: row.name, state }, row[state]);
    }
  }

  private async readBackupAge(): Promise<void> {
    const health = await this.backups.health();
    backupAge.set(health.ageSeconds ?? Number.NaN);
  }
}
