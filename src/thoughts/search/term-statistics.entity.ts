import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../../auth/user.entity.js';
import { Thought } from '../thought.entity.js';

/** In how many of a user's thoughts a word occurs; the empty term counts the thoughts themselves. */
@Entity({ name: 'user_terms' })
@Index('user_terms_term_trgm_idx', { synchronize: false })
export class UserTerm {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_user_terms' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_user_terms' })
  term!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_terms_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'integer' })
  documents!: number;
}

/** The words of a thought that user_terms counts, so a change or delete takes exactly these back. */
@Entity({ name: 'thought_terms' })
export class ThoughtTerms {
  @PrimaryColumn({ name: 'thought_id', type: 'uuid', primaryKeyConstraintName: 'PK_thought_terms' })
  thoughtId!: string;

  @ManyToOne(() => Thought, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thought_id', foreignKeyConstraintName: 'thought_terms_thought_id_fkey' })
  thought?: Relation<Thought>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'thought_terms_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'text', array: true })
  terms!: string[];
}

/** The background count of thoughts stored before term statistics existed: one row, its cursor. */
@Entity({ name: 'term_statistics_backfill' })
@Check('term_statistics_backfill_single_row', `"id"`)
export class TermStatisticsBackfillState {
  @PrimaryColumn({
    type: 'boolean',
    default: true,
    primaryKeyConstraintName: 'PK_term_statistics_backfill',
  })
  id!: boolean;

  @Column({ name: 'after_id', type: 'uuid', nullable: true })
  afterId!: string | null;

  @Column({ type: 'integer', default: 0 })
  counted!: number;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
