import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Upper bound on the tags a user is known to reject: a vocabulary filter, read per analysis. */
const REJECTED_TAGS_READ = 500;

/** AI tags users removed from thoughts (see tag-rejection.entity.ts). */
@Injectable()
export class TagFeedbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records removals inside the edit's transaction. The per-user count rises once per thought:
   * removing the same tag from the same thought again (after an edit put it back) is no new signal.
   */
  async recordRemoved(
    manager: EntityManager,
    userId: string,
    thoughtId: string,
    tags: string[],
  ): Promise<void> {
    if (tags.length === 0) return;
    await manager.query(
      `WITH added AS (
         INSERT INTO thought_tag_rejections (thought_id, tag, user_id)
         SELECT $2, tag, $1 FROM unnest($3::text[]) AS tag
         ON CONFLICT (thought_id, tag) DO NOTHING RETURNING tag
       )
       INSERT INTO user_tag_rejections AS r (user_id, tag, times)
       SELECT $1, tag, 1 FROM added ORDER BY tag
       ON CONFLICT (user_id, tag) DO UPDATE SET times = r.times + 1, updated_at = now()`,
      [userId, thoughtId, tags],
    );
  }

  async rejectedOn(userId: string, thoughtId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT tag FROM thought_tag_rejections WHERE thought_id = $1 AND user_id = $2`,
      [thoughtId, userId],
    )) as { tag: string }[];
    return rows.map((row) => row.tag);
  }

  /** Tags the user removed from at least `minTimes` thoughts, most removed first. */
  async rejectedByUser(userId: string, minTimes: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT tag FROM user_tag_rejections WHERE user_id = $1 AND times >= $2 ORDER BY times DESC, tag LIMIT ${REJECTED_TAGS_READ}`,
      [userId, minTimes],
    )) as { tag: string }[];
    return rows.map((row) => row.tag);
  }
}
