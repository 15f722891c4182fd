import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { rowMapper, type RowOf } from '../common/database/sql-rows.js';
import { SqlWhere } from '../common/database/sql-where.js';
import type { KeysetCursor } from '../common/pagination/cursor.js';
import type { TaskPriority } from '../tasks/task.entity.js';
import {
  type SuggestionOrigin,
  type SuggestionStatus,
  TaskSuggestion,
} from './task-suggestion.entity.js';
import { ReadReplicas } from '../database/replicas/read-replicas.service.js';

const COLUMNS = `s.id, s.user_id, s.source_thought_id, s.title, s.normalized_title, s.description, s.priority,
  to_char(s.due_date, 'YYYY-MM-DD') AS due_date, to_char(s.due_time, 'HH24:MI') AS due_time, s.confidence, s.evidence,
  s.status, s.origin, s.backend, s.model, s.reject_reason, s.decided_at, s.created_at, s.updated_at,
  (SELECT tk.id FROM tasks tk WHERE tk.source_suggestion_id = s.id) AS task_id`;

export interface NewSuggestion {
  userId: string;
  sourceThoughtId: string | null;
  title: string;
  normalizedTitle: string;
  description: string | null;
  priority: TaskPriority;
  dueDate: string | null;
  dueTime: string | null;
  confidence: number;
  evidence: string | null;
  origin: SuggestionOrigin;
  backend: string | null;
  model: string | null;
}

export interface SuggestionWithTask {
  suggestion: TaskSuggestion;
  taskId: string | null;
}

/** The suggestion's fields in COLUMNS' order; each read from its snake_case column. */
const SUGGESTION_FIELDS = [
  'id',
  'userId',
  'sourceThoughtId',
  'title',
  'normalizedTitle',
  'description',
  'priority',
  'dueDate',
  'dueTime',
  'confidence',
  'evidence',
  'status',
  'origin',
  'backend',
  'model',
  'rejectReason',
  'decidedAt',
  'createdAt',
  'updatedAt',
] as const;

type SuggestionRow = RowOf<TaskSuggestion, (typeof SUGGESTION_FIELDS)[number]> & {
  task_id: string | null;
};

const toTaskSuggestion = rowMapper(TaskSuggestion, SUGGESTION_FIELDS);

function toSuggestion(row: SuggestionRow): SuggestionWithTask {
  return { suggestion: toTaskSuggestion(row), taskId: row.task_id };
}

/** $1..$13 of both inserts, in their column order. */
const insertParams = (row: NewSuggestion) => [
  row.userId,
  row.sourceThoughtId,
  row.title,
  row.normalizedTitle,
  row.description,
  row.priority,
  row.dueDate,
  row.dueTime,
  row.confidence,
  row.evidence,
  row.origin,
  row.backend,
  row.model,
];

@Injectable()
export class SuggestionsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * Null when an equivalent suggestion exists (pending, accepted or rejected for that
   * thought; pending for thought-less ones): the unique indexes decide, race-free.
   */
  async insertUnlessDuplicate(
    row: NewSuggestion,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SuggestionWithTask | null> {
    const rows = (await manager.query(
      `INSERT INTO task_suggestions AS s (user_id, source_thought_id, title, normalized_title, description, priority, due_date, due_time,
         confidence, evidence, origin, backend, model)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      insertParams(row),
    )) as SuggestionRow[];
    return rows[0] ? toSuggestion(rows[0]) : null;
  }

  async findById(
    userId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<SuggestionWithTask | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM task_suggestions s WHERE s.id = $1 AND s.user_id = $2${lock ? ' FOR UPDATE OF s' : ''}`,
      [id, userId],
    )) as SuggestionRow[];
    return rows[0] ? toSuggestion(rows[0]) : null;
  }

  async list(
    userId: string,
    filters: { statuses: SuggestionStatus[]; sourceThoughtId?: string },
    limit: number,
    after?: KeysetCursor,
  ): Promise<SuggestionWithTask[]> {
    const where = new SqlWhere();
    where.add(`s.user_id = ${where.param(userId)}`);
    where.add(`s.status = ANY(${where.param(filters.statuses)}::varchar[])`);
    if (filters.sourceThoughtId)
      where.add(`s.source_thought_id = ${where.param(filters.sourceThoughtId)}`);
    if (after)
      where.add(
        `(s.created_at, s.id) < (${where.param(after.createdAt)}, ${where.param(after.id)})`,
      );
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM task_suggestions s WHERE ${where}
       ORDER BY s.created_at DESC, s.id DESC LIMIT ${where.param(limit + 1)}`,
      where.params,
    )) as SuggestionRow[];
    return rows.map(toSuggestion);
  }

  /** An imported suggestion in its original state; null when an equivalent one exists. */
  async insertImported(
    manager: EntityManager,
    row: NewSuggestion & {
      status: SuggestionStatus;
      rejectReason: string | null;
      decidedAt: Date | null;
      createdAt: Date;
    },
  ): Promise<string | null> {
    const rows = (await manager.query(
      `INSERT INTO task_suggestions AS s (user_id, source_thought_id, title, normalized_title, description, priority, due_date, due_time,
         confidence, evidence, origin, backend, model, status, reject_reason, decided_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
       ON CONFLICT DO NOTHING RETURNING s.id`,
      [...insertParams(row), row.status, row.rejectReason, row.decidedAt, row.createdAt],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** One page of the user's suggestions in every state, oldest first, after the keyset (for export). */
  async exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<SuggestionWithTask[]> {
    const keyset = after ? 'AND (s.created_at, s.id) > ($3, $4)' : '';
    const rows = (await this.replicas
      .reader(userId)
      .query(
        `SELECT ${COLUMNS} FROM task_suggestions s WHERE s.user_id = $1 ${keyset} ORDER BY s.created_at ASC, s.id ASC LIMIT $2`,
        after ? [userId, limit, after.createdAt, after.id] : [userId, limit],
      )) as SuggestionRow[];
    return rows.map(toSuggestion);
  }

  async decide(
    manager: EntityManager,
    id: string,
    status: Exclude<SuggestionStatus, 'pending'>,
    rejectReason: string | null = null,
  ): Promise<void> {
    await manager.query(
      `UPDATE task_suggestions SET status = $2, reject_reason = $3, decided_at = now(), updated_at = now() WHERE id = $1`,
      [id, status, rejectReason],
    );
  }

  /** Soft delete: pending suggestions older than the cut-off become "expired". */
  async expirePendingBefore(cutoff: Date): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE task_suggestions SET status = 'expired', decided_at = now(), updated_at = now()
       WHERE status = 'pending' AND created_at < $1`,
      [cutoff],
    )) as [unknown, number];
    return affected;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
