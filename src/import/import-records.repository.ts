import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** One transaction of an import, with a savepoint per record so a bad record rolls back alone. */
export class ImportTransaction {
  private constructor(private readonly runner: QueryRunner) {}

  static async begin(dataSource: DataSource): Promise<ImportTransaction> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return new ImportTransaction(runner);
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /** Runs one record's writes; on failure only they are undone and the error is rethrown. */
  async record<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    await this.runner.query('SAVEPOINT import_record');
    try {
      const result = await work(this.runner.manager);
      await this.runner.query('RELEASE SAVEPOINT import_record');
      return result;
    } catch (error) {
      await this.runner.query('ROLLBACK TO SAVEPOINT import_record');
      throw error;
    }
  }

  async commit(): Promise<void> {
    try {
      await this.runner.commitTransaction();
    } finally {
      await this.runner.release();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }
}

/** The fingerprints of imported source records: what makes re-importing a file a no-op. */
@Injectable()
export class ImportRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  begin(): Promise<ImportTransaction> {
    return ImportTransaction.begin(this.dataSource);
  }

  /**
   * Claims a fingerprint: null when it is new (the caller creates the record), otherwise what
   * the earlier import made of it. A concurrent import of the same file waits on the row.
   */
  async claim(
    manager: EntityManager,
    userId: string,
    source: string,
    fingerprint: string,
    kind: string,
  ): Promise<{ recordId: string | null } | null> {
    const inserted = (await manager.query(
      `INSERT INTO import_records (user_id, source, fingerprint, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, source, fingerprint) DO NOTHING RETURNING fingerprint`,
      [userId, source, fingerprint, kind],
    )) as unknown[];
    if (inserted.length > 0) return null;
    const rows = (await manager.query(
      `SELECT record_id FROM import_records WHERE user_id = $1 AND source = $2 AND fingerprint = $3`,
      [userId, source, fingerprint],
    )) as { record_id: string | null }[];
    return { recordId: rows[0]?.record_id ?? null };
  }

  async setRecordId(
    manager: EntityManager,
    userId: string,
    source: string,
    fingerprint: string,
    recordId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE import_records SET record_id = $4 WHERE user_id = $1 AND source = $2 AND fingerprint = $3`,
      [userId, source, fingerprint, recordId],
    );
  }
}
