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

/** One source record already imported (by content and date), and what it became. */
@Entity({ name: 'import_records' })
export class ImportRecord {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_import_records' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'PK_import_records' })
  source!: string;

  @PrimaryColumn({ type: 'char', length: 64, primaryKeyConstraintName: 'PK_import_records' })
  fingerprint!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'import_records_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'record_id', type: 'uuid', nullable: true })
  recordId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
