import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleCron } from '../common/scheduling/schedule-cron.js';
import { ScheduledRuns, minuteSlotOf } from '../common/scheduling/scheduled-runs.repository.js';
import type { AppConfig } from '../config/app-config.js';
import { RetentionService } from './retention.service.js';

const JOB = 'retention';

/**
 * RETENTION_CRON (UTC, default 03:15, after the 02:00 backup and its drill). Every instance
 * fires; the slot claim lets exactly one of them run the rules.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly retention: RetentionService,
    private readonly runs: ScheduledRuns,
    private readonly registry: SchedulerRegistry,
    @Inject(ConfigService) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleCron(this.registry, this.config, JOB, 'RETENTION_CRON', () => this.run());
  }

  async run(now: Date = new Date()): Promise<void> {
    const slot = minuteSlotOf(now);
    try {
      if (!(await this.runs.claim(JOB, slot, now))) return;
      const report = await this.retention.run(now);
      await this.runs.finish(JOB, slot, report, new Date());
    } catch (error) {
      this.logger.error({ err: error }, 'retention run failed');
    }
  }
}
