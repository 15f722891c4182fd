import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { KeysetCursor } from '../common/pagination/cursor.js';
import { BackupRun, type BackupTrigger, type DrillState } from './backup-run.entity.js';

interface BackupRunRow {
  id: string;
  trigger: BackupTrigger;
  slot_key: string | null;
  state: BackupRun['state'];
  file_name: string | null;
  size_bytes: string | null;
  sha256: string | null;
  migration: string | null;
  duration_ms: number | null;
  error: string | null;
  drill_state: DrillState;
  drill_detail: string | null;
  drill_duration_ms: number | null;
  drilled_at: Date | null;
  started_at: Date;
  finished_at: Date | null;
  deleted_at: Date | null;
}

const COLUMNS = `id, trigger, slot_key, state, file_name, size_bytes::text AS size_bytes, sha256, migration, duration_ms, error,
  drill_state, drill_detail, drill_duration_ms, drilled_at, started_at, finished_at, deleted_at`;

function toRun(row: BackupRunRow): BackupRun {
  return Object.assign(new BackupRun(), {
    id: row.id,
    trigger: row.trigger,
    slotKey: row.slot_key,
    state: row.state,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    migration: row.migration,
    durationMs: row.duration_ms,
    error: row.error,
    drillState: row.drill_state,
    drillDetail: row.drill_detail,
    drillDurationMs: row.drill_duration_ms,
    drilledAt: row.drilled_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    deletedAt: row.deleted_at,
  });
}

const CLAIM_LOCK = 'pai-backup-claim';

export interface FinishedSnapshot {
  fileName: string;
  sizeBytes: number;
  sha256: string;
  migration: string;
  durationMs: number;
}

@Injectable()
export class BackupRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims a backup: for a scheduled one, the first instance to insert its slot wins (the
   * advisory lock serialises the claimers; the unique slot makes a late one a no-op).
   */
  async claim(
    trigger: BackupTrigger,
    slotKey: string | null,
    startedAt: Date,
  ): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS "locked"`,
        [CLAIM_LOCK],
      )) as { locked: boolean }[];
      if (!locked) return null;
      const rows = (await manager.query(
        `INSERT INTO backup_runs (trigger, slot_key, started_at) VALUES ($1, $2, $3)
         ON CONFLICT (slot_key) WHERE slot_key IS NOT NULL DO NOTHING RETURNING id`,
        [trigger, slotKey, startedAt],
      )) as { id: string }[];
      return rows[0]?.id ?? null;
    });
  }

  async markDone(id: string, snapshot: FinishedSnapshot, finishedAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE backup_runs SET state = 'done', file_name = $2, size_bytes = $3, sha256 = $4, migration = $5, duration_ms = $6, finished_at = $7
       WHERE id = $1`,
      [
        id,
        snapshot.fileName,
        snapshot.sizeBytes,
        snapshot.sha256,
        snapshot.migration,
        snapshot.durationMs,
        finishedAt,
      ],
    );
  }

  async markFailed(id: string, error: string, finishedAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE backup_runs SET state = 'failed', error = $2, drill_state = 'not_run', finished_at = $3 WHERE id = $1`,
      [id, error, finishedAt],
    );
  }

  async recordDrill(
    id: string,
    state: DrillState,
    detail: string,
    durationMs: number | null,
    at: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE backup_runs SET drill_state = $2, drill_detail = $3, drill_duration_ms = $4, drilled_at = $5 WHERE id = $1`,
      [id, state, detail, durationMs, at],
    );
  }

  async page(limit: number, after?: KeysetCursor): Promise<BackupRun[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM backup_runs
       WHERE deleted_at IS NULL ${after ? 'AND (started_at, id) < ($2, $3)' : ''}
       ORDER BY started_at DESC, id DESC LIMIT $1`,
      after ? [limit, after.createdAt, after.id] : [limit],
    )) as BackupRunRow[];
    return rows.map(toRun);
  }

  async findById(id: string): Promise<BackupRun | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM backup_runs WHERE id = $1`, [
      id,
    ])) as BackupRunRow[];
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** The newest backup whose drill passed: the one a restore can count on. */
  async lastGood(): Promise<BackupRun | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM backup_runs WHERE state = 'done' AND drill_state = 'passed' AND deleted_at IS NULL
       ORDER BY started_at DESC LIMIT 1`,
    )) as BackupRunRow[];
    return rows[0] ? toRun(rows[0]) : null;
  }

  async latestFinished(): Promise<BackupRun | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM backup_runs WHERE state <> 'running' AND deleted_at IS NULL ORDER BY started_at DESC LIMIT 1`,
    )) as BackupRunRow[];
    return rows[0] ? toRun(rows[0]) : null;
  }

  async startedBefore(cutoff: Date): Promise<BackupRun[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM backup_runs WHERE started_at < $1 AND deleted_at IS NULL AND state <> 'running'`,
      [cutoff],
    )) as BackupRunRow[];
    return rows.map(toRun);
  }

  async markDeleted(ids: string[], at: Date): Promise<void> {
    if (ids.length)
      await this.dataSource.query(`UPDATE backup_runs SET deleted_at = $2 WHERE id = ANY($1)`, [
        ids,
        at,
      ]);
  }
}
