import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReadReplicas } from '../database/replicas/read-replicas.service.js';

export interface LinkRow {
  relatedThoughtId: string;
  score: number;
  sharedTags: string[];
}

@Injectable()
export class ThoughtLinksRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /** The stored links of these thoughts (for export), by thought id. */
  async forThoughts(userId: string, thoughtIds: string[]): Promise<Map<string, LinkRow[]>> {
    const rows = (await this.replicas.reader(userId).query(
      `SELECT thought_id, related_thought_id, score, shared_tags FROM thought_links
       WHERE user_id = $1 AND thought_id = ANY($2::uuid[]) ORDER BY thought_id, score DESC, related_thought_id`,
      [userId, thoughtIds],
    )) as {
      thought_id: string;
      related_thought_id: string;
      score: number;
      shared_tags: string[];
    }[];
    const links = new Map<string, LinkRow[]>();
    for (const row of rows) {
      const list = links.get(row.thought_id) ?? [];
      list.push({
        relatedThoughtId: row.related_thought_id,
        score: row.score,
        sharedTags: row.shared_tags,
      });
      links.set(row.thought_id, list);
    }
    return links;
  }

  /** Replaces a thought's links with the latest analysis's, in one statement. */
  async replace(userId: string, thoughtId: string, links: LinkRow[]): Promise<void> {
    await this.dataSource.query(
      `WITH removed AS (DELETE FROM thought_links WHERE thought_id = $1)
       INSERT INTO thought_links (thought_id, related_thought_id, user_id, score, shared_tags)
       SELECT $1, link.related, $2, link.score, link.shared_tags
       FROM jsonb_to_recordset($3::jsonb) AS link(related uuid, score real, shared_tags jsonb)
       ON CONFLICT (thought_id, related_thought_id) DO UPDATE SET score = EXCLUDED.score, shared_tags = EXCLUDED.shared_tags`,
      [
        thoughtId,
        userId,
        JSON.stringify(
          links.map((link) => ({
            related: link.relatedThoughtId,
            score: link.score,
            shared_tags: link.sharedTags,
          })),
        ),
      ],
    );
  }
}
