import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Thought } from './thought.entity.js';

/** An AI tag the user removed from this thought: re-analysis never puts it back. */
@Entity({ name: 'thought_tag_rejections' })
export class ThoughtTagRejection {
  @PrimaryColumn({
    name: 'thought_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_thought_tag_rejections',
  })
  thoughtId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_thought_tag_rejections' })
  tag!: string;

  @ManyToOne(() => Thought, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'thought_id',
    foreignKeyConstraintName: 'thought_tag_rejections_thought_id_fkey',
  })
  thought?: Relation<Thought>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'thought_tag_rejections_user_id_fkey' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** How many thoughts the user removed an AI tag from: enough removals and analysis stops proposing it. */
@Entity({ name: 'user_tag_rejections' })
export class UserTagRejection {
  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_user_tag_rejections',
  })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_user_tag_rejections' })
  tag!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_tag_rejections_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'integer', default: 0 })
  times!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
