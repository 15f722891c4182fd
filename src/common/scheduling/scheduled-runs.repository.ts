import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A cron slot names the minute it fired in (UTC), the same on every instance. */
export const minuteSlotOf = (at: Date): string => at.toISOString().slice(0, 16);

/**
 * Exactly-once cron work across instances: @nestjs/schedule fires on every instance, and
 * the first to insert (job, slot) runs it; the primary key makes every other insert a no-op.
 */
@Injectable()
export class ScheduledRuns {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when this caller won the slot and should do the work. */
  async claim(job: string, slotKey: string, now: Date): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO scheduled_runs (job, slot_key, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING job`,
      [job, slotKey, now],
    )) as unknown[];
    return rows.length === 1;
  }

  async finish(job: string, slotKey: string, report: object, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE scheduled_runs SET finished_at = $3, report = $4 WHERE job = $1 AND slot_key = $2`,
      [job, slotKey, now, JSON.stringify(report)],
    );
  }
}
