import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import type { Goal, OngoingProject, ProfilePreferences, WorkPatterns } from './profile.types.js';

/** One row per user, created on first read (see ProfilesRepository.ensureExists). */
@Entity({ name: 'user_profiles' })
@Unique('user_profiles_user_id_key', ['userId'])
export class UserProfile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_user_profiles_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_profiles_user_id_fkey' })
  user?: Relation<User>;

  @Column({ name: 'ongoing_projects', type: 'jsonb', default: [] })
  ongoingProjects!: OngoingProject[];

  @Column({ name: 'work_patterns', type: 'jsonb', default: {} })
  workPatterns!: WorkPatterns;

  @Column({ type: 'jsonb', default: [] })
  goals!: Goal[];

  @Column({ type: 'jsonb', default: {} })
  preferences!: ProfilePreferences;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
