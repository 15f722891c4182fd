import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AiOrchestrator } from '../ai/ai-orchestrator.service.js';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { AnalysisJobs, type AnalyzeThoughtJob } from '../jobs/analysis-jobs.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { ANALYZE_THOUGHT_BULK_QUEUE, CLAUDE_BATCH_QUEUE } from '../jobs/queues.js';
import { SettingsService } from '../settings/settings.service.js';
import { ClaudeBatch } from './claude-batch.entity.js';
import { forAnalysis, ThoughtAnalysisService } from './thought-analysis.service.js';

export interface ClaudeBatchJob {
  batchId: string;
}

export type BatchStep = 'submitted' | 'processing' | 'done';

type BatchesClient = NonNullable<
  ReturnType<NonNullable<Awaited<ReturnType<AiOrchestrator['batchBackend']>>>['batchesClient']>
>;

/**
 * Bulk re-analysis through Claude's Message Batches API (half price, answered within a day).
 * A re-analysis chunk past CLAUDE_BATCH_MIN thoughts becomes one `claude_batches` row and one
 * job; each run of the job does one step and queues the next:
 * - submit: every thought's request exactly as a single analysis would send it (same prompt,
 *   same privacy rules, same cache prefix); local_only thoughts and ones gone or switched off
 *   take the single path. The batch id is stored at once, so a restart polls it, never re-submits.
 * - poll: retrieve the batch; still processing queues the next poll, the wait doubling from
 *   CLAUDE_BATCH_POLL_MIN_SECONDS up to CLAUDE_BATCH_POLL_MAX_SECONDS.
 * - results: each answer is validated and applied by the single path's own code (tags, type,
 *   suggestions, links, events, progress) and written to the ledger as a batch call; an
 *   errored, expired or unusable item, and any item missing from the results, is queued as a
 *   single analysis. Applied ids are stored one by one, so a pass cut short applies none twice.
 * A crash between Anthropic accepting a batch and its id being stored would submit it again:
 * the API takes no idempotency key, and that window is one UPDATE long.
 */
@Injectable()
export class ReanalysisBatchService {
  private readonly logger = new Logger('ReanalysisBatches');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analysis: ThoughtAnalysisService,
    private readonly ai: AiOrchestrator,
    private readonly jobs: AnalysisJobs,
    private readonly queue: JobQueue,
    private readonly settings: SettingsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** A chunk goes through a batch when its run has passed the threshold and the user's analyses go to Claude. */
  async shouldBatch(userId: string, selectedBefore: number, chunkSize: number): Promise<boolean> {
    const min = this.config.get('CLAUDE_BATCH_MIN', { infer: true });
    if (min === 0 || chunkSize === 0 || selectedBefore + chunkSize <= min) return false;
    const settings = await this.settings.getForUser(userId);
    return (await this.ai.batchBackend(settings.aiBackend)) !== null;
  }

  /** Records the batch and queues its first step, in the selection chunk's transaction; the thoughts it holds. */
  async queueBatch(
    manager: EntityManager,
    userId: string,
    operationId: string,
    thoughtIds: string[],
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO "claude_batches" ("user_id", "operation_id", "thought_ids") VALUES ($1, $2, $3::uuid[]) RETURNING "id"`,
      [userId, operationId, thoughtIds],
    );
    await this.queue.send(
      CLAUDE_BATCH_QUEUE,
      { batchId: id } satisfies ClaudeBatchJob,
      {},
      manager,
    );
    return thoughtIds.length;
  }

  /** One step of a batch, as its state says; a thrown error is retried by the queue. */
  async step(batchId: string, now: Date = new Date()): Promise<BatchStep> {
    const batch = await this.dataSource.getRepository(ClaudeBatch).findOneBy({ id: batchId });
    if (!batch || batch.state === 'done') return 'done';
    return batch.state === 'submitting' ? this.submit(batch, now) : this.poll(batch, now);
  }

  private async submit(batch: ClaudeBatch, now: Date): Promise<BatchStep> {
    const settings = await this.settings.getForUser(batch.userId);
    const backend = await this.ai.batchBackend(settings.aiBackend);
    const client = backend?.batchesClient();
    if (!backend || !client) return this.finish(batch, batch.thoughtIds);
    const requests: {
      custom_id: string;
      params: ReturnType<typeof backend.analyzeRequest>['params'];
    }[] = [];
    const single: string[] = [];
    let promptVersion = '';
    for (const thoughtId of batch.thoughtIds) {
      if (batch.appliedIds.includes(thoughtId)) continue;
      const prepared = await this.analysis.prepare(this.jobOf(batch, thoughtId), now);
      if ('outcome' in prepared) {
        // Gone or switched off: already reported to the operation, as a single analysis would.
        await this.markApplied(batch.id, thoughtId);
        continue;
      }
      const request = this.ai.batchRequest(
        backend,
        forAnalysis(prepared.thought),
        prepared.context,
      );
      if (!request) {
        single.push(thoughtId);
        continue;
      }
      promptVersion = request.promptVersion;
      requests.push({ custom_id: thoughtId, params: request.params });
    }
    if (requests.length === 0) return this.finish(batch, single);
    let anthropicId: string;
    try {
      anthropicId = (await client.create({ requests })).id;
    } catch (error) {
      this.logger.warn(
        { batch_id: batch.id, err: (error as Error).name },
        'could not submit the batch: its thoughts are analysed one by one',
      );
      return this.finish(batch, [...single, ...requests.map((request) => request.custom_id)]);
    }
    await this.dataSource.query(
      `UPDATE "claude_batches" SET "anthropic_batch_id" = $2, "model" = $3, "prompt_version" = $4, "state" = 'processing',
              "submitted_at" = now(), "updated_at" = now() WHERE "id" = $1`,
      [batch.id, anthropicId, backend.model, promptVersion],
    );
    await this.queueSingles(batch, single);
    this.logger.log(
      { batch_id: batch.id, anthropic_batch_id: anthropicId, requests: requests.length },
      'batch submitted',
    );
    await this.schedulePoll(batch.id, 0);
    return 'submitted';
  }

  private async poll(batch: ClaudeBatch, now: Date): Promise<BatchStep> {
    const client = this.ai.claudeBackend()?.batchesClient();
    // The key was removed since submission: nothing can read the batch, analyse one by one.
    if (!client || !batch.anthropicBatchId)
      return this.finish(
        batch,
        batch.thoughtIds.filter((id) => !batch.appliedIds.includes(id)),
      );
    const status = await client.retrieve(batch.anthropicBatchId);
    if (status.processing_status !== 'ended') {
      await this.dataSource.query(
        `UPDATE "claude_batches" SET "polls" = "polls" + 1, "updated_at" = now() WHERE "id" = $1`,
        [batch.id],
      );
      await this.schedulePoll(batch.id, batch.polls + 1);
      return 'processing';
    }
    return this.applyResults(batch, client, now);
  }

  private async applyResults(
    batch: ClaudeBatch,
    client: BatchesClient,
    now: Date,
  ): Promise<BatchStep> {
    const pending = new Set(batch.thoughtIds.filter((id) => !batch.appliedIds.includes(id)));
    const single: string[] = [];
    const facts = { model: batch.model ?? 'claude', promptVersion: batch.promptVersion ?? '' };
    const latencyMs = batch.submittedAt
      ? Math.max(0, now.getTime() - batch.submittedAt.getTime())
      : 0;
    for await (const item of await client.results(batch.anthropicBatchId as string)) {
      const thoughtId = item.custom_id;
      if (!pending.delete(thoughtId)) continue;
      const job = this.jobOf(batch, thoughtId);
      if (item.result.type === 'succeeded') {
        const message = item.result.message;
        try {
          await this.analysis.analyze(job, now, (thought, context) =>
            this.ai.acceptBatchAnswer(thought, context, message, {
              ...facts,
              model: message.model ?? facts.model,
              latencyMs,
            }),
          );
        } catch (error) {
          this.logger.warn(
            { batch_id: batch.id, thought_id: thoughtId, err: (error as Error).name },
            'batch answer not applied: analysed singly',
          );
          single.push(thoughtId);
        }
      } else {
        await this.ai.recordBatchItemFailure(
          batch.userId,
          thoughtId,
          facts,
          `batch_${item.result.type}`,
        );
        single.push(thoughtId);
      }
      await this.markApplied(batch.id, thoughtId);
    }
    // An item the results left out is not lost either.
    return this.finish(batch, [...single, ...pending]);
  }

  /** Queues these thoughts as single analyses and closes the batch. */
  private async finish(batch: ClaudeBatch, single: string[]): Promise<BatchStep> {
    await this.queueSingles(batch, single);
    await this.dataSource.query(
      `UPDATE "claude_batches" SET "state" = 'done', "updated_at" = now() WHERE "id" = $1`,
      [batch.id],
    );
    return 'done';
  }

  private async queueSingles(batch: ClaudeBatch, thoughtIds: string[]): Promise<void> {
    if (thoughtIds.length === 0) return;
    await this.jobs.enqueueMany(thoughtIds.map((thoughtId) => this.jobOf(batch, thoughtId)));
    this.jobs.nudge(ANALYZE_THOUGHT_BULK_QUEUE);
  }

  private markApplied(batchId: string, thoughtId: string): Promise<void> {
    return this.dataSource.query(
      `UPDATE "claude_batches" SET "applied_ids" = array_append("applied_ids", $2::uuid), "updated_at" = now() WHERE "id" = $1`,
      [batchId, thoughtId],
    );
  }

  /** The next poll, after a wait that doubles with each poll that found the batch still processing. */
  private async schedulePoll(batchId: string, polls: number): Promise<void> {
    const min = this.config.get('CLAUDE_BATCH_POLL_MIN_SECONDS', { infer: true });
    const max = this.config.get('CLAUDE_BATCH_POLL_MAX_SECONDS', { infer: true });
    const delay = Math.min(max, min * 2 ** Math.min(polls, 20));
    await this.queue.send(
      CLAUDE_BATCH_QUEUE,
      { batchId } satisfies ClaudeBatchJob,
      delay > 0 ? { startAfter: delay } : {},
    );
  }

  private jobOf(batch: ClaudeBatch, thoughtId: string): AnalyzeThoughtJob {
    return {
      thoughtId,
      userId: batch.userId,
      reason: 'reanalyze',
      ...(batch.operationId ? { operationId: batch.operationId } : {}),
    };
  }
}
