import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { RowDigest } from './row-digest.js';
import {
  END_OF_DATA,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotHeader,
  snapshotFileName,
  STABLE_COPY_SETTINGS,
  type TableSummary,
} from './snapshot-format.js';
import { copyOutStatement, listSequences, listTables } from './table-catalog.js';

export interface SnapshotResult {
  file: string;
  bytes: number;
  sha256: string;
  migration: string;
  createdAt: Date;
  durationMs: number;
  tables: Record<string, TableSummary>;
}

export async function readMigrationTag(client: pg.ClientBase): Promise<string> {
  const exists = await client.query<{ found: string | null }>(
    `SELECT to_regclass('public.migrations')::text AS found`,
  );
  if (!exists.rows[0]?.found)
    throw new Error('the database has no schema yet (no migrations table): nothing to back up');
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM migrations ORDER BY "timestamp" DESC LIMIT 1`,
  );
  if (!rows[0]) throw new Error('the database has no migration applied: nothing to back up');
  return rows[0].name;
}

export async function readQueueSchemaVersion(client: pg.ClientBase): Promise<number | null> {
  const exists = await client.query<{ found: string | null }>(
    `SELECT to_regclass('pgboss.version')::text AS found`,
  );
  if (!exists.rows[0]?.found) return null;
  const { rows } = await client.query<{ version: number }>(
    `SELECT version::int AS version FROM pgboss.version LIMIT 1`,
  );
  return rows[0]?.version ?? null;
}

/**
 * A consistent snapshot of the whole database taken by the app itself: one REPEATABLE READ
 * transaction (every table as of the same instant, writers never blocked), COPY per table,
 * gzip, SHA-256 of the file. Works wherever the app can connect, embedded or not, without
 * a pg_dump of the right major version.
 */
export async function takeSnapshot(
  url: string,
  directory: string,
  now: () => Date = () => new Date(),
): Promise<SnapshotResult> {
  const started = performance.now();
  await mkdir(directory, { recursive: true });
  const client = new pg.Client({ connectionString: url, application_name: 'pai-backup' });
  await client.connect();
  let partial: string | undefined;
  let gzip: ReturnType<typeof createGzip> | undefined;
  let written: Promise<void> | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const statement of STABLE_COPY_SETTINGS) await client.query(statement);
    const migration = await readMigrationTag(client);
    const createdAt = now();
    const header: SnapshotHeader = {
      kind: 'header',
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      created_at: createdAt.toISOString(),
      migration,
      queue_schema_version: await readQueueSchemaVersion(client),
      server_version: (
        await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
      ).rows[0]!.v.split(' ')[0]!,
      sequences: await listSequences(client),
    };
    const tables = await listTables(client);
    const name = snapshotFileName(createdAt, migration);
    const file = path.join(directory, name);
    partial = `${file}.partial`;
    const hash = createHash('sha256');
    let bytes = 0;
    gzip = createGzip();
    const output = gzip;
    written = pipeline(
      gzip,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
      createWriteStream(partial, { flush: true }),
    );
    const finished = written;
    const write = async (data: Buffer | string) => {
      if (!output.write(data)) await Promise.race([once(output, 'drain'), finished]);
    };
    await write(`${JSON.stringify(header)}\n`);
    const summaries: Record<string, TableSummary> = {};
    for (const table of tables) {
      await write(
        `${JSON.stringify({ kind: 'table', name: table.name, columns: table.columns })}\n`,
      );
      const digest = new RowDigest();
      const rows = client.query(copyTo(copyOutStatement(table)));
      for await (const chunk of rows as AsyncIterable<Buffer>) {
        digest.addLines(chunk);
        await write(chunk);
      }
      await write(`${END_OF_DATA}\n`);
      summaries[table.name] = { rows: digest.rows, checksum: digest.value };
    }
    await write(`${JSON.stringify({ kind: 'trailer', tables: summaries })}\n`);
    await client.query('COMMIT');
    output.end();
    await finished;
    await rename(partial, file);
    partial = undefined;
    const sha256 = hash.digest('hex');
    // The `sha256sum -c` format, so the file can be checked without the app.
    await writeFile(`${file}.sha256`, `${sha256}  ${name}\n`);
    return {
      file,
      bytes,
      sha256,
      migration,
      createdAt,
      durationMs: Math.round(performance.now() - started),
      tables: summaries,
    };
  } finally {
    if (partial) {
      gzip?.destroy();
      await written?.catch(() => undefined);
      await rm(partial, { force: true });
    }
    await client.end().catch(() => undefined);
  }
}
