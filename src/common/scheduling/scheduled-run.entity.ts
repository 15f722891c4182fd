import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One cron slot claimed by one instance for one job (see ScheduledRuns). */
@Entity({ name: 'scheduled_runs' })
@Index('scheduled_runs_started_idx', ['startedAt'])
export class ScheduledRun {
  @PrimaryColumn({
    type: 'varchar',
    length: 32,
    primaryKeyConstraintName: 'PK_scheduled_runs_job_slot',
  })
  job!: string;

  @PrimaryColumn({
    name: 'slot_key',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'PK_scheduled_runs_job_slot',
  })
  slotKey!: string;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz', precision: 3 })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  report!: Record<string, unknown> | null;
}
