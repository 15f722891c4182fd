import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config.js';
import { decodeCursor, type Page, toPage } from '../common/pagination/cursor.js';
import { DATABASE_URL } from '../database/database.tokens.js';
import { backupDirectory } from './backup-directory.js';
import { type BackupHealth, backupHealth } from './backup-health.js';
import type { BackupRun, BackupTrigger } from './backup-run.entity.js';
import { BackupRunsRepository } from './backup-runs.repository.js';
import { runRestoreDrill } from './snapshot/restore-drill.js';
import { takeSnapshot } from './snapshot/snapshot-writer.js';

const DAY_MS = 86_400_000;

/** A cron slot names the minute it fired in, the same on every instance. */
export const slotKeyOf = (at: Date) => `backup:${at.toISOString().slice(0, 16)}`;

@Injectable()
export class BackupsService {
  private readonly logger = new Logger('Backups');
  private readonly directory: string;

  constructor(
    private readonly runs: BackupRunsRepository,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(ConfigService) config: AppConfig,
  ) {
    this.directory = backupDirectory({
      BACKUP_DIR: config.get('BACKUP_DIR', { infer: true }),
      DATA_DIR: config.get('DATA_DIR', { infer: true }),
    });
  }

  /**
   * Backs up, then proves the file restores. Scheduled runs claim their slot first so one
   * instance does the work; returns null when another instance has it.
   */
  async backUpAndDrill(trigger: BackupTrigger, now: Date = new Date()): Promise<BackupRun | null> {
    const id = await this.runs.claim(trigger, trigger === 'scheduled' ? slotKeyOf(now) : null, now);
    if (!id) return null;
    let file: string;
    try {
      const snapshot = await takeSnapshot(this.databaseUrl, this.directory, () => now);
      file = snapshot.file;
      await this.runs.markDone(
        id,
        {
          fileName: path.basename(file),
          sizeBytes: snapshot.bytes,
          sha256: snapshot.sha256,
          migration: snapshot.migration,
          durationMs: snapshot.durationMs,
        },
        new Date(),
      );
      this.logger.log(
        { file: path.basename(file), bytes: snapshot.bytes, duration_ms: snapshot.durationMs },
        'backup written',
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.runs.markFailed(id, message, new Date());
      this.logger.error({ err: error }, 'backup failed');
      return this.get(id);
    }
    await this.drill(id, file);
    return this.get(id);
  }

  /** Restores the file into a scratch database and records whether it matched. */
  async drill(id: string, file: string): Promise<void> {
    const result = await runRestoreDrill(this.databaseUrl, file);
    await this.runs.recordDrill(
      id,
      result.ok ? 'passed' : 'failed',
      result.detail,
      result.durationMs,
      new Date(),
    );
    if (result.ok) this.logger.log({ duration_ms: result.durationMs }, 'restore drill passed');
    else this.logger.error({ detail: result.detail }, 'restore drill failed');
  }

  fileOf(run: BackupRun): string | null {
    return run.fileName ? path.join(this.directory, run.fileName) : null;
  }

  async list(limit: number, cursor?: string): Promise<Page<BackupRun>> {
    const rows = await this.runs.page(limit + 1, decodeCursor(cursor));
    return toPage(
      rows,
      limit,
      (run) => run,
      (run) => ({ createdAt: run.startedAt, id: run.id }),
    );
  }

  async health(now: Date = new Date()): Promise<BackupHealth> {
    const [lastGood, latest] = await Promise.all([
      this.runs.lastGood(),
      this.runs.latestFinished(),
    ]);
    return backupHealth(lastGood, latest, now);
  }

  /** Retention: files of backups started before the cut-off are deleted, their rows kept as history. */
  async purgeOlderThan(days: number, now: Date): Promise<number> {
    const expired = await this.runs.startedBefore(new Date(now.getTime() - days * DAY_MS));
    for (const run of expired) {
      const file = this.fileOf(run);
      if (file) {
        await rm(file, { force: true });
        await rm(`${file}.sha256`, { force: true });
      }
    }
    await this.runs.markDeleted(
      expired.map((run) => run.id),
      now,
    );
    return expired.length;
  }

  private get(id: string): Promise<BackupRun | null> {
    return this.runs.findById(id);
  }
}
