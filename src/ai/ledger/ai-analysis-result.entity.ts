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
} from 'typeorm';
import { User } from '../../auth/user.entity.js';
import { Thought } from '../../thoughts/thought.entity.js';
import type { AiBackendName } from '../ai.types.js';

export const AI_OPERATIONS = ['analyze_thought', 'consciousness_check'] as const;
export type AiOperation = (typeof AI_OPERATIONS)[number];
export const AI_OUTCOMES = ['success', 'error', 'invalid_output', 'skipped'] as const;
export type AiOutcome = (typeof AI_OUTCOMES)[number];

/** numeric comes back from pg as a string (it may not fit a double); ours always does. */
const numericAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * The audit ledger: one row per backend call (or skip), kept 30 days. `result` holds the
 * validated answer only; raw model output is never stored.
 */
@Entity({ name: 'ai_analysis_results' })
@Index('ai_analysis_results_user_created_idx', { synchronize: false })
@Index('ai_analysis_results_created_at_idx', ['createdAt'])
@Index('ai_analysis_results_thought_id_idx', ['thoughtId'])
@Check(
  'ai_analysis_results_operation_check',
  `"operation" IN ('analyze_thought', 'consciousness_check')`,
)
@Check(
  'ai_analysis_results_outcome_check',
  `"outcome" IN ('success', 'error', 'invalid_output', 'skipped')`,
)
export class AiAnalysisResult {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ai_analysis_results_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'ai_analysis_results_user_id_fkey' })
  user?: Relation<User>;

  @Column({ name: 'thought_id', type: 'uuid', nullable: true })
  thoughtId!: string | null;

  // SET NULL: deleting a thought keeps the spend it caused on the books.
  @ManyToOne(() => Thought, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'thought_id',
    foreignKeyConstraintName: 'ai_analysis_results_thought_id_fkey',
  })
  thought?: Relation<Thought>;

  @Column({ type: 'varchar', length: 32 })
  operation!: AiOperation;

  @Column({ type: 'varchar', length: 16 })
  backend!: AiBackendName;

  @Column({ type: 'varchar', length: 100 })
  model!: string;

  @Column({ name: 'prompt_version', type: 'varchar', length: 64 })
  promptVersion!: string;

  @Column({ name: 'input_tokens', type: 'integer', default: 0 })
  inputTokens!: number;

  @Column({ name: 'output_tokens', type: 'integer', default: 0 })
  outputTokens!: number;

  @Column({
    name: 'cost_usd',
    type: 'numeric',
    precision: 12,
    scale: 6,
    default: 0,
    transformer: numericAsNumber,
  })
  costUsd!: number;

  /** Claude prompt caching: prefix tokens written to / read from the cache (not in input_tokens). */
  @Column({ name: 'cache_creation_input_tokens', type: 'integer', default: 0 })
  cacheCreationInputTokens!: number;

  @Column({ name: 'cache_read_input_tokens', type: 'integer', default: 0 })
  cacheReadInputTokens!: number;

  /** Against the same tokens uncached and one call at a time; negative on a call that only wrote the cache. */
  @Column({
    name: 'cost_saved_usd',
    type: 'numeric',
    precision: 12,
    scale: 6,
    default: 0,
    transformer: numericAsNumber,
  })
  costSavedUsd!: number;

  /** Answered through the Message Batches API (half price). */
  @Column({ type: 'boolean', default: false })
  batch!: boolean;

  @Column({ name: 'latency_ms', type: 'integer', default: 0 })
  latencyMs!: number;

  @Column({ type: 'varchar', length: 16 })
  outcome!: AiOutcome;

  @Column({ name: 'error_class', type: 'varchar', length: 32, nullable: true })
  errorClass!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
