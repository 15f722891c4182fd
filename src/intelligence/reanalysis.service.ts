import { Injectable } from '@nestjs/common';
import { AnalysisJobs } from '../jobs/analysis-jobs.js';
import type { Operation } from '../operations/operation.entity.js';
import { OperationsService } from '../operations/operations.service.js';
import type { AnalysisStatus } from '../thoughts/thought.entity.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';

export const REANALYSIS_MAX = 10_000;

export interface ReanalysisFilter {
  analysisStatuses?: AnalysisStatus[];
  since?: Date;
  until?: Date;
}

/**
 * Re-analyses a filtered set as a tracked operation: for the day the user turns on Claude or
 * the GPU box comes back. Jobs carry the operation id and report their outcome to it.
 */
@Injectable()
export class ReanalysisService {
  constructor(
    private readonly thoughts: ThoughtsService,
    private readonly jobs: AnalysisJobs,
    private readonly operations: OperationsService,
  ) {}

  async start(userId: string, filter: ReanalysisFilter): Promise<Operation> {
    const operation = await this.operations.start(userId, 'reanalyze', {
      analysis_status: filter.analysisStatuses ?? null,
      since: filter.since?.toISOString() ?? null,
      until: filter.until?.toISOString() ?? null,
    });
    const ids = await this.thoughts.idsForReanalysis(userId, filter, REANALYSIS_MAX);
    let queued = 0;
    for (const thoughtId of ids) {
      await this.thoughts.setAnalysisStatus(userId, thoughtId, 'pending');
      // A thought whose analysis is already waiting is not queued twice (nor counted here).
      if (await this.jobs.enqueue({ thoughtId, userId, reason: 'reanalyze', operationId: operation.id })) queued++;
    }
    await this.operations.setTotal(operation.id, queued);
    return this.operations.get(userId, operation.id);
  }
}
