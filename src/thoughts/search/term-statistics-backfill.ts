import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type BackfillBatch, TermStatisticsRepository } from './term-statistics.repository.js';

/** Thoughts per batch: one short transaction each (about a second on a busy machine). */
const BATCH = 2_000;
/** Another instance holds the batch in hand: look again after this long (it may have died). */
const BUSY_RETRY_MS = 2_000;
/** The database refused a batch (a restart, a deadlock): try again after this long. */
const ERROR_RETRY_MS = 10_000;

/**
 * Counts the words of thoughts stored before term statistics existed (an upgraded install),
 * in the background after start-up instead of inside the migration, which took minutes at
 * 1M thoughts while the app could not start. Batches walk the thoughts by id from a cursor
 * kept in term_statistics_backfill, so a stopped instance resumes where it left off; every
 * instance runs this loop, the state row's lock lets one batch run at a time, and a thought
 * already in thought_terms (counted by the analysis job, an import, or an earlier batch) is
 * never counted again. Until it finishes, words it has not reached yet are unknown to
 * user_terms and search finds them through its trigram arm. A new database is marked
 * finished by its migration and never runs a batch.
 */
@Injectable()
export class TermStatisticsBackfill implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TermStatisticsBackfill');
  private stopping = false;
  private running?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly terms: TermStatisticsRepository) {}

  onApplicationBootstrap(): void {
    this.running = this.run();
  }

  /** Before the database closes: ends the loop after the batch in hand. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    let thoughts = 0;
    let counted = 0;
    while (!this.stopping) {
      let batch: BackfillBatch;
      try {
        batch = await this.terms.backfillBatch(BATCH);
      } catch (error) {
        if (this.stopping) return;
        this.logger.warn(
          { err: (error as Error).message },
          'term statistics backfill batch failed; retrying',
        );
        await this.pause(ERROR_RETRY_MS);
        continue;
      }
      if (batch.state === 'finished') return;
      if (batch.state === 'busy') {
        await this.pause(BUSY_RETRY_MS);
        continue;
      }
      if (thoughts === 0)
        this.logger.log(
          'counting the words of stored thoughts for search and related thoughts (background)',
        );
      thoughts += batch.thoughts;
      counted += batch.counted;
      if (batch.finished) {
        this.logger.log({ thoughts, counted }, 'term statistics backfill finished');
        return;
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
