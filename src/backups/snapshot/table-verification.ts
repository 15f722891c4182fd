import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { RowDigest } from './row-digest.js';
import { STABLE_COPY_SETTINGS, type TableSummary } from './snapshot-format.js';
import { copyOutStatement, listTables } from './table-catalog.js';

async function summarise(client: pg.Client, statement: string): Promise<TableSummary> {
  const digest = new RowDigest();
  for await (const chunk of client.query(copyTo(statement)) as AsyncIterable<Buffer>)
    digest.addLines(chunk);
  return { rows: digest.rows, checksum: digest.value };
}

/** Row count and order-free checksum of every table, read the way a snapshot reads them. */
export async function summariseDatabase(url: string): Promise<Record<string, TableSummary>> {
  const client = new pg.Client({ connectionString: url, application_name: 'pai-backup-verify' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const statement of STABLE_COPY_SETTINGS) await client.query(statement);
    const summaries: Record<string, TableSummary> = {};
    for (const table of await listTables(client))
      summaries[table.name] = await summarise(client, copyOutStatement(table));
    await client.query('COMMIT');
    return summaries;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The tables whose count or checksum differ from what was expected, described for a person. */
export function compareSummaries(
  expected: Record<string, TableSummary>,
  actual: Record<string, TableSummary>,
): string[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (!got) problems.push(`${name}: missing`);
    else if (got.rows !== want.rows)
      problems.push(`${name}: ${got.rows} rows, expected ${want.rows}`);
    else if (got.checksum !== want.checksum) problems.push(`${name}: checksum differs`);
  }
  return problems;
}
