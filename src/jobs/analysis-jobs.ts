import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from './job-queue.service.js';
import { ANALYZE_THOUGHT_QUEUE } from './queues.js';

export interface AnalyzeThoughtJob {
  thoughtId: string;
  userId: string;
  /** 'capture' also covers edits: both reach the queue through the outbox. */
  reason: 'capture' | 'manual' | 'reanalyze';
  /** Set when the job belongs to a bulk re-analysis, whose progress it reports. */
  operationId?: string;
}

/**
 * Enqueues thought analysis. Lives with the queue, not with the intelligence module, so
 * capture can enqueue without depending on the code that does the analysis.
 */
@Injectable()
export class AnalysisJobs {
  constructor(private readonly queue: JobQueue) {}

  /**
   * At most one queued analysis per thought (the queue's "short" policy keyed on the thought):
   * null when one is already waiting.
   */
  enqueue(job: AnalyzeThoughtJob, manager?: EntityManager): Promise<string | null> {
    return this.queue.send(ANALYZE_THOUGHT_QUEUE, job, { singletonKey: job.thoughtId }, manager);
  }

  /** One statement for a batch (the outbox dispatcher); duplicates per thought are skipped. */
  async enqueueMany(jobs: AnalyzeThoughtJob[], manager: EntityManager): Promise<void> {
    await this.queue.insert(
      ANALYZE_THOUGHT_QUEUE,
      jobs.map((job) => ({ data: job, singletonKey: job.thoughtId })),
      manager,
    );
  }
}
