import {
  Check,
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
import type { QuietHours, TaskSuggestionMode, UserAiBackend } from './settings.types.js';

/** One row per user, created on first read (see SettingsRepository.ensureExists). */
@Entity({ name: 'user_settings' })
@Unique('user_settings_user_id_key', ['userId'])
@Check(
  'user_settings_task_suggestion_mode_check',
  `"task_suggestion_mode" IN ('off', 'suggest', 'auto')`,
)
@Check(
  'user_settings_auto_task_creation_enabled_check',
  `"task_suggestion_mode" <> 'auto' OR "auto_task_creation_enabled"`,
)
@Check(
  'user_settings_auto_task_confidence_threshold_check',
  `"auto_task_confidence_threshold" >= 0 AND "auto_task_confidence_threshold" <= 1`,
)
@Check('user_settings_ai_backend_check', `"ai_backend" IN ('auto', 'claude', 'ollama', 'local')`)
@Check(
  'user_settings_consciousness_check_interval_minutes_check',
  `"consciousness_check_interval_minutes" BETWEEN 30 AND 1440`,
)
export class UserSettings {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_user_settings_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_settings_user_id_fkey' })
  user?: Relation<User>;

  @Column({ name: 'auto_tagging_enabled', type: 'boolean', default: true })
  autoTaggingEnabled!: boolean;

  @Column({ name: 'auto_task_creation_enabled', type: 'boolean', default: false })
  autoTaskCreationEnabled!: boolean;

  @Column({ name: 'task_suggestion_mode', type: 'varchar', length: 16, default: 'suggest' })
  taskSuggestionMode!: TaskSuggestionMode;

  @Column({ name: 'auto_task_confidence_threshold', type: 'real', default: 0.85 })
  autoTaskConfidenceThreshold!: number;

  @Column({ name: 'ai_backend', type: 'varchar', length: 16, default: 'auto' })
  aiBackend!: UserAiBackend;

  @Column({ name: 'consciousness_check_interval_minutes', type: 'integer', default: 60 })
  consciousnessCheckIntervalMinutes!: number;

  /** `{"start": "HH:MM", "end": "HH:MM"}`; may wrap midnight. Null: no quiet hours. */
  @Column({ name: 'quiet_hours', type: 'jsonb', nullable: true })
  quietHours!: QuietHours | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
