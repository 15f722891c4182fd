import { Injectable, Logger } from '@nestjs/common';
import { aiCalls, aiCost, aiCostSaved, aiDuration, aiTokens } from '../../metrics/app-metrics.js';
import { costAndSaving } from '../pricing.js';
import type { AiAnalysisResult } from './ai-analysis-result.entity.js';
import { AiLedgerRepository, type NewLedgerRow, type UsageRow } from './ai-ledger.repository.js';

export const LEDGER_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** What a caller records; the cost and saving are computed here, cache tokens and batch default to none. */
export type LedgerEntry = Omit<
  NewLedgerRow,
  'costUsd' | 'costSavedUsd' | 'cacheCreationInputTokens' | 'cacheReadInputTokens' | 'batch'
> &
  Partial<Pick<NewLedgerRow, 'cacheCreationInputTokens' | 'cacheReadInputTokens' | 'batch'>>;

@Injectable()
export class AiLedgerService {
  private readonly logger = new Logger('AiLedger');

  constructor(private readonly ledger: AiLedgerRepository) {}

  /**
   * Records one backend call with its estimated cost. A ledger failure is logged, not
   * thrown: losing an audit row must not throw away an answer that was already paid for.
   */
  async record(entry: LedgerEntry): Promise<void> {
    const row = {
      ...entry,
      cacheCreationInputTokens: entry.cacheCreationInputTokens ?? 0,
      cacheReadInputTokens: entry.cacheReadInputTokens ?? 0,
      batch: entry.batch ?? false,
    };
    const { costUsd, savedUsd } = costAndSaving(row.backend, row.model, row, { batch: row.batch });
    // Every backend call passes here once, so the metrics count what the ledger counts.
    aiCalls.inc({ backend: entry.backend, outcome: entry.outcome });
    aiTokens.inc({ backend: entry.backend, direction: 'input' }, entry.inputTokens);
    aiTokens.inc({ backend: entry.backend, direction: 'output' }, entry.outputTokens);
    if (row.cacheCreationInputTokens > 0)
      aiTokens.inc(
        { backend: entry.backend, direction: 'cache_write' },
        row.cacheCreationInputTokens,
      );
    if (row.cacheReadInputTokens > 0)
      aiTokens.inc({ backend: entry.backend, direction: 'cache_read' }, row.cacheReadInputTokens);
    aiCost.inc({ backend: entry.backend, outcome: entry.outcome }, costUsd);
    // A counter only goes up: a cache write's negative saving is left out here (the ledger has the net).
    if (savedUsd > 0)
      aiCostSaved.inc({ backend: entry.backend, via: row.batch ? 'batch' : 'cache' }, savedUsd);
    aiDuration.observe({ backend: entry.backend, outcome: entry.outcome }, entry.latencyMs / 1000);
    try {
      await this.ledger.insert({ ...row, costUsd, costSavedUsd: savedUsd });
    } catch (error) {
      this.logger.error(
        { err: error, backend: entry.backend, operation: entry.operation },
        'could not write the AI ledger row',
      );
    }
  }

  /** The caller's calls per UTC day and backend over the last `days` days (today included). */
  async usage(userId: string, days: number, now: Date): Promise<{ since: Date; rows: UsageRow[] }> {
    const startOfToday = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
    const since = new Date(startOfToday - (days - 1) * DAY_MS);
    return { since, rows: await this.ledger.usageSince(userId, since) };
  }

  /** What the ledger holds for one of the user's thoughts (GET /thoughts/{id}/analyses), newest first. */
  historyForThought(userId: string, thoughtId: string, limit = 100): Promise<AiAnalysisResult[]> {
    return this.ledger.historyForThought(userId, thoughtId, limit);
  }

  /** Deletes rows older than the retention period, counted from `now` (injected for tests). */
  purgeExpired(now: Date, days: number = LEDGER_RETENTION_DAYS): Promise<number> {
    return this.ledger.purgeOlderThan(new Date(now.getTime() - days * DAY_MS));
  }
}
