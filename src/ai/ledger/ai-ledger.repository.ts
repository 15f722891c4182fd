import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AiBackendName } from '../ai.types.js';
import { AiAnalysisResult, type AiOperation, type AiOutcome } from './ai-analysis-result.entity.js';
import { ReadReplicas } from '../../database/replicas/read-replicas.service.js';

export interface NewLedgerRow {
  userId: string;
  thoughtId: string | null;
  operation: AiOperation;
  backend: AiBackendName;
  model: string;
  promptVersion: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  costUsd: number;
  costSavedUsd: number;
  batch: boolean;
  latencyMs: number;
  outcome: AiOutcome;
  errorClass: string | null;
  result: unknown;
  createdAt: Date;
}

export interface UsageRow {
  day: string;
  backend: AiBackendName;
  requests: number;
  failedRequests: number;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  costUsd: number;
  costSavedUsd: number;
  /** Calls answered through the Message Batches API. */
  batchRequests: number;
}

/** Serialises purges across instances (@nestjs/schedule has no cross-instance lock). */
const PURGE_LOCK = 'ai_analysis_results_purge';

@Injectable()
export class AiLedgerRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * The thought id is looked up rather than trusted: an analysis that finishes after its
   * thought was deleted (or names another user's thought) is recorded with no thought
   * instead of failing on the foreign key.
   */
  async insert(row: NewLedgerRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "ai_analysis_results"
         ("user_id", "thought_id", "operation", "backend", "model", "prompt_version", "input_tokens",
          "output_tokens", "cost_usd", "latency_ms", "outcome", "error_class", "result", "created_at",
          "cache_creation_input_tokens", "cache_read_input_tokens", "cost_saved_usd", "batch")
       VALUES ($1, (SELECT "id" FROM "thoughts" WHERE "id" = $2::uuid AND "user_id" = $1), $3, $4, $5, $6, $7,
               $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18)`,
      [
        row.userId,
        row.thoughtId,
        row.operation,
        row.backend,
        row.model,
        row.promptVersion,
        row.inputTokens,
        row.outputTokens,
        row.costUsd,
        row.latencyMs,
        row.outcome,
        row.errorClass,
        row.result === null || row.result === undefined ? null : JSON.stringify(row.result),
        row.createdAt,
        row.cacheCreationInputTokens,
        row.cacheReadInputTokens,
        row.costSavedUsd,
        row.batch,
      ],
    );
  }

  /** Calls per UTC day and backend since `since`; skips are not calls and are left out. */
  async usageSince(userId: string, since: Date): Promise<UsageRow[]> {
    const rows: Record<string, string | number>[] = await this.replicas.reader(userId).query(
      `SELECT to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "day", "backend",
              count(*)::int AS "requests",
              count(*) FILTER (WHERE "outcome" <> 'success')::int AS "failed_requests",
              COALESCE(sum("input_tokens"), 0)::bigint::text AS "input_tokens",
              COALESCE(sum("output_tokens"), 0)::bigint::text AS "output_tokens",
              COALESCE(sum("cache_creation_input_tokens"), 0)::bigint::text AS "cache_creation_input_tokens",
              COALESCE(sum("cache_read_input_tokens"), 0)::bigint::text AS "cache_read_input_tokens",
              COALESCE(sum("cost_usd"), 0)::text AS "cost_usd",
              COALESCE(sum("cost_saved_usd"), 0)::text AS "cost_saved_usd",
              count(*) FILTER (WHERE "batch")::int AS "batch_requests"
         FROM "ai_analysis_results"
        WHERE "user_id" = $1 AND "created_at" >= $2 AND "outcome" <> 'skipped'
        GROUP BY 1, 2
        ORDER BY 1 DESC, 2`,
      [userId, since],
    );
    return rows.map((row) => ({
      day: String(row.day),
      backend: row.backend as AiBackendName,
      requests: Number(row.requests),
      failedRequests: Number(row.failed_requests),
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      cacheCreationInputTokens: Number(row.cache_creation_input_tokens),
      cacheReadInputTokens: Number(row.cache_read_input_tokens),
      costUsd: Number(row.cost_usd),
      costSavedUsd: Number(row.cost_saved_usd),
      batchRequests: Number(row.batch_requests),
    }));
  }

  /** One thought's ledger rows, newest first, scoped to its owner. */
  historyForThought(userId: string, thoughtId: string, limit: number): Promise<AiAnalysisResult[]> {
    return this.dataSource.getRepository(AiAnalysisResult).find({
      where: { userId, thoughtId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Deletes rows created before `cutoff`; 0 when another instance is purging right now. */
  purgeOlderThan(cutoff: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS "locked"`,
        [PURGE_LOCK],
      );
      if (!locked) return 0;
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(AiAnalysisResult)
        .where('"created_at" < :cutoff', { cutoff })
        .execute();
      return result.affected ?? 0;
    });
  }
}
