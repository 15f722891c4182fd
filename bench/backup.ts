/**
 * Backup and restore at scale: the app's own snapshot (REPEATABLE READ, COPY per table,
 * gzip, sha256) of a database holding N thoughts, then a restore into an empty database
 * and a check that every table's count and checksum came back. The seed asks for 1M
 * thoughts (the default, as in `npm run bench`); a shared machine can run --backup-thoughts 100000.
 * The seed (INSERT ... SELECT over generate_series inside PostgreSQL) is shown, not budgeted.
 *   npm run bench:backup [-- --backup-thoughts 100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { restoreSnapshot } from '../src/backups/snapshot/snapshot-restore.js';
import { takeSnapshot } from '../src/backups/snapshot/snapshot-writer.js';
import { compareSummaries, summariseDatabase } from '../src/backups/snapshot/table-verification.js';
import { runMigrationCommand } from '../src/cli/migrations.command.js';
import { runMain } from './lib/cleanup.js';
import { createBenchDatabase, createUsersWithKeys, query } from './lib/db.js';
import { fmt, machineLine, numberArg, parseArgs, table } from './lib/report.js';
import type { BenchSection } from './lib/section.js';
import { seedThoughts } from './seed-thoughts.js';

/** Budgets for 1M thoughts, scaled linearly to the size run (both are streaming, O(rows)). */
const BACKUP_S_PER_MILLION = 120;
const RESTORE_S_PER_MILLION = 300;

export function backupOptions(argv: string[]): { thoughts: number } {
  return { thoughts: numberArg(parseArgs(argv), 'backup-thoughts', 1_000_000) };
}

export async function benchBackup(
  options: { thoughts: number } = { thoughts: 1_000_000 },
): Promise<BenchSection> {
  const source = await createBenchDatabase();
  const target = await createBenchDatabase();
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pai-bench-backup-'));
  try {
    await runMigrationCommand(source.url, 'run', () => undefined);
    const users = await createUsersWithKeys(source.url, 10);
    const seed = await seedThoughts(
      source.url,
      users.map((u) => u.userId),
      options.thoughts,
      () => undefined,
    );
    const [{ size }] = (await query<{ size: string }>(
      source.url,
      'SELECT pg_database_size(current_database())::bigint AS size',
    )) as [{ size: string }];
    const snapshot = await takeSnapshot(source.url, directory);
    const restored = await restoreSnapshot(target.url, snapshot.file);
    const verifyStarted = performance.now();
    const problems = compareSummaries(snapshot.tables, await summariseDatabase(target.url));
    const verifyMs = performance.now() - verifyStarted;
    const scale = options.thoughts / 1_000_000;
    const rows = Object.values(snapshot.tables).reduce((sum, t) => sum + t.rows, 0);
    const text = [
      `## Backup and restore, ${options.thoughts.toLocaleString()} thoughts`,
      machineLine(),
      table(
        ['step', 'seconds', 'detail'],
        [
          // Not budgeted: it prepares the data (INSERT ... SELECT generate_series, inside PostgreSQL), so the integrator can plan a run.
          [
            'seed (generate_series, then VACUUM)',
            fmt((seed.insertMs + seed.vacuumMs) / 1000),
            `database ${fmt(Number(size) / 1_048_576)} MiB`,
          ],
          [
            'backup (snapshot + gzip + sha256)',
            fmt(snapshot.durationMs / 1000),
            `${fmt(snapshot.bytes / 1_048_576)} MiB, ${rows.toLocaleString()} rows`,
          ],
          [
            'restore (schema + COPY + checks)',
            fmt(restored.durationMs / 1000),
            problems.length ? `DIFFERS: ${problems.join('; ')}` : 'every table matches',
          ],
          ['read back and checksum (drill check)', fmt(verifyMs / 1000), ''],
        ],
      ),
    ].join('\n');
    return {
      title: 'backup',
      text,
      budgets: [
        {
          what: `backup of ${options.thoughts} thoughts`,
          value: snapshot.durationMs / 1000,
          unit: 's',
          better: 'lower',
          limit: BACKUP_S_PER_MILLION * scale,
        },
        {
          what: `restore of ${options.thoughts} thoughts`,
          value: restored.durationMs / 1000,
          unit: 's',
          better: 'lower',
          limit: RESTORE_S_PER_MILLION * scale,
        },
        {
          what: 'restored tables that differ',
          value: problems.length,
          unit: 'tables',
          better: 'lower',
          limit: 1,
        },
      ],
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await target.drop();
    await source.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchBackup(backupOptions(process.argv.slice(2)));
    console.log(section.text);
    for (const budget of section.budgets)
      console.log(
        `${budget.what}: ${fmt(budget.value)} ${budget.unit} (limit ${fmt(budget.limit)})`,
      );
  });
}
