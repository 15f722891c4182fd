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
import { TaskSuggestion } from '../suggestions/task-suggestion.entity.js';
import { Thought } from '../thoughts/thought.entity.js';

export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export const TASK_STATUSES = ['pending', 'in_progress', 'done', 'cancelled', 'archived'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

@Entity({ name: 'tasks' })
@Index('tasks_user_created_idx', { synchronize: false })
@Index('tasks_user_status_due_idx', { synchronize: false })
@Index('tasks_source_thought_idx', { synchronize: false })
@Index('tasks_source_suggestion_key', { synchronize: false })
@Check('tasks_priority_check', `"priority" IN ('low', 'medium', 'high', 'urgent')`)
@Check(
  'tasks_status_check',
  `"status" IN ('pending', 'in_progress', 'done', 'cancelled', 'archived')`,
)
@Check('tasks_due_time_needs_date_check', `"due_time" IS NULL OR "due_date" IS NOT NULL`)
export class Task {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_tasks_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'tasks_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 8, default: 'medium' })
  priority!: TaskPriority;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status!: TaskStatus;

  /** YYYY-MM-DD: a calendar day, not an instant (no zone shifts). */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** HH:MM:SS wall-clock time in the user's zone. */
  @Column({ name: 'due_time', type: 'time', nullable: true })
  dueTime!: string | null;

  @Column({ name: 'source_thought_id', type: 'uuid', nullable: true })
  sourceThoughtId!: string | null;

  @ManyToOne(() => Thought, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'source_thought_id',
    foreignKeyConstraintName: 'tasks_source_thought_id_fkey',
  })
  sourceThought?: Relation<Thought>;

  @Column({ name: 'source_suggestion_id', type: 'uuid', nullable: true })
  sourceSuggestionId!: string | null;

  @ManyToOne(() => TaskSuggestion, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'source_suggestion_id',
    foreignKeyConstraintName: 'tasks_source_suggestion_id_fkey',
  })
  sourceSuggestion?: Relation<TaskSuggestion>;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
