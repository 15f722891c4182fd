import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';

export type ConsciousnessCheckTrigger = 'scheduled' | 'manual';
export type ConsciousnessCheckState = 'running' | 'done' | 'failed';

/** A stored insight: what the AI said, plus the user's pin/dismiss. */
export interface StoredInsight {
  title: string;
  description: string;
  thought_ids: string[];
  pinned: boolean;
  dismissed: boolean;
}

/** One consciousness check (the seed's scheduled_analyses table), kept 7 days unless pinned. */
@Entity({ name: 'scheduled_analyses' })
@Index('scheduled_analyses_user_created_idx', { synchronize: false })
@Index('scheduled_analyses_user_slot_key', { synchronize: false })
@Check('scheduled_analyses_trigger_check', `"trigger" IN ('scheduled', 'manual')`)
@Check('scheduled_analyses_state_check', `"state" IN ('running', 'done', 'failed')`)
export class ConsciousnessCheck {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_scheduled_analyses_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'scheduled_analyses_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16 })
  trigger!: ConsciousnessCheckTrigger;

  /** "<interval>:<slot number>" for scheduled checks; null for on-demand ones. */
  @Column({ name: 'slot_key', type: 'varchar', length: 64, nullable: true })
  slotKey!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'running' })
  state!: ConsciousnessCheckState;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ name: 'window_end', type: 'timestamptz' })
  windowEnd!: Date;

  @Column({ name: 'new_thought_count', type: 'integer', default: 0 })
  newThoughtCount!: number;

  @Column({ type: 'text', default: '' })
  summary!: string;

  @Column({ type: 'jsonb', default: [] })
  patterns!: unknown[];

  @Column({ type: 'jsonb', default: [] })
  insights!: StoredInsight[];

  @Column({ type: 'jsonb', default: [] })
  suggestions!: unknown[];

  @Column({ type: 'varchar', length: 16, nullable: true })
  backend!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  model!: string | null;

  @Column({ name: 'input_tokens', type: 'integer', default: 0 })
  inputTokens!: number;

  @Column({ name: 'output_tokens', type: 'integer', default: 0 })
  outputTokens!: number;

  @Column({ name: 'duration_ms', type: 'integer', default: 0 })
  durationMs!: number;

  /** Any insight pinned: the check outlives the 7-day retention. */
  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** An insight or pattern the user dismissed: not raised again until the date. */
@Entity({ name: 'dismissed_insights' })
export class DismissedInsight {
  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_dismissed_insights',
  })
  userId!: string;

  @PrimaryColumn({
    name: 'insight_key',
    type: 'varchar',
    length: 300,
    primaryKeyConstraintName: 'PK_dismissed_insights',
  })
  insightKey!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'dismissed_insights_user_id_fkey' })
  user?: Relation<User>;

  @Column({ name: 'dismissed_until', type: 'timestamptz' })
  dismissedUntil!: Date;
}
