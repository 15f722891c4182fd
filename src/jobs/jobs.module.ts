import { Global, Module } from '@nestjs/common';
import { AnalysisJobs } from './analysis-jobs.js';
import { JobQueue } from './job-queue.service.js';

@Global()
@Module({ providers: [JobQueue, AnalysisJobs], exports: [JobQueue, AnalysisJobs] })
export class JobsModule {}
