import { describe, expect, it } from '@jest/globals';
import { backupHealth } from './backup-health.js';
import type { BackupRun } from './backup-run.entity.js';

const run = (startedAt: string, extra: Partial<BackupRun> = {}) =>
  ({
    startedAt: new Date(startedAt),
    state: 'done',
    drillState: 'passed',
    error: null,
    drillDetail: null,
    ...extra,
  }) as BackupRun;
const now = new Date('2026-12-06T12:00:00Z');

describe('backupHealth', () => {
  it('is quiet for a verified backup under two days old and gives its age', () => {
    const good = run('2026-12-05T02:00:00Z');
    expect(backupHealth(good, good, now)).toEqual({
      lastGoodAt: good.startedAt,
      ageSeconds: 122_400,
      warning: null,
    });
  });

  it('warns when the last good backup is over two days old', () => {
    const old = run('2026-12-04T02:00:00Z');
    expect(backupHealth(old, old, now).warning).toBe('the last verified backup is 2 days old');
  });

  it('warns when the latest drill or backup failed, even with a recent good one', () => {
    const good = run('2026-12-05T02:00:00Z');
    expect(
      backupHealth(
        good,
        run('2026-12-06T02:00:00Z', { drillState: 'failed', drillDetail: 'x differs' }),
        now,
      ).warning,
    ).toBe("the last backup's restore drill failed: x differs");
    expect(
      backupHealth(good, run('2026-12-06T02:00:00Z', { state: 'failed', error: 'disk full' }), now)
        .warning,
    ).toBe('the last backup failed: disk full');
  });

  it('warns when nothing was ever verified', () => {
    expect(backupHealth(null, null, now)).toEqual({
      lastGoodAt: null,
      ageSeconds: null,
      warning: 'no backup has passed a restore drill yet',
    });
  });
});
