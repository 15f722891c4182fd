import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Cron } from '@nestjs/schedule';
import type { AppConfig } from '../../config/app-config.js';
import { AiLedgerService } from './ai-ledger.service.js';

/** Thin and flag-gated: the work is in AiLedgerService.purgeExpired, which tests call directly. */
@Injectable()
export class AiLedgerCleanupJob {
  private readonly logger = new Logger('AiLedgerCleanup');
  private readonly enabled: boolean;

  constructor(
    private readonly ledger: AiLedgerService,
    @Inject(ConfigService) config: AppConfig,
  ) {
    this.enabled = config.get('SCHEDULER_ENABLED', { infer: true });
  }

  @Cron('17 3 * * *', { name: 'ai-ledger-cleanup' })
  async run(): Promise<void> {
    if (!this.enabled) return;
    const deleted = await this.ledger.purgeExpired(new Date());
    this.logger.log({ deleted }, 'purged expired AI ledger rows');
  }
}
