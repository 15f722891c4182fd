import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { invalid, notFound } from '../common/errors/domain-errors.js';
import { normalizeTimeZone } from '../common/validation/time.js';
import type { ProfileContent, ProfileSnapshot } from './profile.types.js';
import { ProfilesRepository } from './profiles.repository.js';
import type { UserProfile } from './user-profile.entity.js';

const TIMEZONE_MESSAGE = 'timezone must be an IANA time zone such as "Europe/Berlin" or "UTC"';

function toSnapshot(row: UserProfile): ProfileSnapshot {
  return {
    userId: row.userId,
    ongoingProjects: row.ongoingProjects,
    workPatterns: row.workPatterns,
    goals: row.goals,
    preferences: row.preferences,
    timezone: row.timezone,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: ProfilesRepository,
  ) {}

  /** The user's profile; a user who never saved one gets (and from now on has) the defaults. */
  async getForUser(userId: string): Promise<ProfileSnapshot> {
    const existing = await this.profiles.findByUserId(userId);
    if (existing) return toSnapshot(existing);
    await this.profiles.ensureExists(userId);
    return this.read(userId);
  }

  /** Full replace: every part of the profile takes the given value. */
  async replace(userId: string, content: ProfileContent): Promise<ProfileSnapshot> {
    // The DTO already checked it; normalising gives one spelling per zone ("utc" -> "UTC").
    const timezone = normalizeTimeZone(content.timezone);
    if (!timezone)
      throw invalid(TIMEZONE_MESSAGE, [{ field: 'timezone', message: TIMEZONE_MESSAGE }]);
    return this.dataSource.transaction(async (manager) => {
      await this.profiles.ensureExists(userId, manager);
      const affected = await this.profiles.replace(manager, userId, { ...content, timezone });
      if (affected !== 1) throw notFound('profile');
      return this.read(userId, manager);
    });
  }

  private async read(userId: string, manager?: EntityManager): Promise<ProfileSnapshot> {
    const row = await this.profiles.findByUserId(userId, manager);
    if (!row) throw notFound('profile');
    return toSnapshot(row);
  }
}
