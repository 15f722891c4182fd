import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type BackupTrigger = 'scheduled' | 'manual';
export type BackupState = 'running' | 'done' | 'failed';
export type DrillState = 'pending' | 'passed' | 'failed' | 'not_run';

/** One backup and the outcome of its restore drill. */
@Entity({ name: 'backup_runs' })
@Index('backup_runs_started_idx', { synchronize: false })
@Index('backup_runs_slot_key', { synchronize: false })
@Check('backup_runs_trigger_check', `"trigger" IN ('scheduled', 'manual')`)
@Check('backup_runs_state_check', `"state" IN ('running', 'done', 'failed')`)
@Check(
  'backup_runs_drill_state_check',
  `"drill_state" IN ('pending', 'passed', 'failed', 'not_run')`,
)
export class BackupRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_backup_runs_id' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  trigger!: BackupTrigger;

  @Column({ name: 'slot_key', type: 'varchar', length: 64, nullable: true })
  slotKey!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'running' })
  state!: BackupState;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  migration!: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'drill_state', type: 'varchar', length: 16, default: 'pending' })
  drillState!: DrillState;

  @Column({ name: 'drill_detail', type: 'text', nullable: true })
  drillDetail!: string | null;

  @Column({ name: 'drill_duration_ms', type: 'integer', nullable: true })
  drillDurationMs!: number | null;

  @Column({ name: 'drilled_at', type: 'timestamptz', nullable: true })
  drilledAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
