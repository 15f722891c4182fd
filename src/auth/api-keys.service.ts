import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound } from '../common/errors/domain-errors.js';
import { type CursorKind, decodeCursor, type Page, toPage } from '../common/pagination/cursor.js';
import { Clock } from '../common/time/clock.js';
import type { ApiKey, ApiKeyScope } from './api-key.entity.js';
import {
  describeApiKey,
  generateApiKey,
  hashApiKey,
  hashesEqual,
  isWellFormedApiKey,
} from './api-key-secret.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import type { AuthContext } from './auth-context.js';
import { VerifiedKeyCache } from './verified-key-cache.js';

const KEYS: CursorKind = { list: 'api-keys' };

const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** How long a revocation waits for its own instance to hear the notice before answering. */
const NOTICE_WAIT_MS = 1_000;

export interface CreateKeyInput {
  userId: string;
  name: string;
  scope: ApiKeyScope;
  expiresAt?: Date | null;
  /** Use this exact key (the bootstrap admin key from the environment) instead of a random one. */
  presetKey?: string;
}

export interface KeyLifetime {
  keyHash: string;
  expiresAt: Date | null;
}

/** A key as stored, plus the secret: returned only by create and rotate, never again. */
export interface IssuedApiKey {
  record: ApiKey;
  key: string;
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: ApiKeysRepository,
    private readonly cache: VerifiedKeyCache,
    private readonly clock: Clock,
  ) {}

  /** The caller behind a presented key, or null for anything that is not a usable key. */
  async verify(presented: string): Promise<AuthContext | null> {
    if (!isWellFormedApiKey(presented)) return null;
    const keyHash = hashApiKey(presented);
    // One reading decides expiry for the cache and the lookup alike.
    const now = this.clock.now();
    const cached = this.cache.get(keyHash, now.getTime());
    if (cached) {
      this.recordUse(cached.keyId);
      return cached;
    }
    const ticket = this.cache.ticket();
    const row = await this.keys.findUsableByHash(keyHash, now);
    // The index found it by hash; compare in constant time anyway so no code path
    // branches on a partial match of secret-derived bytes.
    if (!row || !hashesEqual(row.keyHash, keyHash)) return null;
    const context: AuthContext = { keyId: row.id, userId: row.userId, scope: row.scope };
    this.cache.set(keyHash, context, row.expiresAt, now.getTime(), ticket);
    this.recordUse(row.id);
    return context;
  }

  /**
   * How long a key that is in use may keep being used: null when it no longer may (revoked,
   * expired); otherwise its hash (what change notices name) and its expiry, if any.
   */
  async lifetime(keyId: string): Promise<KeyLifetime | null> {
    const row = await this.keys.findUsableById(keyId, this.clock.now());
    return row ? { keyHash: row.keyHash, expiresAt: row.expiresAt } : null;
  }

  create(
    input: CreateKeyInput,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IssuedApiKey> {
    return this.insertKey(manager, input);
  }

  async list(limit: number, cursor?: string, userId?: string): Promise<Page<ApiKey>> {
    const rows = await this.keys.list(limit, decodeCursor(cursor, KEYS), userId);
    return toPage(rows, limit, (row) => row, undefined, KEYS.list);
  }

  /**
   * Issues a replacement with the same owner, name and scope. Without a grace period the old
   * key stops at once; with one it keeps working until the grace period ends.
   */
  async rotate(id: string, gracePeriodSeconds = 0): Promise<IssuedApiKey> {
    let heard: Promise<void> | undefined;
    const replacement = await this.dataSource.transaction(async (manager) => {
      const old = await this.keys.findById(id, manager);
      if (!old) throw notFound('API key');
      heard = this.cache.untilEvicted(old.keyHash, NOTICE_WAIT_MS);
      if (old.revokedAt) throw conflict('API key is revoked and cannot be rotated');
      const now = this.clock.now();
      if (old.expiresAt && old.expiresAt <= now)
        throw conflict('API key has expired and cannot be rotated');
      if (old.replacedById) throw conflict('API key was already rotated');
      const issued = await this.insertKey(manager, {
        userId: old.userId,
        name: old.name,
        scope: old.scope,
        expiresAt: old.expiresAt,
      });
      if (gracePeriodSeconds > 0) {
        const graceEnd = new Date(now.getTime() + gracePeriodSeconds * 1000);
        const end = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
        await this.keys.expireAt(manager, old, end, issued.record.id);
      } else {
        await this.keys.markReplaced(manager, old.id, issued.record.id);
        await this.keys.revoke(manager, old, now);
      }
      return issued;
    });
    await heard;
    return replacement;
  }

  async revoke(id: string): Promise<void> {
    let heard: Promise<void> | undefined;
    await this.dataSource.transaction(async (manager) => {
      const key = await this.keys.findById(id, manager);
      if (!key) throw notFound('API key');
      if (key.revokedAt) return;
      heard = this.cache.untilEvicted(key.keyHash, NOTICE_WAIT_MS);
      await this.keys.revoke(manager, key, this.clock.now());
    });
    // The notice reaches every instance's listener at once; answering after our own heard it
    // means a client that saw the 204 is refused everywhere.
    await heard;
  }

  async findById(id: string): Promise<ApiKey> {
    const key = await this.keys.findById(id);
    if (!key) throw notFound('API key');
    return key;
  }

  adminKeyEverCreated(manager: EntityManager): Promise<boolean> {
    return this.keys.adminKeyEverCreated(manager);
  }

  private async insertKey(manager: EntityManager, input: CreateKeyInput): Promise<IssuedApiKey> {
    const secret = input.presetKey ? describeApiKey(input.presetKey) : generateApiKey();
    const record = await this.keys.insert(manager, {
      userId: input.userId,
      name: input.name,
      scope: input.scope,
      expiresAt: input.expiresAt ?? null,
      prefix: secret.prefix,
      keyHash: secret.hash,
    });
    return { record, key: secret.key };
  }

  /** last_used_at is written at most once a minute per key, off the request's critical path. */
  private recordUse(keyId: string): void {
    const now = this.clock.now().getTime();
    const last = this.lastUsedWritten.get(keyId);
    if (last !== undefined && now - last < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWritten.set(keyId, now);
    this.keys.touchLastUsed(keyId, new Date(now)).catch((error: Error) => {
      this.lastUsedWritten.delete(keyId);
      this.logger.warn(`could not record key use: ${error.message}`);
    });
  }
}
