import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AnalysisJobs } from '../jobs/analysis-jobs.js';
import { ThoughtsRepository } from './thoughts.repository.js';

const BATCH = 500;
/**
 * A capture's wake-up waits this long, so a burst of captures shares one batch: each batch
 * costs four round trips, which per capture would double what capture costs the server.
 */
const GATHER_MS = 100;
/** The sweep that finds what a crashed process (or another instance) left in the outbox. */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * Moves captured thoughts into the analysis queue. Capture writes one row, pending and not
 * yet queued, in a single statement (a round trip is most of a capture's cost here); this
 * dispatcher then claims such rows and inserts their jobs in one transaction per batch, so a
 * thought is never queued twice and never lost: if the process dies first, the row is still
 * pending and the next sweep, here or in any other instance, queues it.
 */
@Injectable()
export class AnalysisOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisOutbox.name);
  private sweep?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private gathering?: NodeJS.Timeout;
  private again = false;
  private stopped = false;

  constructor(
    private readonly thoughts: ThoughtsRepository,
    private readonly jobs: AnalysisJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep = setInterval(() => this.dispatchNow(), SWEEP_INTERVAL_MS);
    this.sweep.unref();
    this.dispatchNow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweep);
    clearTimeout(this.gathering);
    await this.draining;
  }

  /** Called after a capture: captures within the gathering window, or during a batch, join the next one. */
  wake(): void {
    if (this.stopped || this.gathering) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.gathering = setTimeout(() => {
      this.gathering = undefined;
      this.dispatchNow();
    }, GATHER_MS);
  }

  private dispatchNow(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    try {
      let moved: number;
      do {
        this.again = false;
        moved = await this.dispatchBatch();
      } while (!this.stopped && (moved === BATCH || this.again));
    } catch (error) {
      // The rows stay in the outbox; the next sweep tries again.
      this.logger.warn(`could not queue analyses: ${(error as Error).message}`);
    }
  }

  private dispatchBatch(): Promise<number> {
    return this.thoughts.transaction(async (manager) => {
      const claimed = await this.thoughts.claimUnqueued(manager, BATCH);
      if (claimed.length > 0) {
        await this.jobs.enqueueMany(
          claimed.map((row) => ({ thoughtId: row.id, userId: row.user_id, reason: 'capture' as const })),
          manager,
        );
      }
      return claimed.length;
    });
  }
}
