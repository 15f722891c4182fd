import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Cron } from '@nestjs/schedule';
import type { AppConfig } from '../config/app-config.js';
import { RetentionService } from './retention.service.js';

/** Thin and flag-gated: daily at 03:15 UTC, after the 02:00 backup and its drill. */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly retention: RetentionService,
    @Inject(ConfigService) private readonly config: AppConfig,
  ) {}

  @Cron('0 15 3 * * *', { name: 'retention', timeZone: 'UTC' })
  async run(): Promise<void> {
    if (!this.config.get('SCHEDULER_ENABLED', { infer: true })) return;
    await this.retention.run(new Date()).catch((error: unknown) => this.logger.error({ err: error }, 'retention run failed'));
  }
}
