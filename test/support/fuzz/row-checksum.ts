import type { DataSource } from 'typeorm';

/** Columns that change on every authenticated request, whatever it answers. */
const VOLATILE = ['last_used_at'];

/**
 * Digests of everything stored for each of some users: every public table with a user_id
 * column (found once per checker, so tables added later are covered), the users row itself,
 * and the user's queued jobs (a 4xx must not enqueue work either).
 */
export class RowChecksums {
  private query?: string;

  constructor(private readonly dataSource: DataSource) {}

  /** One digest per user id, in the order given. */
  async of(userIds: string[]): Promise<string[]> {
    this.query ??= await this.buildQuery();
    const rows = (await this.dataSource.query(this.query, [userIds])) as {
      user_id: string;
      digest: string;
    }[];
    return userIds.map((id) => rows.find((row) => row.user_id === id)?.digest ?? '');
  }

  private async buildQuery(): Promise<string> {
    const tables = (await this.dataSource.query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name`,
    )) as { table_name: string }[];
    const strip = VOLATILE.map((column) => ` - '${column}'`).join('');
    const parts = tables.map(
      ({ table_name: table }) =>
        `SELECT x.user_id::text AS user_id, '${table}' || ':' || md5(string_agg((to_jsonb(x)${strip})::text, '|' ORDER BY (to_jsonb(x)${strip})::text)) AS part
           FROM public."${table}" x WHERE x.user_id = ANY($1::uuid[]) GROUP BY x.user_id`,
    );
    parts.push(
      `SELECT u.id::text, 'users:' || md5(to_jsonb(u)::text) FROM users u WHERE u.id = ANY($1::uuid[])`,
    );
    const [{ present }] = (await this.dataSource.query(
      `SELECT to_regclass('pgboss.job') IS NOT NULL AS present`,
    )) as { present: boolean }[];
    if (present) {
      parts.push(
        `SELECT j.data->>'userId', 'jobs:' || count(*) FROM pgboss.job j WHERE j.data->>'userId' = ANY($1::text[]) GROUP BY j.data->>'userId'`,
      );
    }
    return `SELECT user_id, string_agg(part, ',' ORDER BY part) AS digest FROM (${parts.join(' UNION ALL ')}) p GROUP BY user_id`;
  }
}
