import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  rowMapper,
  type RowOf,
  type SetColumns,
  setAssignments,
} from '../common/database/sql-rows.js';
import { SqlWhere } from '../common/database/sql-where.js';
import type { KeysetCursor } from '../common/pagination/cursor.js';
import type { TaskSort } from './dto/list-tasks.query.dto.js';
import { Task, type TaskPriority, type TaskStatus } from './task.entity.js';
import { ReadReplicas } from '../database/replicas/read-replicas.service.js';

// Dates and times as text: pg would turn a DATE into a JS Date at local midnight.
const COLUMNS = `t.id, t.user_id, t.title, t.description, t.priority, t.status,
  to_char(t.due_date, 'YYYY-MM-DD') AS due_date, to_char(t.due_time, 'HH24:MI') AS due_time,
  t.source_thought_id, t.source_suggestion_id, t.completed_at, t.created_at, t.updated_at`;

/** The number each sort orders by first; the keyset is (sort key, created_at, id). */
const SORT_KEY: Record<TaskSort, string> = {
  // A constant expression (a bare 0 in ORDER BY would mean "column 0").
  created: '0::int',
  // Days since the epoch; undated tasks last.
  due_date: `COALESCE(t.due_date - DATE '1970-01-01', 2147483647)`,
  priority: `CASE t.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`,
};
/** due_date ascends (soonest first); the others descend (newest, most urgent first). */
const ASCENDING: Record<TaskSort, boolean> = { created: false, due_date: true, priority: false };

export interface NewTask {
  userId: string;
  title: string;
  description: string | null;
  priority: TaskPriority;
  status: TaskStatus;
  dueDate: string | null;
  dueTime: string | null;
  sourceThoughtId: string | null;
  sourceSuggestionId: string | null;
  completedAt: Date | null;
}

export type TaskChanges = Partial<
  Pick<
    NewTask,
    'title' | 'description' | 'priority' | 'status' | 'dueDate' | 'dueTime' | 'completedAt'
  >
>;

export interface TaskFilters {
  statuses?: TaskStatus[];
  priorities?: TaskPriority[];
  dueBefore?: string;
  dueAfter?: string;
  /** Open and due before this day. */
  overdueBefore?: string;
  sourceThoughtId?: string;
}

/** The task's fields in COLUMNS' order; each read from its snake_case column. */
const TASK_FIELDS = [
  'id',
  'userId',
  'title',
  'description',
  'priority',
  'status',
  'dueDate',
  'dueTime',
  'sourceThoughtId',
  'sourceSuggestionId',
  'completedAt',
  'createdAt',
  'updatedAt',
] as const;

type TaskRow = RowOf<Task, (typeof TASK_FIELDS)[number]>;

const toTask = rowMapper(Task, TASK_FIELDS);

/** What an edit may change, and where each change is written. */
const TASK_CHANGES: SetColumns<TaskChanges> = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  status: 'status',
  dueDate: 'due_date',
  dueTime: 'due_time',
  completedAt: 'completed_at',
};

/** $1..$10 of both inserts, in their column order. */
const insertParams = (task: NewTask) => [
  task.userId,
  task.title,
  task.description,
  task.priority,
  task.status,
  task.dueDate,
  task.dueTime,
  task.sourceThoughtId,
  task.sourceSuggestionId,
  task.completedAt,
];

@Injectable()
export class TasksRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  async insert(task: NewTask, manager: EntityManager = this.dataSource.manager): Promise<Task> {
    const rows = (await manager.query(
      `INSERT INTO tasks AS t (user_id, title, description, priority, status, due_date, due_time, source_thought_id, source_suggestion_id, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      insertParams(task),
    )) as TaskRow[];
    return toTask(rows[0]!);
  }

  async findById(
    userId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Task | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM tasks t WHERE t.id = $1 AND t.user_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, userId],
    )) as TaskRow[];
    return rows[0] ? toTask(rows[0]) : null;
  }

  async list(
    userId: string,
    filters: TaskFilters,
    sort: TaskSort,
    limit: number,
    after?: KeysetCursor,
  ): Promise<{ task: Task; sortKey: number }[]> {
    const where = new SqlWhere();
    where.add(`t.user_id = ${where.param(userId)}`);
    if (filters.statuses?.length)
      where.add(`t.status = ANY(${where.param(filters.statuses)}::varchar[])`);
    if (filters.priorities?.length)
      where.add(`t.priority = ANY(${where.param(filters.priorities)}::varchar[])`);
    if (filters.dueBefore) where.add(`t.due_date <= ${where.param(filters.dueBefore)}::date`);
    if (filters.dueAfter) where.add(`t.due_date >= ${where.param(filters.dueAfter)}::date`);
    if (filters.overdueBefore) {
      where.add(
        `t.status IN ('pending', 'in_progress') AND t.due_date < ${where.param(filters.overdueBefore)}::date`,
      );
    }
    if (filters.sourceThoughtId)
      where.add(`t.source_thought_id = ${where.param(filters.sourceThoughtId)}`);
    const key = SORT_KEY[sort];
    const direction = ASCENDING[sort] ? 'ASC' : 'DESC';
    if (after) {
      const comparison = ASCENDING[sort] ? '>' : '<';
      where.add(
        `(${key}, t.created_at, t.id) ${comparison} (${where.param(after.rank ?? 0)}, ${where.param(after.createdAt)}, ${where.param(after.id)})`,
      );
    }
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, ${key} AS sort_key FROM tasks t WHERE ${where}
       ORDER BY ${key} ${direction}, t.created_at ${direction}, t.id ${direction}
       LIMIT ${where.param(limit + 1)}`,
      where.params,
    )) as (TaskRow & { sort_key: number })[];
    return rows.map((row) => ({ task: toTask(row), sortKey: Number(row.sort_key) }));
  }

  /** An imported task with its original status and dates. */
  async insertImported(
    manager: EntityManager,
    task: NewTask & { createdAt: Date; updatedAt: Date },
  ): Promise<Task> {
    const rows = (await manager.query(
      `INSERT INTO tasks AS t (user_id, title, description, priority, status, due_date, due_time, source_thought_id, source_suggestion_id,
         completed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
      [...insertParams(task), task.createdAt, task.updatedAt],
    )) as TaskRow[];
    return toTask(rows[0]!);
  }

  /** One page of the user's tasks, oldest first, after the keyset (for export). */
  async exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<Task[]> {
    const keyset = after ? 'AND (t.created_at, t.id) > ($3, $4)' : '';
    const rows = (await this.replicas
      .reader(userId)
      .query(
        `SELECT ${COLUMNS} FROM tasks t WHERE t.user_id = $1 ${keyset} ORDER BY t.created_at ASC, t.id ASC LIMIT $2`,
        after ? [userId, limit, after.createdAt, after.id] : [userId, limit],
      )) as TaskRow[];
    return rows.map(toTask);
  }

  async update(
    userId: string,
    id: string,
    changes: TaskChanges,
    manager: EntityManager,
  ): Promise<Task> {
    const params: unknown[] = [id, userId];
    const sets = setAssignments(changes, TASK_CHANGES, params);
    const [rows] = (await manager.query(
      `UPDATE tasks AS t SET ${sets.join(', ')}, updated_at = now() WHERE t.id = $1 AND t.user_id = $2 RETURNING ${COLUMNS}`,
      params,
    )) as [TaskRow[], number];
    return toTask(rows[0]!);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM tasks WHERE id = $1 AND user_id = $2`,
      [id, userId],
    )) as [unknown, number];
    return affected > 0;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
