import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { SettingsChange } from './settings.types.js';
import { UserSettings } from './user-settings.entity.js';

const SETTINGS_COLUMNS = {
  id: true,
  userId: true,
  autoTaggingEnabled: true,
  autoTaskCreationEnabled: true,
  taskSuggestionMode: true,
  autoTaskConfidenceThreshold: true,
  aiBackend: true,
  consciousnessCheckIntervalMinutes: true,
  quietHours: true,
  createdAt: true,
  updatedAt: true,
} as const;

@Injectable()
export class SettingsRepository {
  constructor(
    @InjectRepository(UserSettings) private readonly settings: Repository<UserSettings>,
  ) {}

  /** With `forUpdate` (inside a transaction) the row stays locked until it ends. */
  findByUserId(
    userId: string,
    manager?: EntityManager,
    forUpdate = false,
  ): Promise<UserSettings | null> {
    return (manager?.getRepository(UserSettings) ?? this.settings).findOne({
      where: { userId },
      select: SETTINGS_COLUMNS,
      lock: forUpdate ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  /**
   * Creates the user's row with the column defaults unless it exists. Two concurrent first
   * requests both succeed: the second insert waits for the first and then does nothing.
   */
  async ensureExists(
    userId: string,
    manager: EntityManager = this.settings.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "user_settings" ("user_id") VALUES ($1) ON CONFLICT ("user_id") DO NOTHING`,
      [userId],
    );
  }

  /** Writes the given values only; returns the number of rows changed (0 or 1). */
  async update(manager: EntityManager, userId: string, change: SettingsChange): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(UserSettings)
      .set(change)
      .where('user_id = :userId', { userId })
      .execute();
    return result.affected ?? 0;
  }
}
