import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from './job-queue.service.js';
import { ANALYZE_THOUGHT_QUEUE } from './queues.js';

export interface AnalyzeThoughtJob {
  thoughtId: string;
  userId: string;
  /** 'capture' also covers edits of the content; 'reanalyze' and 'import' are bulk work. */
  reason: 'capture' | 'manual' | 'reanalyze' | 'import';
  /** Set when the job belongs to a bulk re-analysis (whose progress it reports) or an import. */
  operationId?: string;
}

/** Captures within this window share one wake-up of the workers. */
const NUDGE_WINDOW_MS = 50;

/**
 * Enqueues thought analysis. Lives with the queue, not with the intelligence module, so
 * capture can enqueue without depending on the code that does the analysis.
 */
@Injectable()
export class AnalysisJobs implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisJobs.name);
  private window?: NodeJS.Timeout;
  private nudgeAgain = false;

  constructor(private readonly queue: JobQueue) {}

  onApplicationShutdown(): void {
    clearTimeout(this.window);
  }

  /**
   * At most one queued analysis per thought (the queue's "short" policy keyed on the thought):
   * null when one is already waiting.
   */
  enqueue(job: AnalyzeThoughtJob, manager?: EntityManager): Promise<string | null> {
    return this.queue.send(ANALYZE_THOUGHT_QUEUE, job, { singletonKey: job.thoughtId }, manager);
  }

  /**
   * Wakes the workers after capture wrote jobs with its own SQL (see analysis-job-sql.ts).
   * pg-boss's send would NOTIFY once per job; a burst of captures costs one NOTIFY per
   * window here, the first at once. Workers poll as well, so a lost nudge only delays.
   */
  nudge(): void {
    if (this.window) {
      this.nudgeAgain = true;
      return;
    }
    this.sendNudge();
    this.window = setTimeout(() => this.closeWindow(), NUDGE_WINDOW_MS);
    this.window.unref();
  }

  private closeWindow(): void {
    this.window = undefined;
    if (!this.nudgeAgain) return;
    this.nudgeAgain = false;
    this.nudge();
  }

  private sendNudge(): void {
    this.queue.notify(ANALYZE_THOUGHT_QUEUE).catch((error: Error) => this.logger.warn(`could not wake the analysis workers: ${error.message}`));
  }
}
