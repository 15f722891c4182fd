import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Operation, type OperationKind } from './operation.entity.js';

interface OperationRow {
  id: string;
  user_id: string;
  kind: OperationKind;
  state: Operation['state'];
  total: number;
  done: number;
  failed: number;
  parameters: Record<string, unknown>;
  result: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const COLUMNS = 'id, user_id, kind, state, total, done, failed, parameters, result, created_at, updated_at, finished_at';

function toOperation(row: OperationRow): Operation {
  return Object.assign(new Operation(), {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    state: row.state,
    total: row.total,
    done: row.done,
    failed: row.failed,
    parameters: row.parameters,
    result: row.result,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  });
}

@Injectable()
export class OperationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(userId: string, kind: OperationKind, parameters: Record<string, unknown>): Promise<Operation> {
    const rows = (await this.dataSource.query(
      `INSERT INTO operations (user_id, kind, parameters) VALUES ($1, $2, $3::jsonb) RETURNING ${COLUMNS}`,
      [userId, kind, JSON.stringify(parameters)],
    )) as OperationRow[];
    return toOperation(rows[0]!);
  }

  async setTotal(id: string, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE operations SET total = $2, updated_at = now(),
         state = CASE WHEN done + failed >= $2 THEN (CASE WHEN failed > 0 THEN 'completed_with_failures' ELSE 'completed' END) ELSE state END,
         finished_at = CASE WHEN done + failed >= $2 THEN now() ELSE finished_at END
       WHERE id = $1`,
      [id, total],
    );
  }

  /** One item finished; the row finishes itself when the counts reach the total (single statement, race-free). */
  async recordItem(id: string, outcome: 'done' | 'failed'): Promise<void> {
    const column = outcome === 'done' ? 'done' : 'failed';
    await this.dataSource.query(
      `UPDATE operations SET ${column} = ${column} + 1, updated_at = now(),
         state = CASE WHEN done + failed + 1 >= total AND total > 0
                      THEN (CASE WHEN failed + ${outcome === 'failed' ? 1 : 0} > 0 THEN 'completed_with_failures' ELSE 'completed' END)
                      ELSE state END,
         finished_at = CASE WHEN done + failed + 1 >= total AND total > 0 THEN now() ELSE finished_at END
       WHERE id = $1 AND state = 'running'`,
      [id],
    );
  }

  /** Progress of an operation that counts its own items (an import reading its file). */
  async setProgress(id: string, progress: { total: number; done: number; failed: number; result: Record<string, unknown> }): Promise<void> {
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
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM operations WHERE id = $1 AND user_id = $2`, [id, userId])) as OperationRow[];
    return rows[0] ? toOperation(rows[0]) : null;
  }
}
