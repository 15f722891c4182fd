import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../auth/user.entity.js';

export type OperationKind = 'reanalyze' | 'import';
export type OperationState = 'running' | 'completed' | 'completed_with_failures' | 'failed';

/** A long-running request (bulk re-analysis, an import) whose progress the client can follow. */
@Entity({ name: 'operations' })
@Index('operations_user_created_idx', { synchronize: false })
@Check('operations_kind_check', `"kind" IN ('reanalyze', 'import')`)
@Check(
  'operations_state_check',
  `"state" IN ('running', 'completed', 'completed_with_failures', 'failed')`,
)
export class Operation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_operations_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'operations_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 32 })
  kind!: OperationKind;

  @Column({ type: 'varchar', length: 32, default: 'running' })
  state!: OperationState;

  @Column({ type: 'integer', default: 0 })
  total!: number;

  @Column({ type: 'integer', default: 0 })
  done!: number;

  @Column({ type: 'integer', default: 0 })
  failed!: number;

  /** True while a background selection is still adding items: the operation cannot finish before it ends. */
  @Column({ type: 'boolean', default: false })
  selecting!: boolean;

  /** Items the selection has taken so far (some may not have been queued: one was already waiting). */
  @Column({ type: 'integer', default: 0 })
  selected!: number;

  /** Where the selection resumes: the last (created_at, id) it took. */
  @Column({ name: 'select_after_created_at', type: 'timestamptz', precision: 3, nullable: true })
  selectAfterCreatedAt!: Date | null;

  @Column({ name: 'select_after_id', type: 'uuid', nullable: true })
  selectAfterId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  parameters!: Record<string, unknown>;

  /** What a finished operation found (an import's counts and per-record problems). */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
