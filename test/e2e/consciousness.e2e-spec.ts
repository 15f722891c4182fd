import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AI_BACKENDS } from '../../src/ai/ai.tokens.js';
import type { AiBackend } from '../../src/ai/ai.types.js';
import type { MockBackend } from '../../src/ai/backends/mock.backend.js';
import {
  ConsciousnessService,
  NO_NEW_THOUGHTS,
} from '../../src/consciousness/consciousness.service.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;
/** The simulated clock: a fixed winter day (Berlin is UTC+1), far from the real one. */
const T = new Date('2030-01-15T12:00:00.000Z');
const at = (minutes: number) => new Date(T.getTime() + minutes * MINUTE);

describe('consciousness checks', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let first: TestApp;
  let second: TestApp;
  let db: pg.Client;

  const checksOf = async (userId: string) =>
    (
      await db.query<{ trigger: string; window_end: Date; new_thought_count: number }>(
        `SELECT trigger, window_end, new_thought_count FROM scheduled_analyses WHERE user_id = $1 ORDER BY created_at`,
        [userId],
      )
    ).rows;
  /** A thought captured through the API, then moved onto the simulated timeline. */
  async function thoughtAt(user: CreatedUser, content: string, when: Date) {
    const thought = await captureThought(testAppFor(), user.key, content);
    await db.query(`UPDATE thoughts SET created_at = $2 WHERE id = $1`, [thought.id, when]);
    return thought.id as string;
  }
  const testAppFor = () => first;
  /** Both instances run the scheduler pass at the same moment, as two API processes would. */
  const tickBoth = (now: Date) =>
    Promise.all([
      first.app.get(ConsciousnessService).runDue(now),
      second.app.get(ConsciousnessService).runDue(now),
    ]);

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const env = { AI_BACKEND: 'mock', RATE_LIMIT_PER_MINUTE: '100000' };
    first = await startTestApp({ databaseUrl: scratch.url, env });
    second = await startTestApp({ databaseUrl: scratch.url, env });
    db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await first.close();
    await second.close();
    await scratch.drop();
  });

  describe('scheduling, with a controlled clock and two instances on one database', () => {
    it('checks a user once per slot when the interval has elapsed and there is something new, never when nothing is', async () => {
      const user = await createUser(first);
      await thoughtAt(user, 'Thinking about sleep again', at(-30));

      expect((await tickBoth(T)).reduce((a, b) => a + b, 0)).toBe(1);
      expect(await checksOf(user.userId)).toEqual([
        { trigger: 'scheduled', window_end: T, new_thought_count: 1 },
      ]);

      // Ten minutes later: the 60-minute interval has not elapsed, even with something new.
      await thoughtAt(user, 'A second thought', at(5));
      await tickBoth(at(10));
      expect(await checksOf(user.userId)).toHaveLength(1);

      // Past the interval with a new thought: checked once more, once.
      await tickBoth(at(61));
      const checks = await checksOf(user.userId);
      expect(checks).toHaveLength(2);
      expect(checks[1]).toEqual({ trigger: 'scheduled', window_end: at(61), new_thought_count: 1 });

      // Hours later but nothing new: no check.
      await tickBoth(at(240));
      expect(await checksOf(user.userId)).toHaveLength(2);
    });

    it("respects the interval setting and quiet hours in the user's time zone", async () => {
      const user = await createUser(first);
      const api = first.http();
      expect(
        (
          await api.put('/api/v1/profile').set(bearer(user.key)).send({
            ongoing_projects: [],
            work_patterns: {},
            goals: [],
            preferences: {},
            timezone: 'Europe/Berlin',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api
            .patch('/api/v1/settings')
            .set(bearer(user.key))
            .send({
              consciousness_check_interval_minutes: 30,
              quiet_hours: { start: '22:00', end: '07:00' },
            })
        ).status,
      ).toBe(200);
      // 22:30 UTC is 23:30 in Berlin: quiet.
      const night = new Date('2030-01-15T22:30:00.000Z');
      await thoughtAt(user, 'Late night idea', new Date(night.getTime() - 10 * MINUTE));
      await tickBoth(night);
      expect(await checksOf(user.userId)).toHaveLength(0);
      // 06:30 UTC is 07:30 in Berlin: awake, and the thought from the night is still new.
      const morning = new Date('2030-01-16T06:30:00.000Z');
      await tickBoth(morning);
      expect(await checksOf(user.userId)).toHaveLength(1);
      // Thirty-one minutes later with a new thought: the 30-minute interval has elapsed.
      await thoughtAt(user, 'Morning follow-up', new Date(morning.getTime() + 5 * MINUTE));
      await tickBoth(new Date(morning.getTime() + 31 * MINUTE));
      expect(await checksOf(user.userId)).toHaveLength(2);
    });
  });

  describe('on demand', () => {
    it('runs a check now with the local backend, cites thought ids, and says when nothing is new', async () => {
      const local = await startTestApp({ databaseUrl: scratch.url, env: { AI_BACKEND: 'local' } });
      try {
        const user = await createUser(local);
        // Spread over the last days, as a week of real capture would be.
        const written = [
          ['Slept badly again, tired all day', 4],
          ['My sleep schedule is a mess', 3],
          ['Need better sleep before the trip', 1],
          ['I need to call the insurance about the claim', 3],
        ] as const;
        const ids: string[] = [];
        for (const [text, daysAgo] of written) {
          const id = (await captureThought(local, user.key, text)).id as string;
          await db.query(
            `UPDATE thoughts SET created_at = now() - make_interval(days => $2) WHERE id = $1`,
            [id, daysAgo],
          );
          ids.push(id);
        }
        const response = await local
          .http()
          .post('/api/v1/consciousness-check')
          .set(bearer(user.key));
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({
          trigger: 'manual',
          state: 'done',
          new_thought_count: 4,
          backend: 'local',
        });
        expect(response.body.duration_ms).toEqual(expect.any(Number));
        const byKind = Object.fromEntries(
          response.body.patterns.map((pattern: { kind: string; thought_ids: string[] }) => [
            pattern.kind,
            [...pattern.thought_ids].sort(),
          ]),
        );
        expect(byKind.recurring_theme).toEqual([ids[0], ids[1], ids[2]].sort());
        expect(byKind.open_loop).toEqual([ids[3]]);

        const again = await local.http().post('/api/v1/consciousness-check').set(bearer(user.key));
        expect(again.body).toMatchObject({
          new_thought_count: 0,
          summary: NO_NEW_THOUGHTS,
          patterns: [],
          insights: [],
          suggestions: [],
        });

        const list = await local
          .http()
          .get('/api/v1/consciousness-checks')
          .set(bearer(user.key))
          .query({ limit: 1 });
        expect(list.body.items.map((check: { id: string }) => check.id)).toEqual([again.body.id]);
        const next = await local
          .http()
          .get('/api/v1/consciousness-checks')
          .set(bearer(user.key))
          .query({ limit: 1, cursor: list.body.next_cursor });
        expect(next.body.items.map((check: { id: string }) => check.id)).toEqual([
          response.body.id,
        ]);
        expect(
          (
            await local
              .http()
              .get(`/api/v1/consciousness-checks/${response.body.id}`)
              .set(bearer(user.key))
          ).body.id,
        ).toBe(response.body.id);

        const stranger = await createUser(local);
        expect(
          (
            await local
              .http()
              .get(`/api/v1/consciousness-checks/${response.body.id}`)
              .set(bearer(stranger.key))
          ).status,
        ).toBe(404);
        expect(
          (
            await local
              .http()
              .get(`/api/v1/consciousness-checks/${randomUUID()}`)
              .set(bearer(user.key))
          ).status,
        ).toBe(404);
        expect(
          (await local.http().get('/api/v1/consciousness-checks').set(bearer(stranger.key))).body
            .items,
        ).toEqual([]);
      } finally {
        await local.close();
      }
    });

    it('pins and dismisses insights: pinned checks outlive retention, dismissed insights stay away', async () => {
      const mock = first.app
        .get<AiBackend[]>(AI_BACKENDS)
        .find((backend) => backend.name === 'mock') as MockBackend;
      mock.script((call) =>
        call.operation === 'consciousness_check'
          ? {
              summary: 'Two insights.',
              patterns: [],
              insights: [
                {
                  title: 'You plan at night',
                  description: 'Most plans are written after 22:00.',
                  thought_ids: call.input.recentThoughts.map((t) => t.id),
                },
                {
                  title: 'Garden shed stalled',
                  description: 'Not mentioned for ten days.',
                  thought_ids: [],
                },
              ],
              suggestions: [
                {
                  title: 'Spend 25 minutes on the garden shed',
                  priority: 'low',
                  thought_ids: [],
                  confidence: 0.6,
                },
              ],
            }
          : null,
      );
      try {
        const user = await createUser(first);
        const service = first.app.get(ConsciousnessService);
        await captureThought(first, user.key, 'Planning the week at midnight');
        const check = (await first.http().post('/api/v1/consciousness-check').set(bearer(user.key)))
          .body;
        expect(check.insights.map((insight: { title: string }) => insight.title)).toEqual([
          'You plan at night',
          'Garden shed stalled',
        ]);
        const inbox = await first.http().get('/api/v1/task-suggestions').set(bearer(user.key));
        expect(inbox.body.items).toEqual([
          expect.objectContaining({
            title: 'Spend 25 minutes on the garden shed',
            origin: 'consciousness_check',
            source_thought_id: null,
          }),
        ]);

        const pinned = await first
          .http()
          .post(`/api/v1/consciousness-checks/${check.id}/insights/0/pin`)
          .set(bearer(user.key));
        expect(pinned.status).toBe(200);
        expect(pinned.body).toMatchObject({
          pinned: true,
          insights: [
            expect.objectContaining({ pinned: true }),
            expect.objectContaining({ pinned: false }),
          ],
        });
        const dismissed = await first
          .http()
          .post(`/api/v1/consciousness-checks/${check.id}/insights/1/dismiss`)
          .set(bearer(user.key));
        expect(dismissed.body.insights[1].dismissed).toBe(true);
        expect(
          (
            await first
              .http()
              .post(`/api/v1/consciousness-checks/${check.id}/insights/9/pin`)
              .set(bearer(user.key))
          ).status,
        ).toBe(404);
        expect(
          (
            await first
              .http()
              .post(`/api/v1/consciousness-checks/${check.id}/insights/0/explode`)
              .set(bearer(user.key))
          ).status,
        ).toBe(404);

        await captureThought(first, user.key, 'Another late plan');
        const later = (await first.http().post('/api/v1/consciousness-check').set(bearer(user.key)))
          .body;
        expect(later.insights.map((insight: { title: string }) => insight.title)).toEqual([
          'You plan at night',
        ]);
        // The same suggestion is not offered twice while the first is pending.
        expect(
          (await first.http().get('/api/v1/task-suggestions').set(bearer(user.key))).body.items,
        ).toHaveLength(1);

        // Retention, by the job's logic with a clock eight days ahead: the pinned check stays.
        await service.purgeExpired(new Date(Date.now() + 8 * 24 * 60 * MINUTE));
        const left = (
          await first.http().get('/api/v1/consciousness-checks').set(bearer(user.key))
        ).body.items.map((c: { id: string }) => c.id);
        expect(left).toEqual([check.id]);
      } finally {
        mock.script(null);
      }
    });

    it('applies two quick insight actions on one check both, never the later one overwriting the earlier', async () => {
      const mock = first.app
        .get<AiBackend[]>(AI_BACKENDS)
        .find((backend) => backend.name === 'mock') as MockBackend;
      mock.script((call) =>
        call.operation === 'consciousness_check'
          ? {
              summary: 'Three insights.',
              patterns: [],
              insights: ['Mornings are busy', 'Reading stalled', 'Sleep improved'].map((title) => ({
                title,
                description: title,
                thought_ids: [],
              })),
              suggestions: [],
            }
          : null,
      );
      try {
        const user = await createUser(first);
        await captureThought(first, user.key, 'A busy morning again');
        const check = (await first.http().post('/api/v1/consciousness-check').set(bearer(user.key)))
          .body;
        const act = (index: number, action: string) =>
          first
            .http()
            .post(`/api/v1/consciousness-checks/${check.id}/insights/${index}/${action}`)
            .set(bearer(user.key));
        for (let round = 0; round < 8; round += 1) {
          // Two instances, two clicks at once: each read-modify-write would have lost one of them.
          const answers = await Promise.all([
            act(0, 'pin'),
            second
              .http()
              .post(`/api/v1/consciousness-checks/${check.id}/insights/2/pin`)
              .set(bearer(user.key)),
            act(1, 'dismiss'),
          ]);
          expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
          const after = (
            await first.http().get(`/api/v1/consciousness-checks/${check.id}`).set(bearer(user.key))
          ).body;
          expect(
            after.insights.map((insight: { pinned: boolean; dismissed: boolean }) => [
              insight.pinned,
              insight.dismissed,
            ]),
          ).toEqual([
            [true, false],
            [false, true],
            [true, false],
          ]);
          expect(after.pinned).toBe(true);
          const reset = await Promise.all([act(0, 'unpin'), act(2, 'unpin'), act(1, 'restore')]);
          expect(reset.map((answer) => answer.status)).toEqual([200, 200, 200]);
          const cleared = (
            await first.http().get(`/api/v1/consciousness-checks/${check.id}`).set(bearer(user.key))
          ).body;
          expect(cleared.pinned).toBe(false);
          expect(
            cleared.insights.every(
              (insight: { pinned: boolean; dismissed: boolean }) =>
                !insight.pinned && !insight.dismissed,
            ),
          ).toBe(true);
        }
      } finally {
        mock.script(null);
      }
    });
  });
});
