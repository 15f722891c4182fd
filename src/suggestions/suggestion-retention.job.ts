import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Cron } from '@nestjs/schedule';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { SuggestionsService } from './suggestions.service.js';

/**
 * Daily, flag-gated, thin: the work is SuggestionsService.expireStale. An UPDATE of rows
 * past the cut-off is idempotent, so several instances running it the same night is harmless.
 */
@Injectable()
export class SuggestionRetentionJob {
  private readonly logger = new Logger(SuggestionRetentionJob.name);

  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Cron('0 15 3 * * *', { name: 'expire-task-suggestions' })
  async run(): Promise<void> {
    if (!this.config.get('SCHEDULER_ENABLED', { infer: true })) return;
    const expired = await this.suggestions.expireStale();
    this.logger.log({ expired }, 'expired stale task suggestions');
  }
}
