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

export const CLAUDE_BATCH_STATES = ['submitting', 'processing', 'done'] as const;
export type ClaudeBatchState = (typeof CLAUDE_BATCH_STATES)[number];

/** A re-analysis chunk sent through Claude's Message Batches API (see reanalysis-batch.service.ts). */
@Entity({ name: 'claude_batches' })
@Index('claude_batches_user_id_idx', ['userId'])
@Check('claude_batches_state_check', `"state" IN ('submitting', 'processing', 'done')`)
export class ClaudeBatch {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_claude_batches_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'claude_batches_user_id_fkey' })
  user?: Relation<User>;

  /** The re-analysis operation its thoughts report to. */
  @Column({ name: 'operation_id', type: 'uuid', nullable: true })
  operationId!: string | null;

  @Column({ name: 'thought_ids', type: 'uuid', array: true })
  thoughtIds!: string[];

  @Column({ name: 'applied_ids', type: 'uuid', array: true, default: () => "'{}'" })
  appliedIds!: string[];

  @Column({ name: 'anthropic_batch_id', type: 'varchar', length: 100, nullable: true })
  anthropicBatchId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  model!: string | null;

  @Column({ name: 'prompt_version', type: 'varchar', length: 64, nullable: true })
  promptVersion!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'submitting' })
  state!: ClaudeBatchState;

  @Column({ type: 'integer', default: 0 })
  polls!: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
