import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleCron } from '../common/scheduling/schedule-cron.js';
import type { AppConfig } from '../config/app-config.js';
import { BackupsService } from './backups.service.js';

/**
 * BACKUP_CRON (UTC) is configuration, so the job is registered at start-up rather than by a
 * decorator. Every instance fires; the slot claim in BackupsService lets one of them work.
 */
@Injectable()
export class BackupSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('BackupSchedule');
  private running = false;

  constructor(
    private readonly backups: BackupsService,
    private readonly registry: SchedulerRegistry,
    @Inject(ConfigService) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleCron(this.registry, this.config, 'database-backup', 'BACKUP_CRON', () => this.tick());
  }

  async tick(now: Date = new Date()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.backups.backUpAndDrill('scheduled', now);
    } catch (error) {
      this.logger.error({ err: error }, 'scheduled backup failed');
    } finally {
      this.running = false;
    }
  }
}
