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
import { User } from './user.entity.js';

/**
 * `admin`: admin routes and its own user's data; `user`: all of its user's data; `read`: its
 * user's GET routes and read-only MCP tools; `capture`: capture only (a phone that can be lost).
 */
export const API_KEY_SCOPES = ['admin', 'user', 'read', 'capture'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/** The scopes a route must name to admit them; `admin` and `user` keys pass every route. */
export type NarrowKeyScope = Extract<ApiKeyScope, 'read' | 'capture'>;

@Entity({ name: 'api_keys' })
@Index('api_keys_user_id_idx', ['userId'])
@Check('api_keys_scope_check', `"scope" IN ('admin', 'user', 'read', 'capture')`)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_api_keys_id' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'api_keys_user_id_fkey' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The first characters of the key, enough for a person to recognise it in a list. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** Hex SHA-256 of the whole key; the key itself is never stored. */
  @Index('api_keys_key_hash_key', { unique: true })
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @Column({ type: 'varchar', length: 10 })
  scope!: ApiKeyScope;

  // Millisecond precision so a JS Date in a keyset cursor matches the stored value exactly.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Set on a rotated key: the key that replaced it. */
  @Column({ name: 'replaced_by_id', type: 'uuid', nullable: true })
  replacedById!: string | null;
}
