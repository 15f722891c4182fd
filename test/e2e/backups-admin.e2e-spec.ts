import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BackupSchedule } from '../../src/backups/backup-schedule.js';
import { BackupsService } from '../../src/backups/backups.service.js';
import { runRestoreDrill } from '../../src/backups/snapshot/restore-drill.js';
import { bearer, captureThought, createUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

describe('scheduled backups, restore drills and GET /admin/backups', () => {
  let database: { url: string; drop: () => Promise<void> };
  let backupDir: string;
  let app: TestApp;
  let userKey: string;

  beforeAll(async () => {
    database = await createScratchDatabase();
    backupDir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'backups-admin-'));
    app = await startTestApp({ databaseUrl: database.url, env: { BACKUP_DIR: backupDir } });
    const user = await createUser(app, 'Drilled');
    userKey = user.key;
    await captureThought(app, user.key, 'a thought worth keeping');
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('runs a scheduled slot once, drills it, and lists it for admins only', async () => {
    const before = await app.http().get('/api/v1/admin/backups/status').set(bearer(TEST_ADMIN_KEY));
    expect(before.body).toMatchObject({
      last_good_at: null,
      warning: 'no backup has passed a restore drill yet',
    });

    const slot = new Date();
    const backups = app.app.get(BackupsService);
    // Two instances firing the same slot: one does the work, the other sees it claimed.
    const [first, second] = await Promise.all([
      backups.backUpAndDrill('scheduled', slot),
      backups.backUpAndDrill('scheduled', slot),
    ]);
    expect([first, second].filter((run) => run === null)).toHaveLength(1);
    const run = (first ?? second)!;
    expect(run.state).toBe('done');
    expect(run.drillState).toBe('passed');

    const listed = await app.http().get('/api/v1/admin/backups').set(bearer(TEST_ADMIN_KEY));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    const [item] = listed.body.items;
    expect(item).toMatchObject({
      id: run.id,
      trigger: 'scheduled',
      state: 'done',
      drill: { state: 'passed' },
    });
    expect(item.size_bytes).toBeGreaterThan(100);
    expect(item.duration_ms).toBeGreaterThanOrEqual(0);
    expect(item.drill.detail).toMatch(/tables restored with matching counts and checksums/);
    expect(item.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(path.join(backupDir, item.file_name)))
        .digest('hex'),
    );

    const status = await app.http().get('/api/v1/admin/backups/status').set(bearer(TEST_ADMIN_KEY));
    expect(status.body.warning).toBeNull();
    expect(status.body.last_good_age_seconds).toBeLessThan(60);

    expect((await app.http().get('/api/v1/admin/backups').set(bearer(userKey))).status).toBe(403);
    expect((await app.http().get('/api/v1/admin/backups')).status).toBe(401);
  });

  it('the scheduler tick backs up and drills too', async () => {
    // An earlier slot than the first test's, so the newest backup stays the next test's.
    await app.app.get(BackupSchedule).tick(new Date(Date.now() - 120_000));
    const listed = await app.http().get('/api/v1/admin/backups').set(bearer(TEST_ADMIN_KEY));
    expect(listed.body.items.map((i: { drill: { state: string } }) => i.drill.state)).toEqual([
      'passed',
      'passed',
    ]);
  });

  it('a drill detects a damaged backup file, and the dashboard status warns', async () => {
    const backups = app.app.get(BackupsService);
    const run = (await backups.backUpAndDrill('manual'))!;
    const file = backups.fileOf(run)!;
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file, bytes);

    await backups.drill(run.id, file);
    const listed = await app.http().get('/api/v1/admin/backups').set(bearer(TEST_ADMIN_KEY));
    const damaged = listed.body.items.find((i: { id: string }) => i.id === run.id);
    expect(damaged.drill.state).toBe('failed');
    expect(damaged.drill.detail).toContain('SHA-256');
    const status = await app.http().get('/api/v1/admin/backups/status').set(bearer(TEST_ADMIN_KEY));
    expect(status.body.warning).toContain('restore drill failed');
  });

  it('a drill detects rows changed inside a file whose checksum file was rewritten to match', async () => {
    const backups = app.app.get(BackupsService);
    const run = (await backups.backUpAndDrill('manual'))!;
    const file = backups.fileOf(run)!;
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    expect(text).toContain('a thought worth keeping');
    const forged = gzipSync(
      Buffer.from(text.replace('a thought worth keeping', 'a thought worth changing')),
    );
    writeFileSync(file, forged);
    writeFileSync(
      `${file}.sha256`,
      `${createHash('sha256').update(forged).digest('hex')}  ${path.basename(file)}\n`,
    );

    const result = await runRestoreDrill(database.url, file);
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('"public"."thoughts"');
  });
});
