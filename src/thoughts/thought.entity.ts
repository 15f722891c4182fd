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

export const THOUGHT_STATUSES = ['active', 'archived'] as const;
export type ThoughtStatus = (typeof THOUGHT_STATUSES)[number];
export const THOUGHT_TYPES = [
  'idea',
  'task',
  'note',
  'question',
  'reflection',
  'reminder',
  'observation',
] as const;
export type ThoughtType = (typeof THOUGHT_TYPES)[number];
export const THOUGHT_SOURCES = ['api', 'dashboard', 'shortcut', 'import'] as const;
export type ThoughtSource = (typeof THOUGHT_SOURCES)[number];
export const ANALYSIS_STATUSES = ['pending', 'done', 'failed', 'skipped'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

@Entity({ name: 'thoughts' })
@Index('thoughts_user_created_idx', { synchronize: false })
@Index('thoughts_user_idempotency_key', { synchronize: false })
@Index('thoughts_user_words_idx', { synchronize: false })
@Index('thoughts_user_tags_idx', { synchronize: false })
@Index('thoughts_content_trgm_idx', { synchronize: false })
@Index('thoughts_user_fingerprint_idx', { synchronize: false })
@Check('thoughts_status_check', `"status" IN ('active', 'archived')`)
@Check('thoughts_source_check', `"source" IN ('api', 'dashboard', 'shortcut', 'import')`)
@Check(
  'thoughts_analysis_status_check',
  `"analysis_status" IN ('pending', 'done', 'failed', 'skipped')`,
)
@Check(
  'thoughts_thought_type_check',
  `"thought_type" IN ('idea', 'task', 'note', 'question', 'reflection', 'reminder', 'observation')`,
)
export class Thought {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_thoughts_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'thoughts_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  content!: string;

  /** The user's own tags; analysis never touches them. */
  @Column({ type: 'jsonb', default: [] })
  tags!: string[];

  /** Tags from AI analysis, replaced wholesale by each re-analysis. */
  @Column({ name: 'ai_tags', type: 'jsonb', default: [] })
  aiTags!: string[];

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: ThoughtStatus;

  @Column({ name: 'thought_type', type: 'varchar', length: 16, nullable: true })
  thoughtType!: ThoughtType | null;

  @Column({ name: 'is_actionable', type: 'boolean', default: false })
  isActionable!: boolean;

  /** Never sent to a cloud AI backend. */
  @Column({ name: 'local_only', type: 'boolean', default: false })
  localOnly!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'api' })
  source!: ThoughtSource;

  @Column({ name: 'analysis_status', type: 'varchar', length: 16, default: 'pending' })
  analysisStatus!: AnalysisStatus;

  @Column({ name: 'analyzed_at', type: 'timestamptz', nullable: true })
  analyzedAt!: Date | null;

  /** See contentFingerprint(): near-duplicates are looked up by it. */
  @Column({ name: 'content_fingerprint', type: 'uuid', nullable: true, select: false })
  contentFingerprint?: string | null;

  /** A near-identical thought captured in the day before this one. */
  @Column({ name: 'duplicate_of_id', type: 'uuid', nullable: true })
  duplicateOfId!: string | null;

  @ManyToOne(() => Thought, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'duplicate_of_id',
    foreignKeyConstraintName: 'thoughts_duplicate_of_id_fkey',
  })
  duplicateOf?: Relation<Thought>;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true, select: false })
  idempotencyKey?: string | null;

  /** SHA-256 of the capture request, to tell an idempotent retry from a different body. */
  @Column({ name: 'request_fingerprint', type: 'char', length: 64, nullable: true, select: false })
  requestFingerprint?: string | null;

  @Column({
    name: 'search_vector',
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('english'::regconfig, content)`,
    select: false,
    insert: false,
    update: false,
    nullable: true,
  })
  searchVector?: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
