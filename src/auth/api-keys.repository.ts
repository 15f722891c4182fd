import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, IsNull, type Repository } from 'typeorm';
import type { KeysetCursor } from '../common/pagination/cursor.js';
import { ApiKey, type ApiKeyScope } from './api-key.entity.js';

/** Channel on which a key's hash is announced when it stops (or will stop) being valid. */
export const API_KEY_CHANGED_CHANNEL = 'pai_api_key_changed';

export interface NewApiKeyRow {
  userId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scope: ApiKeyScope;
  expiresAt: Date | null;
}

const LISTED_COLUMNS: (keyof ApiKey)[] = [
  'id',
  'userId',
  'name',
  'prefix',
  'scope',
  'createdAt',
  'lastUsedAt',
  'expiresAt',
  'revokedAt',
  'replacedById',
];

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  async insert(manager: EntityManager, row: NewApiKeyRow): Promise<ApiKey> {
    const result = await manager.createQueryBuilder().insert().into(ApiKey).values(row).execute();
    // PostgreSQL returns the generated columns (id, created_at) with the insert.
    return Object.assign(
      new ApiKey(),
      row,
      { lastUsedAt: null, revokedAt: null, replacedById: null },
      result.generatedMaps[0],
    );
  }

  /**
   * The key with this hash, if it is neither revoked nor expired at `now`. The caller's clock,
   * not the database's now(): the verified-key cache decides expiry by the same clock.
   */
  findUsableByHash(
    keyHash: string,
    now: Date,
  ): Promise<Pick<ApiKey, 'id' | 'userId' | 'scope' | 'expiresAt' | 'keyHash'> | null> {
    return this.keys
      .createQueryBuilder('key')
      .select(['key.id', 'key.userId', 'key.scope', 'key.expiresAt', 'key.keyHash'])
      .where('key.keyHash = :keyHash', { keyHash })
      .andWhere('key.revokedAt IS NULL')
      .andWhere('(key.expiresAt IS NULL OR key.expiresAt > :now)', { now })
      .getOne();
  }

  /** The key with this id, if it is neither revoked nor expired at `now` (the caller's clock). */
  findUsableById(id: string, now: Date): Promise<Pick<ApiKey, 'keyHash' | 'expiresAt'> | null> {
    return this.keys
      .createQueryBuilder('key')
      .select(['key.keyHash', 'key.expiresAt'])
      .where('key.id = :id', { id })
      .andWhere('key.revokedAt IS NULL')
      .andWhere('(key.expiresAt IS NULL OR key.expiresAt > :now)', { now })
      .getOne();
  }

  findById(id: string, manager?: EntityManager): Promise<ApiKey | null> {
    return (manager?.getRepository(ApiKey) ?? this.keys).findOne({
      where: { id },
      select: Object.fromEntries([...LISTED_COLUMNS, 'keyHash'].map((column) => [column, true])),
      lock: manager ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  list(limit: number, after?: KeysetCursor, userId?: string): Promise<ApiKey[]> {
    const query = this.keys
      .createQueryBuilder('key')
      .select(LISTED_COLUMNS.map((column) => `key.${column}`))
      .orderBy('key.createdAt', 'DESC')
      .addOrderBy('key.id', 'DESC')
      .limit(limit + 1);
    if (userId) query.andWhere('key.userId = :userId', { userId });
    if (after) {
      query.andWhere(
        new Brackets((where) =>
          where
            .where('key.createdAt < :at', { at: after.createdAt })
            .orWhere('(key.createdAt = :at AND key.id < :id)', {
              at: after.createdAt,
              id: after.id,
            }),
        ),
      );
    }
    return query.getMany();
  }

  /** Marks the key revoked and tells every instance to drop it from its cache at commit. */
  async revoke(
    manager: EntityManager,
    key: Pick<ApiKey, 'id' | 'keyHash'>,
    at: Date,
  ): Promise<void> {
    await manager.update(ApiKey, { id: key.id, revokedAt: IsNull() }, { revokedAt: at });
    await this.announceChange(manager, key.keyHash);
  }

  async expireAt(
    manager: EntityManager,
    key: Pick<ApiKey, 'id' | 'keyHash'>,
    at: Date,
    replacedById: string,
  ): Promise<void> {
    await manager.update(ApiKey, { id: key.id }, { expiresAt: at, replacedById });
    await this.announceChange(manager, key.keyHash);
  }

  async markReplaced(manager: EntityManager, id: string, replacedById: string): Promise<void> {
    await manager.update(ApiKey, { id }, { replacedById });
  }

  touchLastUsed(id: string, at: Date): Promise<unknown> {
    return this.keys.update({ id }, { lastUsedAt: at });
  }

  async adminKeyEverCreated(manager: EntityManager): Promise<boolean> {
    return (await manager.getRepository(ApiKey).count({ where: { scope: 'admin' }, take: 1 })) > 0;
  }

  private async announceChange(manager: EntityManager, keyHash: string): Promise<void> {
    // NOTIFY inside the transaction is delivered only if it commits.
    await manager.query('SELECT pg_notify($1, $2)', [API_KEY_CHANGED_CHANNEL, keyHash]);
  }
}
