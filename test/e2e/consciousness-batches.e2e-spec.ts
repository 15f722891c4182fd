import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import {
  ConsciousnessChecksRepository,
  type DueUser,
} from '../../src/consciousness/consciousness-checks.repository.js';
import { ConsciousnessService } from '../../src/consciousness/consciousness.service.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BATCH = 25;
const CONCURRENCY = 3;
/** Not a multiple of the batch, so the last page is a short one. */
const DUE_USERS = 110;
/** A simulated clock far from the real one: every seeded thought is half an hour old then. */
const T = new Date('2031-03-10T12:00:00.000Z');

describe('a scheduler tick with many due users', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let first: TestApp;
  let second: TestApp;
  let db: pg.Client;
  let userIds: string[];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    // The mock answers after a delay, so checks of one page overlap and the concurrency bound is exercised.
    const env = {
      SCHEDULER_BATCH_SIZE: String(BATCH),
      SCHEDULER_CONCURRENCY: String(CONCURRENCY),
      MOCK_AI_DELAY_MS: '20',
    };
    first = await startTestApp({ databaseUrl: scratch.url, env });
    second = await startTestApp({ databaseUrl: scratch.url, env });
    db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const users = await db.query<{ id: string }>(
      `INSERT INTO users (name, email) SELECT 'Due ' || g, 'due-' || g || '@example.test' FROM generate_series(1, $1) AS g RETURNING id`,
      [DUE_USERS],
    );
    userIds = users.rows.map((row) => row.id);
    await db.query(
      `INSERT INTO thoughts (user_id, content, tags, analysis_status, created_at)
       SELECT id, 'Thinking about the garden again', '[]'::jsonb, 'done', $2::timestamptz - interval '30 minutes'
       FROM unnest($1::uuid[]) AS id`,
      [userIds, T],
    );
  });

  afterAll(async () => {
    await db.end();
    await first.close();
    await second.close();
    await scratch.drop();
  });

  it('reads the due users in keyset pages, runs each page with bounded concurrency, and checks every user exactly once', async () => {
    const service = first.app.get(ConsciousnessService);
    const repository = first.app.get(ConsciousnessChecksRepository);
    const pages: {
      limit: number;
      after: string | null;
      users: string[];
      checksStartedBefore: number;
    }[] = [];
    let started = 0;
    let running = 0;
    let peak = 0;
    const dueUsers = repository.dueUsers.bind(repository);
    const pageSpy = jest
      .spyOn(repository, 'dueUsers')
      .mockImplementation(async (now: Date, limit: number, after: string | null = null) => {
        const page: DueUser[] = await dueUsers(now, limit, after);
        pages.push({
          limit,
          after,
          users: page.map((user) => user.userId),
          checksStartedBefore: started,
        });
        return page;
      });
    const run = service.run.bind(service);
    const runSpy = jest
      .spyOn(service, 'run')
      .mockImplementation(async (...args: Parameters<typeof service.run>) => {
        started++;
        running++;
        peak = Math.max(peak, running);
        try {
          return await run(...args);
        } finally {
          running--;
        }
      });
    try {
      expect(await service.runDue(T)).toBe(DUE_USERS);
    } finally {
      pageSpy.mockRestore();
      runSpy.mockRestore();
    }

    // ceil(110 / 25) = 5 pages, each asking for BATCH, the last one short.
    expect(pages.map((page) => page.users.length)).toEqual([25, 25, 25, 25, 10]);
    expect(pages.every((page) => page.limit === BATCH)).toBe(true);
    // Keyset: each page starts after the last user of the one before.
    expect(pages.map((page) => page.after)).toEqual([
      null,
      ...pages.slice(0, -1).map((page) => page.users.at(-1)!),
    ]);
    // A page is finished before the next is read: only one page of checks is ever held.
    expect(pages.map((page) => page.checksStartedBefore)).toEqual([0, 25, 50, 75, 100]);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(CONCURRENCY);
    expect(new Set(pages.flatMap((page) => page.users))).toEqual(new Set(userIds));

    const checks = await db.query<{ user_id: string; n: string }>(
      `SELECT user_id, count(*) AS n FROM scheduled_analyses WHERE trigger = 'scheduled' AND state = 'done' GROUP BY user_id`,
    );
    expect(checks.rows).toHaveLength(DUE_USERS);
    expect(checks.rows.every((row) => row.n === '1')).toBe(true);
  });

  it('runs each user once per slot when two instances tick together over many pages', async () => {
    // A new slot for everyone: a fresh thought per user, an interval later.
    const later = new Date(T.getTime() + 61 * 60_000);
    await db.query(
      `INSERT INTO thoughts (user_id, content, tags, analysis_status, created_at)
       SELECT id, 'A newer thought', '[]'::jsonb, 'done', $2::timestamptz - interval '5 minutes' FROM unnest($1::uuid[]) AS id`,
      [userIds, later],
    );
    const ran = await Promise.all([
      first.app.get(ConsciousnessService).runDue(later),
      second.app.get(ConsciousnessService).runDue(later),
    ]);
    expect(ran[0]! + ran[1]!).toBe(DUE_USERS);
    const checks = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM scheduled_analyses WHERE trigger = 'scheduled' AND window_end = $1 GROUP BY user_id`,
      [later],
    );
    expect(checks.rows).toHaveLength(DUE_USERS);
    expect(checks.rows.every((row) => row.n === '1')).toBe(true);
  });
});
