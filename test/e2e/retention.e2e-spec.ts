import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { BackupsService } from '../../src/backups/backups.service.js';
import { RetentionJob } from '../../src/retention/retention.job.js';
import { RetentionService } from '../../src/retention/retention.service.js';
import { createUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

describe('retention in one place, on a controlled clock', () => {
  let database: { url: string; drop: () => Promise<void> };
  let backupDir: string;
  let app: TestApp;
  let db: pg.Client;
  let userId: string;

  beforeAll(async () => {
    database = await createScratchDatabase();
    backupDir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'retention-'));
    app = await startTestApp({
      databaseUrl: database.url,
      env: { BACKUP_DIR: backupDir, CHECK_RETENTION_DAYS: '10' },
    });
    userId = (await createUser(app, 'Retained')).userId;
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await app.close();
    await database.drop();
    rmSync(backupDir, { recursive: true, force: true });
  });

  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);

  it('applies each rule at its own age, keeps pinned checks, and logs the counts', async () => {
    await db.query(
      `INSERT INTO task_suggestions (user_id, title, normalized_title, confidence) VALUES ($1, 'Pay the bill', 'pay the bill', 0.8)`,
      [userId],
    );
    await db.query(
      `INSERT INTO ai_analysis_results (user_id, operation, backend, model, prompt_version, outcome) VALUES ($1, 'analyze_thought', 'mock', 'm', 'v1', 'success')`,
      [userId],
    );
    await db.query(
      `INSERT INTO scheduled_analyses (user_id, trigger, window_start, window_end, pinned) VALUES ($1, 'manual', now(), now(), false), ($1, 'manual', now(), now(), true)`,
      [userId],
    );
    const backup = (await app.app.get(BackupsService).backUpAndDrill('manual'))!;
    const file = app.app.get(BackupsService).fileOf(backup)!;
    expect(existsSync(file)).toBe(true);

    const retention = app.app.get(RetentionService);
    const now = Date.now();
    // Day 9: nothing is old enough (checks are kept 10 days here, from CHECK_RETENTION_DAYS).
    expect(await retention.run(new Date(now + 9 * DAY))).toEqual({
      suggestions_expired: 0,
      ai_audit_deleted: 0,
      checks_deleted: 0,
      backups_deleted: 0,
    });
    // Day 11: the unpinned check goes, the pinned one stays.
    expect(await retention.run(new Date(now + 11 * DAY))).toMatchObject({
      checks_deleted: 1,
      ai_audit_deleted: 0,
      backups_deleted: 0,
    });
    expect(await count(`SELECT count(*) AS n FROM scheduled_analyses WHERE pinned`)).toBe(1);
    // Day 31: the AI audit row and the backup (file and checksum) go.
    expect(await retention.run(new Date(now + 31 * DAY))).toMatchObject({
      ai_audit_deleted: 1,
      backups_deleted: 1,
      suggestions_expired: 0,
    });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.sha256`)).toBe(false);
    expect(await count(`SELECT count(*) AS n FROM ai_analysis_results`)).toBe(0);
    // Day 91: the suggestion nobody acted on expires.
    expect(await retention.run(new Date(now + 91 * DAY))).toMatchObject({ suggestions_expired: 1 });
    expect(await count(`SELECT count(*) AS n FROM task_suggestions WHERE status = 'expired'`)).toBe(
      1,
    );

    const logged = app.logs
      .filter((line) => line.includes('"retention run"'))
      .map((line) => JSON.parse(line));
    expect(logged).toHaveLength(4);
    expect(logged[3]).toMatchObject({
      suggestions_expired: 1,
      ai_audit_deleted: 0,
      checks_deleted: 0,
      backups_deleted: 0,
    });
  });

  it('runs a scheduled pass once per slot however many callers fire it, and records its counts', async () => {
    const job = app.app.get(RetentionJob);
    const before = app.logs.filter((line) => line.includes('"retention run"')).length;
    const slot = new Date('2031-03-04T03:15:00.250Z');
    // Every instance fires at the same second: here, five callers in one process.
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => job.run(new Date(slot.getTime() + i * 100))),
    );
    expect(app.logs.filter((line) => line.includes('"retention run"')).length - before).toBe(1);
    const runs = (
      await db.query(
        `SELECT slot_key, finished_at, report FROM scheduled_runs WHERE job = 'retention'`,
      )
    ).rows;
    expect(runs).toEqual([
      {
        slot_key: '2031-03-04T03:15',
        finished_at: expect.any(Date),
        report: expect.objectContaining({ checks_deleted: expect.any(Number) }),
      },
    ]);
    // The next minute is a new slot.
    await job.run(new Date('2031-03-04T03:16:00Z'));
    expect(app.logs.filter((line) => line.includes('"retention run"')).length - before).toBe(2);
  });
});
