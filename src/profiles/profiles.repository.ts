import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { ProfileContent } from './profile.types.js';
import { UserProfile } from './user-profile.entity.js';

const PROFILE_COLUMNS = {
  id: true,
  userId: true,
  ongoingProjects: true,
  workPatterns: true,
  goals: true,
  preferences: true,
  timezone: true,
  createdAt: true,
  updatedAt: true,
} as const;

@Injectable()
export class ProfilesRepository {
  constructor(@InjectRepository(UserProfile) private readonly profiles: Repository<UserProfile>) {}

  findByUserId(userId: string, manager?: EntityManager): Promise<UserProfile | null> {
    return (manager?.getRepository(UserProfile) ?? this.profiles).findOne({
      where: { userId },
      select: PROFILE_COLUMNS,
    });
  }

  /**
   * Creates the user's row with the column defaults unless it exists. Two concurrent first
   * requests both succeed: the second insert waits for the first and then does nothing.
   */
  async ensureExists(
    userId: string,
    manager: EntityManager = this.profiles.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "user_profiles" ("user_id") VALUES ($1) ON CONFLICT ("user_id") DO NOTHING`,
      [userId],
    );
  }

  /** Replaces every part of the profile; returns the number of rows changed (0 or 1). */
  async replace(manager: EntityManager, userId: string, content: ProfileContent): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(UserProfile)
      .set({
        ongoingProjects: content.ongoingProjects,
        workPatterns: content.workPatterns,
        goals: content.goals,
        preferences: content.preferences,
        timezone: content.timezone,
      })
      .where('user_id = :userId', { userId })
      .execute();
    return result.affected ?? 0;
  }
}
