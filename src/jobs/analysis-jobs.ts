import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from './job-queue.service.js';
import { ANALYZE_THOUGHT_BULK_QUEUE, ANALYZE_THOUGHT_QUEUE } from './queues.js';

export interface AnalyzeThoughtJob {
  thoughtId: string;
  userId: string;
  /** 'capture' also covers edits of the content; 'reanalyze' and 'import' are bulk work. */
  reason: 'capture' | 'manual' | 'reanalyze' | 'import';
  /** Set when the job belongs to a bulk re-analysis (whose progress it reports) or an import. */
  operationId?: string;
}

export const BULK_REASONS: ReadonlySet<AnalyzeThoughtJob['reason']> = new Set([
  'reanalyze',
  'import',
]);

/** The queue a job belongs in, and its options there: bulk jobs are grouped by user for the per-user cap. */
function routed(
  job: AnalyzeThoughtJob,
): [string, { singletonKey: string; group?: { id: string } }] {
  if (BULK_REASONS.has(job.reason))
    return [ANALYZE_THOUGHT_BULK_QUEUE, { singletonKey: job.thoughtId, group: { id: job.userId } }];
  return [ANALYZE_THOUGHT_QUEUE, { singletonKey: job.thoughtId }];
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
  /** Per queue: the open nudge window, and whether another nudge is owed when it closes. */
  private readonly windows = new Map<string, { timer: NodeJS.Timeout; again: boolean }>();

  constructor(private readonly queue: JobQueue) {}

  onApplicationShutdown(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  /**
   * At most one queued analysis per thought and queue (the queues' "short" policy keyed on the
   * thought): null when one is already waiting. Bulk reasons go to the bulk queue, grouped by
   * user so its workers take at most BULK_JOBS_PER_USER of one user's jobs at once.
   */
  enqueue(job: AnalyzeThoughtJob, manager?: EntityManager): Promise<string | null> {
    const [name, options] = routed(job);
    return this.queue.send(name, job, options, manager);
  }

  /** Many at once, in one statement (a re-analysis chunk); returns how many were queued. */
  async enqueueMany(jobs: AnalyzeThoughtJob[], manager?: EntityManager): Promise<number> {
    let queued = 0;
    for (const name of [ANALYZE_THOUGHT_QUEUE, ANALYZE_THOUGHT_BULK_QUEUE]) {
      const batch = jobs.filter((job) => routed(job)[0] === name);
      if (batch.length === 0) continue;
      queued += await this.queue.insert(
        name,
        batch.map((job) => ({ data: job, ...routed(job)[1] })),
        manager,
      );
    }
    return queued;
  }

  /**
   * Wakes the workers after capture wrote jobs with its own SQL (see analysis-job-sql.ts).
   * pg-boss's send would NOTIFY once per job; a burst of captures costs one NOTIFY per
   * window here, the first at once. Workers poll as well, so a lost nudge only delays.
   */
  nudge(name: string = ANALYZE_THOUGHT_QUEUE): void {
    const open = this.windows.get(name);
    if (open) {
      open.again = true;
      return;
    }
    this.sendNudge(name);
    const timer = setTimeout(() => this.closeWindow(name), NUDGE_WINDOW_MS);
    timer.unref();
    this.windows.set(name, { timer, again: false });
  }

  private closeWindow(name: string): void {
    const window = this.windows.get(name);
    this.windows.delete(name);
    if (window?.again) this.nudge(name);
  }

  private sendNudge(name: string): void {
    this.queue
      .notify(name)
      .catch((error: Error) =>
        this.logger.warn(`could not wake the analysis workers: ${error.message}`),
      );
  }
}
