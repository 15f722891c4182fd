import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Thought } from '../thoughts/thought.entity.js';

/** A related pair found by analysis, kept so the dashboard shows links without recomputing. */
@Entity({ name: 'thought_links' })
@Index('thought_links_related_idx', { synchronize: false })
export class ThoughtLink {
  @PrimaryColumn({ name: 'thought_id', type: 'uuid', primaryKeyConstraintName: 'PK_thought_links' })
  thoughtId!: string;

  @PrimaryColumn({
    name: 'related_thought_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_thought_links',
  })
  relatedThoughtId!: string;

  @ManyToOne(() => Thought, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thought_id', foreignKeyConstraintName: 'thought_links_thought_id_fkey' })
  thought?: Relation<Thought>;

  @ManyToOne(() => Thought, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'related_thought_id',
    foreignKeyConstraintName: 'thought_links_related_thought_id_fkey',
  })
  relatedThought?: Relation<Thought>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'thought_links_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'real' })
  score!: number;

  @Column({ name: 'shared_tags', type: 'jsonb', default: [] })
  sharedTags!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
