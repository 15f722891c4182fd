import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job } from 'pg-boss';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { CLAUDE_BATCH_QUEUE } from '../jobs/queues.js';
import { type ClaudeBatchJob, ReanalysisBatchService } from './reanalysis-batch.service.js';

/**
 * Works Claude batch steps wherever analysis workers run. The batch's state lives in its row,
 * not in the job: a step lost with its process expires and runs again from that state.
 */
@Injectable()
export class ReanalysisBatchWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReanalysisBatchWorker.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly batches: ReanalysisBatchService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('WORKERS_ENABLED', { infer: true })) return;
    await this.queue.work<ClaudeBatchJob>(
      CLAUDE_BATCH_QUEUE,
      {
        batchSize: 1,
        localConcurrency: 1,
        pollingIntervalSeconds: 2,
        notifyPollingIntervalSeconds: 2,
      },
      async (jobs: Job<ClaudeBatchJob>[]) => {
        for (const job of jobs) {
          const step = await this.batches.step(job.data.batchId);
          this.logger.log(
            { job_id: job.id, batch_id: job.data.batchId, step },
            'batch step finished',
          );
        }
      },
    );
  }
}
