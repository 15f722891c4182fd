import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { JobWithMetadata } from 'pg-boss';
import type { EnvironmentVariables } from '../config/env.schema.js';
import type { AnalyzeThoughtJob } from '../jobs/analysis-jobs.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { ANALYZE_THOUGHT_QUEUE } from '../jobs/queues.js';
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
    private readonly analysis: ThoughtAnalysisService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('WORKERS_ENABLED', { infer: true })) return;
    // One poller takes up to WORKER_CONCURRENCY jobs at a time and runs them together; a full
    // batch fetches again at once (a poller taking single jobs would rest a poll interval
    // between every job). Each job settles on its own: one failure does not fail its batch.
    const concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
    await this.queue.work<AnalyzeThoughtJob>(
      ANALYZE_THOUGHT_QUEUE,
      {
        batchSize: concurrency,
        localConcurrency: 1,
        burstWhenBatchFull: concurrency > 1,
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
              return { id: job.id, status: 'completed' as const };
            } catch (error) {
              return { id: job.id, status: 'failed' as const, output: { message: (error as Error).message } };
            }
          }),
        ),
    );
  }

  async handle(job: Pick<JobWithMetadata<AnalyzeThoughtJob>, 'id' | 'data' | 'retryCount' | 'retryLimit'>): Promise<void> {
    const started = Date.now();
    try {
      const outcome = await this.analysis.analyze(job.data);
      this.logger.log({ job_id: job.id, thought_id: job.data.thoughtId, outcome, ms: Date.now() - started, pid: process.pid }, 'analysis finished');
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      this.logger.warn(
        { job_id: job.id, thought_id: job.data.thoughtId, attempt: job.retryCount + 1, last, err: (error as Error).message },
        'analysis attempt failed',
      );
      if (last) await this.analysis.giveUp(job.data);
      throw error;
    }
  }
}
