import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface LinkRow {
  relatedThoughtId: string;
  score: number;
  sharedTags: string[];
}

@Injectable()
export class ThoughtLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Replaces a thought's links with the latest analysis's, in one statement. */
  async replace(userId: string, thoughtId: string, links: LinkRow[]): Promise<void> {
    await this.dataSource.query(
      `WITH removed AS (DELETE FROM thought_links WHERE thought_id = $1)
       INSERT INTO thought_links (thought_id, related_thought_id, user_id, score, shared_tags)
       SELECT $1, link.related, $2, link.score, link.shared_tags
       FROM jsonb_to_recordset($3::jsonb) AS link(related uuid, score real, shared_tags jsonb)
       ON CONFLICT (thought_id, related_thought_id) DO UPDATE SET score = EXCLUDED.score, shared_tags = EXCLUDED.shared_tags`,
      [thoughtId, userId, JSON.stringify(links.map((link) => ({ related: link.relatedThoughtId, score: link.score, shared_tags: link.sharedTags })))],
    );
  }
}
