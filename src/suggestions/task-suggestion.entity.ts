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
import type { TaskPriority } from '../tasks/task.entity.js';
import { Thought } from '../thoughts/thought.entity.js';

export const SUGGESTION_STATUSES = ['pending', 'accepted', 'rejected', 'expired'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export const SUGGESTION_ORIGINS = ['analysis', 'consciousness_check'] as const;
export type SuggestionOrigin = (typeof SUGGESTION_ORIGINS)[number];

@Entity({ name: 'task_suggestions' })
@Index('task_suggestions_user_status_created_idx', { synchronize: false })
@Index('task_suggestions_thought_title_key', { synchronize: false })
@Index('task_suggestions_user_title_pending_key', { synchronize: false })
@Index('task_suggestions_pending_created_idx', { synchronize: false })
@Check('task_suggestions_priority_check', `"priority" IN ('low', 'medium', 'high', 'urgent')`)
@Check(
  'task_suggestions_status_check',
  `"status" IN ('pending', 'accepted', 'rejected', 'expired')`,
)
@Check('task_suggestions_origin_check', `"origin" IN ('analysis', 'consciousness_check')`)
@Check('task_suggestions_confidence_check', `"confidence" >= 0 AND "confidence" <= 1`)
export class TaskSuggestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_task_suggestions_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'task_suggestions_user_id_fkey' })
  user?: Relation<User>;

  @Column({ name: 'source_thought_id', type: 'uuid', nullable: true })
  sourceThoughtId!: string | null;

  @ManyToOne(() => Thought, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'source_thought_id',
    foreignKeyConstraintName: 'task_suggestions_source_thought_id_fkey',
  })
  sourceThought?: Relation<Thought>;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Lower-cased, punctuation and extra spaces removed: what de-duplication compares. */
  @Column({ name: 'normalized_title', type: 'varchar', length: 200 })
  normalizedTitle!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 8, default: 'medium' })
  priority!: TaskPriority;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'due_time', type: 'time', nullable: true })
  dueTime!: string | null;

  @Column({ type: 'real' })
  confidence!: number;

  /** The words of the thought the suggestion rests on. */
  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: SuggestionStatus;

  @Column({ type: 'varchar', length: 24, default: 'analysis' })
  origin!: SuggestionOrigin;

  @Column({ type: 'varchar', length: 16, nullable: true })
  backend!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  model!: string | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
