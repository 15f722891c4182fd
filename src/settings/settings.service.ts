import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { invalid, notFound } from '../common/errors/domain-errors.js';
import {
  changedValues,
  isEmptyChange,
  NO_CHANGES_MESSAGE,
  resolveSettingsChange,
} from './settings-rules.js';
import { SettingsRepository } from './settings.repository.js';
import type { SettingsChange, SettingsSnapshot } from './settings.types.js';
import type { UserSettings } from './user-settings.entity.js';

function toSnapshot(row: UserSettings): SettingsSnapshot {
  return {
    userId: row.userId,
    autoTaggingEnabled: row.autoTaggingEnabled,
    autoTaskCreationEnabled: row.autoTaskCreationEnabled,
    taskSuggestionMode: row.taskSuggestionMode,
    autoTaskConfidenceThreshold: row.autoTaskConfidenceThreshold,
    aiBackend: row.aiBackend,
    consciousnessCheckIntervalMinutes: row.consciousnessCheckIntervalMinutes,
    quietHours: row.quietHours,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
  ) {}

  /** The user's settings; a user who never changed any gets (and from now on has) the defaults. */
  async getForUser(userId: string): Promise<SettingsSnapshot> {
    const existing = await this.settings.findByUserId(userId);
    if (existing) return toSnapshot(existing);
    await this.settings.ensureExists(userId);
    return this.read(userId);
  }

  /**
   * Applies a partial change. The row is locked while the change is resolved against the
   * current values (the task settings depend on each other), so concurrent PATCHes
   * serialise instead of overwriting each other's implied changes.
   */
  async update(userId: string, change: SettingsChange): Promise<SettingsSnapshot> {
    if (isEmptyChange(change)) throw invalid(NO_CHANGES_MESSAGE);
    return this.dataSource.transaction(async (manager) => {
      await this.settings.ensureExists(userId, manager);
      const row = await this.settings.findByUserId(userId, manager, true);
      if (!row) throw notFound('settings');
      const current = toSnapshot(row);
      const changed = changedValues(current, resolveSettingsChange(current, change));
      if (Object.keys(changed).length === 0) return current;
      const affected = await this.settings.update(manager, userId, changed);
      if (affected !== 1) throw notFound('settings');
      return this.read(userId, manager);
    });
  }

  private async read(userId: string, manager?: EntityManager): Promise<SettingsSnapshot> {
    const row = await this.settings.findByUserId(userId, manager);
    if (!row) throw notFound('settings');
    return toSnapshot(row);
  }
}
