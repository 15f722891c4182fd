import path from 'node:path';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { restoreSnapshot } from '../backups/snapshot/snapshot-restore.js';
import { takeSnapshot } from '../backups/snapshot/snapshot-writer.js';
import { backupDirectory } from '../backups/backup-directory.js';

type Out = (line: string) => void;

const totalRows = (tables: Record<string, { rows: number }>) =>
  Object.values(tables).reduce((sum, t) => sum + t.rows, 0);

/** `backup` and `restore <file> [--force]`: plain functions over a URL, no Nest context needed. */
export async function runBackupCommand(
  command: 'backup' | 'restore',
  url: string,
  env: EnvironmentVariables,
  positional: string[],
  options: { force?: boolean },
  out: Out,
): Promise<number> {
  if (command === 'backup') {
    const result = await takeSnapshot(url, backupDirectory(env));
    out(`backup:   ${result.file}`);
    out(`schema:   ${result.migration}`);
    out(`size:     ${result.bytes} bytes (gzip), sha256 ${result.sha256}`);
    out(
      `tables:   ${Object.keys(result.tables).length}, rows ${totalRows(result.tables)}, in ${result.durationMs} ms`,
    );
    return 0;
  }
  const file = positional[0];
  if (!file) throw new Error('usage: restore <file> [--force]');
  const restored = await restoreSnapshot(url, path.resolve(file), {
    force: options.force ?? false,
  });
  out(
    `restored ${path.basename(file)} (schema ${restored.header.migration}, taken ${restored.header.created_at})`,
  );
  out(
    `tables:   ${Object.keys(restored.trailer.tables).length}, rows ${totalRows(restored.trailer.tables)}, in ${restored.durationMs} ms`,
  );
  return 0;
}
