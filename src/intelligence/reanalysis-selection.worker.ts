import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job } from 'pg-boss';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { REANALYSIS_SELECT_QUEUE } from '../jobs/queues.js';
import { ReanalysisService, type SelectChunkJob } from './reanalysis.service.js';

/**
 * Works re-analysis selection chunks wherever analysis workers run. A thrown error fails the
 * chunk's transaction and the job is retried; a process killed mid-chunk leaves the job to
 * expire and run again from the operation's cursor.
 */
@Injectable()
export class ReanalysisSelectionWorker implements OnApplicationBootstrap {
  constructor(
    private readonly queue: JobQueue,
    private readonly reanalysis: ReanalysisService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A NOTIFY that arrives while the poller is busy is lost: poll every second as well.
    if (!this.config.get('WORKERS_ENABLED', { infer: true })) return;
    await this.queue.work<SelectChunkJob>(
      REANALYSIS_SELECT_QUEUE,
      {
        batchSize: 1,
        localConcurrency: 1,
        pollingIntervalSeconds: 1,
        notifyPollingIntervalSeconds: 1,
      },
      async (jobs: Job<SelectChunkJob>[]) => {
        for (const job of jobs) await this.reanalysis.selectChunk(job.data.operationId);
      },
    );
  }
}
