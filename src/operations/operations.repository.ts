import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { rowMapper, type RowOf, snakeCase } from '../common/database/sql-rows.js';
import { Operation, type OperationKind } from './operation.entity.js';

/** The operation's fields in COLUMNS' order; each read from its snake_case column. */
const OPERATION_FIELDS = [
  'id',
  'userId',
  'kind',
  'state',
  'total',
  'done',
  'failed',
  'selecting',
  'selected',
  'selectAfterCreatedAt',
  'selectAfterId',
  'parameters',
  'result',
  'createdAt',
  'updatedAt',
  'finishedAt',
] as const;

type OperationRow = RowOf<Operation, (typeof OPERATION_FIELDS)[number]>;

const COLUMNS = OPERATION_FIELDS.map(snakeCase).join(', ');

const toOperation = rowMapper(Operation, OPERATION_FIELDS);

@Injectable()
export class OperationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    userId: string,
    kind: OperationKind,
    parameters: Record<string, unknown>,
    options: { selecting?: boolean } = {},
    manager?: EntityManager,
  ): Promise<Operation> {
    const rows = (await (manager ?? this.dataSource).query(
      `INSERT INTO operations (user_id, kind, parameters, selecting) VALUES ($1, $2, $3::jsonb, $4) RETURNING ${COLUMNS}`,
      [userId, kind, JSON.stringify(parameters), options.selecting ?? false],
    )) as OperationRow[];
    return toOperation(rows[0]!);
  }

  async setTotal(id: string, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE operations SET total = $2, updated_at = now(),
         state = CASE WHEN done + failed >= $2 AND NOT selecting THEN (CASE WHEN failed > 0 THEN 'completed_with_failures' ELSE 'completed' END) ELSE state END,
         finished_at = CASE WHEN done + failed >= $2 AND NOT selecting THEN now() ELSE finished_at END
       WHERE id = $1`,
      [id, total],
    );
  }

  /** One item finished; the row finishes itself when the counts reach the total (single statement, race-free). */
  async recordItem(id: string, outcome: 'done' | 'failed'): Promise<void> {
    const column = outcome === 'done' ? 'done' : 'failed';
    await this.dataSource.query(
      `UPDATE operations SET ${column} = ${column} + 1, updated_at = now(),
         state = CASE WHEN done + failed + 1 >= total AND total > 0 AND NOT selecting
                      THEN (CASE WHEN failed + ${outcome === 'failed' ? 1 : 0} > 0 THEN 'completed_with_failures' ELSE 'completed' END)
                      ELSE state END,
         finished_at = CASE WHEN done + failed + 1 >= total AND total > 0 AND NOT selecting THEN now() ELSE finished_at END
       WHERE id = $1 AND state = 'running'`,
      [id],
    );
  }

  /** The operation, locked until the transaction ends: one selection chunk at a time. */
  async lockForSelection(manager: EntityManager, id: string): Promise<Operation | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM operations WHERE id = $1 FOR UPDATE`,
      [id],
    )) as OperationRow[];
    return rows[0] ? toOperation(rows[0]) : null;
  }

  /**
   * One selection chunk's outcome: items taken and queued, where to resume, and whether the
   * selection is over; when it is and every queued item has already finished, so is the operation.
   */
  async recordSelection(
    manager: EntityManager,
    id: string,
    chunk: {
      taken: number;
      queued: number;
      after: { createdAt: Date; id: string } | null;
      last: boolean;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE operations SET selected = selected + $2, total = total + $3, updated_at = now(),
         select_after_created_at = COALESCE($4, select_after_created_at), select_after_id = COALESCE($5, select_after_id),
         selecting = NOT $6,
         state = CASE WHEN $6 AND done + failed >= total + $3 THEN (CASE WHEN failed > 0 THEN 'completed_with_failures' ELSE 'completed' END) ELSE state END,
         finished_at = CASE WHEN $6 AND done + failed >= total + $3 THEN now() ELSE finished_at END
       WHERE id = $1`,
      [
        id,
        chunk.taken,
        chunk.queued,
        chunk.after?.createdAt ?? null,
        chunk.after?.id ?? null,
        chunk.last,
      ],
    );
  }

  /** Progress of an operation that counts its own items (an import reading its file). */
  async setProgress(
    id: string,
    progress: { total: number; done: number; failed: number; result: Record<string, unknown> },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE operations SET total = $2, done = $3, failed = $4, result = $5::jsonb, updated_at = now() WHERE id = $1 AND state = 'running'`,
      [id, progress.total, progress.done, progress.failed, JSON.stringify(progress.result)],
    );
  }

  async finish(
    id: string,
    state: Exclude<Operation['state'], 'running'>,
    progress: { total: number; done: number; failed: number; result: Record<string, unknown> },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE operations SET state = $2, total = $3, done = $4, failed = $5, result = $6::jsonb, updated_at = now(), finished_at = now()
       WHERE id = $1`,
      [id, state, progress.total, progress.done, progress.failed, JSON.stringify(progress.result)],
    );
  }

  async findById(userId: string, id: string): Promise<Operation | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM operations WHERE id = $1 AND user_id = $2`,
      [id, userId],
    )) as OperationRow[];
    return rows[0] ? toOperation(rows[0]) : null;
  }
}
