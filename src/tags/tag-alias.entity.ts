import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';

/** A merge or rename remembered: analysis writes `target` wherever it would have written `alias`. */
@Entity({ name: 'tag_aliases' })
export class TagAlias {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_tag_aliases' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_tag_aliases' })
  alias!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'tag_aliases_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  target!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
