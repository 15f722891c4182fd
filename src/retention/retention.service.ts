import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AiLedgerService } from '../ai/ledger/ai-ledger.service.js';
import { BackupsService } from '../backups/backups.service.js';
import type { AppConfig } from '../config/app-config.js';
import { ConsciousnessService } from '../consciousness/consciousness.service.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';

export interface RetentionReport {
  suggestions_expired: number;
  ai_audit_deleted: number;
  checks_deleted: number;
  backups_deleted: number;
}

/**
 * Every retention rule of the product in one place, with its period from configuration.
 * `now` is a parameter so a test can run a night months ahead. Each rule is idempotent, so
 * several instances running the same night only repeat no-ops.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly ledger: AiLedgerService,
    private readonly consciousness: ConsciousnessService,
    private readonly backups: BackupsService,
    @Inject(ConfigService) private readonly config: AppConfig,
  ) {}

  async run(now: Date): Promise<RetentionReport> {
    const days = (
      key:
        | 'SUGGESTION_RETENTION_DAYS'
        | 'AI_AUDIT_RETENTION_DAYS'
        | 'CHECK_RETENTION_DAYS'
        | 'BACKUP_RETENTION_DAYS',
    ) => this.config.get(key, { infer: true });
    const report: RetentionReport = {
      suggestions_expired: await this.suggestions.expireStale(
        now,
        days('SUGGESTION_RETENTION_DAYS'),
      ),
      ai_audit_deleted: await this.ledger.purgeExpired(now, days('AI_AUDIT_RETENTION_DAYS')),
      checks_deleted: await this.consciousness.purgeExpired(now, days('CHECK_RETENTION_DAYS')),
      backups_deleted: await this.backups.purgeOlderThan(days('BACKUP_RETENTION_DAYS'), now),
    };
    this.logger.log(report, 'retention run');
    return report;
  }
}
