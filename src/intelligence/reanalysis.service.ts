import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { AnalysisJobs } from '../jobs/analysis-jobs.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { ANALYZE_THOUGHT_BULK_QUEUE, REANALYSIS_SELECT_QUEUE } from '../jobs/queues.js';
import type { Operation } from '../operations/operation.entity.js';
import { OperationsService } from '../operations/operations.service.js';
import type { AnalysisStatus } from '../thoughts/thought.entity.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import { ReanalysisBatchService } from './reanalysis-batch.service.js';

export const REANALYSIS_MAX = 10_000;

export interface ReanalysisFilter {
  analysisStatuses?: AnalysisStatus[];
  since?: Date;
  until?: Date;
}

export interface SelectChunkJob {
  operationId: string;
}

/**
 * Re-analyses a filtered set as a tracked operation: for the day the user turns on Claude or
 * the GPU box comes back. The request only records the operation and queues its first
 * selection chunk (one transaction), so it answers at once however many thoughts match.
 * Each chunk then marks up to REANALYSIS_CHUNK_SIZE thoughts pending, queues their analysis
 * on the bulk queue and queues the next chunk, in one transaction with the operation's cursor:
 * a chunk lost with its process is redone from the cursor, never twice. Jobs carry the
 * operation id and report their outcome to it; it cannot finish while `selecting`.
 */
@Injectable()
export class ReanalysisService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly thoughts: ThoughtsService,
    private readonly jobs: AnalysisJobs,
    private readonly queue: JobQueue,
    private readonly operations: OperationsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly batches: ReanalysisBatchService,
  ) {}

  async start(userId: string, filter: ReanalysisFilter): Promise<Operation> {
    const operation = await this.dataSource.transaction(async (manager) => {
      const created = await this.operations.start(
        userId,
        'reanalyze',
        {
          analysis_status: filter.analysisStatuses ?? null,
          since: filter.since?.toISOString() ?? null,
          until: filter.until?.toISOString() ?? null,
        },
        { selecting: true },
        manager,
      );
      await this.queue.send(
        REANALYSIS_SELECT_QUEUE,
        { operationId: created.id } satisfies SelectChunkJob,
        {},
        manager,
      );
      return created;
    });
    return operation;
  }

  /** One chunk of an operation's selection; a no-op once the selection is over. */
  async selectChunk(operationId: string): Promise<void> {
    const queuedAny = await this.dataSource.transaction(async (manager) => {
      const operation = await this.operations.lockForSelection(manager, operationId);
      if (!operation?.selecting) return false;
      const limit = Math.min(
        this.config.get('REANALYSIS_CHUNK_SIZE', { infer: true }),
        REANALYSIS_MAX - operation.selected,
      );
      const rows =
        limit > 0
          ? await this.thoughts.markChunkForReanalysis(
              manager,
              operation.userId,
              selectionOf(operation),
              limit,
            )
          : [];
      // A chunk past CLAUDE_BATCH_MIN for a Claude user is one Message Batch instead of one job per thought.
      const batched = await this.batches.shouldBatch(
        operation.userId,
        operation.selected,
        rows.length,
      );
      const queued = batched
        ? await this.batches.queueBatch(
            manager,
            operation.userId,
            operationId,
            rows.map((row) => row.id),
          )
        : await this.jobs.enqueueMany(
            rows.map((row) => ({
              thoughtId: row.id,
              userId: operation.userId,
              reason: 'reanalyze' as const,
              operationId,
            })),
            manager,
          );
      const last = rows.length < limit || operation.selected + rows.length >= REANALYSIS_MAX;
      await this.operations.recordSelection(manager, operationId, {
        taken: rows.length,
        queued,
        after: rows.at(-1) ?? null,
        last,
      });
      if (!last)
        await this.queue.send(
          REANALYSIS_SELECT_QUEUE,
          { operationId } satisfies SelectChunkJob,
          {},
          manager,
        );
      return queued > 0 && !batched;
    });
    if (queuedAny) this.jobs.nudge(ANALYZE_THOUGHT_BULK_QUEUE);
  }
}

/**
 * The stored filter, bounded by the moment the operation was created (thoughts captured after
 * the request are analysed as captures), resuming after the last thought taken.
 */
function selectionOf(
  operation: Operation,
): Parameters<ThoughtsService['markChunkForReanalysis']>[2] {
  const parameters = operation.parameters as {
    analysis_status: AnalysisStatus[] | null;
    since: string | null;
    until: string | null;
  };
  const requested = parameters.until ? new Date(parameters.until) : null;
  const createdBound = new Date(operation.createdAt.getTime() + 1);
  return {
    analysisStatuses: parameters.analysis_status ?? undefined,
    since: parameters.since ? new Date(parameters.since) : undefined,
    until: requested && requested < createdBound ? requested : createdBound,
    after:
      operation.selectAfterCreatedAt && operation.selectAfterId
        ? { createdAt: operation.selectAfterCreatedAt, id: operation.selectAfterId }
        : null,
  };
}
