import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** The user's remembered merges and renames (see tag-alias.entity.ts). */
@Injectable()
export class TagAliasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * `aliases` now mean `into`. An alias spelling `into` goes (renaming a tag back must not
   * leave a loop), and aliases that pointed at a merged-away tag follow it to `into`, so every
   * alias is one hop from a tag in use.
   */
  async remember(
    manager: EntityManager,
    userId: string,
    aliases: string[],
    into: string,
    intoSpellings: string[],
    mergedAway: string[],
  ): Promise<void> {
    await manager.query(`DELETE FROM tag_aliases WHERE user_id = $1 AND alias = ANY($2::text[])`, [
      userId,
      intoSpellings,
    ]);
    await manager.query(
      `UPDATE tag_aliases SET target = $2 WHERE user_id = $1 AND target = ANY($3::text[])`,
      [userId, into, mergedAway],
    );
    await manager.query(
      `INSERT INTO tag_aliases AS a (user_id, alias, target)
       SELECT $1, alias, $2 FROM unnest($3::text[]) AS alias ORDER BY alias
       ON CONFLICT (user_id, alias) DO UPDATE SET target = EXCLUDED.target, created_at = now()`,
      [userId, into, aliases],
    );
  }

  /** The targets of those of `lookups` that are aliases, through the primary key. */
  async lookup(userId: string, lookups: string[]): Promise<Map<string, string>> {
    if (lookups.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT alias, target FROM tag_aliases WHERE user_id = $1 AND alias = ANY($2::text[])`,
      [userId, lookups],
    )) as { alias: string; target: string }[];
    return new Map(rows.map((row) => [row.alias, row.target]));
  }
}
