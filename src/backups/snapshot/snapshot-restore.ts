import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../database/migrations.js';
import { buildDataSourceOptions } from '../../database/typeorm-options.js';
import { QUEUE_SCHEMA } from '../../jobs/queues.js';
import {
  type SnapshotHeader,
  STABLE_COPY_SETTINGS,
  type SnapshotTrailer,
  type TableSummary,
} from './snapshot-format.js';
import { readSnapshot, SnapshotFormatError } from './snapshot-reader.js';
import { dropSecondaryIndexes, recreateIndexes } from './restore-indexes.js';
import { columnList, countOwnRelations, listTables, SNAPSHOT_SCHEMAS } from './table-catalog.js';
import { readQueueSchemaVersion } from './snapshot-writer.js';

export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  /** Replace whatever the target database holds. */
  force?: boolean;
}

export interface RestoreResult {
  header: SnapshotHeader;
  trailer: SnapshotTrailer;
  durationMs: number;
}

/** Compares the file with its `.sha256` companion; a snapshot without one is not trusted. */
export async function verifyFileChecksum(file: string): Promise<string> {
  const sidecar = `${file}.sha256`;
  if (!existsSync(sidecar))
    throw new SnapshotFormatError(`no checksum file beside the snapshot (${sidecar})`);
  const expected = (await readFile(sidecar, 'utf8')).trim().split(/\s+/)[0];
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
  if (actual !== expected)
    throw new SnapshotFormatError(
      'the snapshot is damaged: its SHA-256 does not match its checksum file',
    );
  return actual;
}

export async function readSnapshotHeader(file: string): Promise<SnapshotHeader> {
  const records = readSnapshot(file);
  try {
    const first = await records.next();
    if (first.done || first.value.type !== 'header')
      throw new SnapshotFormatError('not a PAI snapshot file');
    return first.value.header;
  } finally {
    await records.return(undefined);
  }
}

/** The migrations up to and including the snapshot's, or a refusal for a newer snapshot. */
function migrationsUpTo(migration: string) {
  const index = MIGRATIONS.findIndex((m) => m.name === migration);
  if (index === -1) {
    throw new RestoreRefusedError(
      `the snapshot's schema (${migration}) is unknown to this version of PAI: restore it with the version that made it, or a newer one`,
    );
  }
  return MIGRATIONS.slice(0, index + 1);
}

/**
 * The schema comes from our own migrations, run up to the snapshot's migration id, and from
 * pg-boss's own installer: the same code that built the source builds the target, so there
 * is no DDL dumper of ours to keep in step with PostgreSQL, and starting the restored
 * database with a newer version migrates it forward as usual. The snapshot carries data only.
 */
async function buildSchema(url: string, header: SnapshotHeader): Promise<void> {
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url, poolSize: 2, applicationName: 'pai-restore' }),
    migrations: migrationsUpTo(header.migration),
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  if (header.queue_schema_version === null) return;
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: 2,
    supervise: false,
    schedule: false,
    migrate: true,
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}

async function prepareTarget(client: pg.Client, force: boolean): Promise<void> {
  if ((await countOwnRelations(client)) === 0) return;
  if (!force)
    throw new RestoreRefusedError(
      'the target database is not empty; restore into an empty database, or pass --force to replace its contents',
    );
  for (const schema of SNAPSHOT_SCHEMAS)
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.query(`CREATE SCHEMA IF NOT EXISTS public`);
}

/** Loads the rows in one transaction: a damaged file leaves the tables empty, never half-filled. */
async function loadData(
  client: pg.Client,
  file: string,
  header: SnapshotHeader,
): Promise<SnapshotTrailer> {
  let copy: ReturnType<typeof copyFrom> | undefined;
  let copyDone: Promise<void> | undefined;
  const tables = new Map((await listTables(client)).map((t) => [t.name, t]));
  await client.query('BEGIN');
  try {
    for (const statement of STABLE_COPY_SETTINGS) await client.query(statement);
    if (tables.size) await client.query(`TRUNCATE ${[...tables.keys()].join(', ')}`);
    const indexes = await dropSecondaryIndexes(client);
    const read: Record<string, TableSummary> = {};
    let trailer: SnapshotTrailer | undefined;
    for await (const record of readSnapshot(file)) {
      if (record.type === 'table') {
        const target = tables.get(record.table.name);
        if (!target || target.columns.join(',') !== record.table.columns.join(',')) {
          throw new SnapshotFormatError(
            `table ${record.table.name} differs from the schema of ${header.migration}`,
          );
        }
        copy = client.query(
          copyFrom(`COPY ${record.table.name} (${columnList(record.table.columns)}) FROM STDIN`),
        );
        copyDone = finished(copy);
      } else if (record.type === 'rows') {
        if (!copy!.write(record.data)) await Promise.race([once(copy!, 'drain'), copyDone]);
      } else if (record.type === 'table-end') {
        copy!.end();
        await copyDone;
        copy = undefined;
        read[record.table.name] = record.read;
      } else if (record.type === 'trailer') {
        trailer = record.trailer;
      }
    }
    for (const [name, expected] of Object.entries(trailer!.tables)) {
      const got = read[name];
      if (!got || got.rows !== expected.rows || got.checksum !== expected.checksum) {
        throw new SnapshotFormatError(
          `the snapshot is damaged: the rows of ${name} do not match its trailer`,
        );
      }
    }
    await recreateIndexes(client, indexes);
    for (const sequence of header.sequences) {
      if (sequence.last_value === null)
        await client.query(`SELECT setval($1, 1, false)`, [sequence.name]);
      else
        await client.query(`SELECT setval($1, $2::bigint, true)`, [
          sequence.name,
          sequence.last_value,
        ]);
    }
    await client.query('COMMIT');
    return trailer!;
  } catch (error) {
    // Ends an open COPY with CopyFail so the connection can roll back.
    copy?.destroy(error as Error);
    await copyDone?.catch(() => undefined);
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function restoreSnapshot(
  url: string,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const started = performance.now();
  await verifyFileChecksum(file);
  const header = await readSnapshotHeader(file);
  migrationsUpTo(header.migration);
  const client = new pg.Client({ connectionString: url, application_name: 'pai-restore' });
  await client.connect();
  try {
    await prepareTarget(client, options.force ?? false);
    await buildSchema(url, header);
    const queueVersion = await readQueueSchemaVersion(client);
    if (header.queue_schema_version !== null && queueVersion !== header.queue_schema_version) {
      throw new RestoreRefusedError(
        `the snapshot's queue schema is version ${header.queue_schema_version}, this version of PAI installs ${queueVersion}: restore it with the version that made it`,
      );
    }
    const trailer = await loadData(client, file, header);
    return { header, trailer, durationMs: Math.round(performance.now() - started) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
