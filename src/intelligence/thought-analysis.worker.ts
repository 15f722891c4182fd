import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { JobWithMetadata, WorkOptions } from 'pg-boss';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { AnalysisJobs, type AnalyzeThoughtJob } from '../jobs/analysis-jobs.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { ANALYZE_THOUGHT_BULK_QUEUE, ANALYZE_THOUGHT_QUEUE } from '../jobs/queues.js';
import { jobOutcomes } from '../metrics/app-metrics.js';
import { ThoughtAnalysisService } from './thought-analysis.service.js';

/**
 * Takes analysis jobs off the queue in this process (unless WORKERS_ENABLED=false, when
 * separate `npm run worker` processes do). A thrown error is a failed attempt: pg-boss
 * retries it with backoff, and after the last one the thought is marked failed.
 */
@Injectable()
export class ThoughtAnalysisWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(ThoughtAnalysisWorker.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly jobs: AnalysisJobs,
    private readonly analysis: ThoughtAnalysisService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('WORKERS_ENABLED', { infer: true })) return;
    // WORKER_CONCURRENCY pollers each run one job at a time, so a slow analysis never holds
    // back the next job (a shared batch would wait for its slowest member). pg-boss does not
    // burst at batch size 1, so a finished job wakes the pollers (see below): a backlog drains
    // without resting a poll interval between jobs.
    await this.workQueue(ANALYZE_THOUGHT_QUEUE, {
      localConcurrency: this.config.get('WORKER_CONCURRENCY', { infer: true }),
      batchSize: 1,
    });
    // Bulk work has pollers of its own, so fresh captures never queue behind it, and each process
    // runs at most BULK_JOBS_PER_USER of one user's jobs at once, so one user's re-analysis leaves
    // its other pollers to everybody else. pg-boss's in-process group count is exact (it puts
    // back a job fetched past the cap); its database-wide one lets parallel pollers' fetches,
    // which do not see each other's claims, overshoot the cap.
    await this.workQueue(ANALYZE_THOUGHT_BULK_QUEUE, {
      localConcurrency: this.config.get('BULK_WORKER_CONCURRENCY', { infer: true }),
      batchSize: 1,
      localGroupConcurrency: this.config.get('BULK_JOBS_PER_USER', { infer: true }),
    });
  }

  private workQueue(
    name: string,
    concurrency: Pick<WorkOptions, 'localConcurrency' | 'localGroupConcurrency' | 'batchSize'>,
  ): Promise<string> {
    return this.queue.work<AnalyzeThoughtJob>(
      name,
      {
        ...concurrency,
        burstWhenBatchFull: true,
        pollingIntervalSeconds: 2,
        // NOTIFY wakes workers for new jobs, but not when a retry's backoff ends: keep polling.
        notifyPollingIntervalSeconds: 2,
        includeMetadata: true,
        perJobResults: true,
      },
      (jobs: JobWithMetadata<AnalyzeThoughtJob>[]) =>
        Promise.all(
          jobs.map(async (job) => {
            try {
              await this.handle(job);
              jobOutcomes.inc({ queue: name, outcome: 'completed' });
              return { id: job.id, status: 'completed' as const };
            } catch (error) {
              jobOutcomes.inc({ queue: name, outcome: 'failed' });
              return {
                id: job.id,
                status: 'failed' as const,
                output: { message: (error as Error).message },
              };
            } finally {
              this.jobs.nudge(name);
            }
          }),
        ),
    );
  }

  async handle(
    job: Pick<JobWithMetadata<AnalyzeThoughtJob>, 'id' | 'data' | 'retryCount' | 'retryLimit'>,
  ): Promise<void> {
    const started = Date.now();
    try {
      const outcome = await this.analysis.analyze(job.data);
      this.logger.log(
        {
          job_id: job.id,
          thought_id: job.data.thoughtId,
          outcome,
          ms: Date.now() - started,
          pid: process.pid,
        },
        'analysis finished',
      );
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      this.logger.warn(
        {
          job_id: job.id,
          thought_id: job.data.thoughtId,
          attempt: job.retryCount + 1,
          last,
          err: (error as Error).message,
        },
        'analysis attempt failed',
      );
      if (last) await this.analysis.giveUp(job.data);
      throw error;
    }
  }
}
