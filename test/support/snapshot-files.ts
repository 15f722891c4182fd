import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { SnapshotTrailer } from '../../src/backups/snapshot/snapshot-format.js';
import { readSnapshot } from '../../src/backups/snapshot/snapshot-reader.js';

export function snapshotsIn(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.pai.gz'))
    .sort()
    .map((name) => path.join(directory, name));
}

export async function trailerOf(file: string): Promise<SnapshotTrailer> {
  let trailer: SnapshotTrailer | undefined;
  for await (const record of readSnapshot(file))
    if (record.type === 'trailer') trailer = record.trailer;
  if (!trailer) throw new Error(`${file} has no trailer`);
  return trailer;
}
