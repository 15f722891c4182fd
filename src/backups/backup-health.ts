import type { BackupRun } from './backup-run.entity.js';

/** A verified backup older than this is worth a warning on the dashboard. */
export const STALE_BACKUP_MS = 2 * 86_400_000;

export interface BackupHealth {
  lastGoodAt: Date | null;
  ageSeconds: number | null;
  warning: string | null;
}

/** What an admin needs to know at a glance: how old the last restorable backup is, and whether to worry. */
export function backupHealth(
  lastGood: BackupRun | null,
  latest: BackupRun | null,
  now: Date,
): BackupHealth {
  const lastGoodAt = lastGood?.startedAt ?? null;
  const ageMs = lastGoodAt ? now.getTime() - lastGoodAt.getTime() : null;
  let warning: string | null = null;
  if (latest && latest.state === 'failed')
    warning = `the last backup failed: ${latest.error ?? 'unknown error'}`;
  else if (latest && latest.drillState === 'failed')
    warning = `the last backup's restore drill failed: ${latest.drillDetail ?? 'unknown error'}`;
  else if (ageMs === null) warning = 'no backup has passed a restore drill yet';
  else if (ageMs > STALE_BACKUP_MS)
    warning = `the last verified backup is ${Math.floor(ageMs / 86_400_000)} days old`;
  return { lastGoodAt, ageSeconds: ageMs === null ? null : Math.floor(ageMs / 1000), warning };
}
