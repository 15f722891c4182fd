import path from 'node:path';

/** BACKUP_DIR, or `backups` under DATA_DIR, absolute. */
export function backupDirectory(env: { BACKUP_DIR?: string; DATA_DIR: string }): string {
  return path.resolve(env.BACKUP_DIR ?? path.join(env.DATA_DIR, 'backups'));
}
