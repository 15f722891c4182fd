/**
 * One scheduler tick with 100 due users at once, in the built server (scheduler on, local AI
 * backend, default SCHEDULER_BATCH_SIZE and SCHEDULER_CONCURRENCY), while an open-loop list
 * and capture load runs: the tick must stay in bounded batches, keep the server's RSS under
 * 250 MB and the other requests' p99 under 100 ms.
 *   npm run bench:scheduler [-- --due-users N --due-thoughts N]
 *
 * Timing the tick: every user starts with a finished check whose window ends now, so nobody is
 * due (60-minute interval) through the warm-up, whatever it captures. Then each user gets a
 * backlog of thoughts and their last window is moved back an interval: all become due at the
 * same moment and the next tick (CONSCIOUSNESS_CRON every 2 s here) finds them. The
 * measured load runs from just before that moment until every due user's check has finished.
 */
import { pathToFileURL } from 'node:url';
import { runMain } from './lib/cleanup.js';
import { createBenchDatabase, createUsersWithKeys, query } from './lib/db.js';
import { startCpuCount } from './lib/cpu.js';
import { runOpenLoop } from './lib/open-loop.js';
import {
  budget,
  budgetTable,
  failedPhasesWarning,
  LOAD_HEADERS,
  loadRow,
  type Phase,
  SERVER_ENV,
} from './lib/phase.js';
import { rssMb as readRss, sampleRss, SERVER_NODE_FLAGS, startServer } from './lib/process.js';
import { fmt, machineLine, numberArg, parseArgs, table } from './lib/report.js';
import type { BenchSection } from './lib/section.js';

const LIST_RATE = 20;
const CAPTURE_RATE = 10;
const RSS_LIMIT_MB = 250;
const P99_LIMIT_MS = 100;
/** The app's defaults (env.schema.ts), stated here so the budget row names its bound. */
const CONCURRENCY = 2;
const BATCH_SIZE = 50;
/** The longest the measured phase waits for the tick to finish. */
const MAX_SECONDS = 180;
const WARMUP_SECONDS = 3;
const LIST_PATH = '/api/v1/thoughts?limit=50';

interface Options {
  dueUsers: number;
  /** New thoughts per due user since their last check. */
  thoughtsPerUser: number;
}

export function schedulerOptions(argv: string[]): Options {
  const args = parseArgs(argv);
  return {
    dueUsers: numberArg(args, 'due-users', 100),
    thoughtsPerUser: numberArg(args, 'due-thoughts', 50),
  };
}

export async function benchSchedulerTick(
  { dueUsers, thoughtsPerUser } = schedulerOptions([]),
): Promise<BenchSection> {
  const db = await createBenchDatabase();
  console.log(`scheduler: database ${db.name}`);
  const env = {
    ...SERVER_ENV,
    DATABASE_URL: db.url,
    AI_BACKEND: 'local',
    SCHEDULER_ENABLED: 'true',
    CONSCIOUSNESS_CRON: '*/2 * * * * *',
    SCHEDULER_BATCH_SIZE: String(BATCH_SIZE),
    SCHEDULER_CONCURRENCY: String(CONCURRENCY),
  };
  const server = await startServer(env);
  try {
    const users = await createUsersWithKeys(db.url, dueUsers);
    const userIds = users.map((user) => user.userId);
    const keys = users.map((user) => user.key);
    // A finished check ending now: nobody is due for an interval, whatever the warm-up captures.
    await query(
      db.url,
      `INSERT INTO scheduled_analyses (user_id, trigger, state, window_start, window_end, summary)
       SELECT id, 'manual', 'done', now() - interval '7 days', now(), 'bench: the check before' FROM unnest($1::uuid[]) AS id`,
      [userIds],
    );
    const target = { baseUrl: server.baseUrl, keys };
    const list = { ...target, mode: 'get' as const, paths: [LIST_PATH], rate: LIST_RATE };
    const capture = {
      ...target,
      mode: 'post' as const,
      paths: ['/api/v1/thoughts'],
      rate: CAPTURE_RATE,
    };
    await Promise.all([
      runOpenLoop({ ...list, label: 'list warm-up', seconds: WARMUP_SECONDS }),
      runOpenLoop({ ...capture, label: 'capture warm-up', seconds: WARMUP_SECONDS }),
    ]);

    // The backlog: each user's thoughts of the last 50 minutes, words varied so checks find patterns.
    await query(
      db.url,
      `INSERT INTO thoughts (user_id, content, tags, analysis_status, created_at)
       SELECT u.id,
              (ARRAY['Need to call','Thinking about','Remember to','Worried about','Idea for'])[1 + g % 5] || ' the ' ||
              (ARRAY['garden','taxes','project','trip','doctor','budget','meeting'])[1 + (g * 7 + o) % 7] || ' ' || g,
              '[]'::jsonb, 'done', now() - make_interval(secs => 1 + g * 3000.0 / $2)
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, o), generate_series(1, $2) AS g`,
      [userIds, thoughtsPerUser],
    );
    // Everyone due in 2 s: their last window now ended an interval (60 minutes) ago, less 2 s.
    await query(
      db.url,
      `UPDATE scheduled_analyses SET window_end = now() - interval '60 minutes' + interval '2 seconds' WHERE trigger = 'manual'`,
    );

    const rssBefore = await readRss(server.pid);
    const stopRss = sampleRss(server.pid);
    const stopCpu = await startCpuCount(server.pid);
    const started = performance.now();
    let maxRunning = 0;
    let finished = 0;
    const tickOver = (async () => {
      const deadline = started + MAX_SECONDS * 1000;
      while (performance.now() < deadline) {
        const [row] = await query<{ running: string; finished: string }>(
          db.url,
          `SELECT count(*) FILTER (WHERE state = 'running') AS running, count(*) FILTER (WHERE state <> 'running') AS finished
           FROM scheduled_analyses WHERE trigger = 'scheduled'`,
        );
        maxRunning = Math.max(maxRunning, Number(row!.running));
        finished = Number(row!.finished);
        if (finished >= dueUsers) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const [listRun, captureRun] = await Promise.all([
      runOpenLoop({
        ...list,
        label: 'list latest 50 during the tick',
        seconds: MAX_SECONDS,
        until: tickOver,
      }),
      runOpenLoop({
        ...capture,
        label: 'capture during the tick',
        seconds: MAX_SECONDS,
        until: tickOver,
      }),
    ]);
    await tickOver;
    const tickSeconds = (performance.now() - started) / 1000;
    const cpu = await stopCpu(listRun.requests + captureRun.requests);
    const rssMb = await stopRss();
    const phases: Phase[] = [listRun, captureRun].map((run) => ({
      ...run,
      rssMb,
      serverCpuMs: cpu.serverMs,
      postgresCpuMs: cpu.postgresMs,
      errorsNote: run.failures ? `${run.failures} FAILED (${run.failureReasons})` : undefined,
    }));
    const [outcome] = await query<{
      done: string;
      failed: string;
      thoughts: string | null;
      duration: number | null;
    }>(
      db.url,
      `SELECT count(*) FILTER (WHERE state = 'done') AS done, count(*) FILTER (WHERE state = 'failed') AS failed,
              sum(new_thought_count) AS thoughts, avg(duration_ms)::float8 AS duration
       FROM scheduled_analyses WHERE trigger = 'scheduled'`,
    );
    const worstP99 = Math.max(listRun.p99, captureRun.p99);
    const budgets = [
      budget(
        `scheduler tick, ${dueUsers} due users: checks done`,
        Number(outcome!.done),
        '',
        dueUsers,
        'higher',
      ),
      budget(
        'scheduler tick: checks running at once (max sampled every 100 ms)',
        maxRunning,
        '',
        CONCURRENCY,
        'at most',
      ),
      budget('scheduler tick: API RSS peak', rssMb, 'MB', RSS_LIMIT_MB),
      budget(
        `scheduler tick: other requests' p99 (list ${LIST_RATE}/s + capture ${CAPTURE_RATE}/s open loop)`,
        worstP99,
        'ms',
        P99_LIMIT_MS,
      ),
    ];
    const text = [
      `server under test: node ${SERVER_NODE_FLAGS.join(' ')} dist/src/main.js, ${Object.entries(
        env,
      )
        .filter(([name]) => name !== 'DATABASE_URL')
        .map(([name, value]) => `${name}=${value}`)
        .join(' ')}`,
      '',
      `== Scheduler tick with ${dueUsers} due users (${thoughtsPerUser} new thoughts each), pages of ${BATCH_SIZE}, ${CONCURRENCY} checks at once`,
      table(LOAD_HEADERS, phases.map(loadRow)),
      table(
        ['measure', 'value'],
        [
          ['checks done / failed', `${outcome!.done} / ${outcome!.failed}`],
          ['thoughts looked at', String(outcome!.thoughts ?? 0)],
          ['from due to the last check finished', `${fmt(tickSeconds)} s`],
          ['mean check duration', `${fmt(outcome!.duration ?? NaN)} ms`],
          ['checks running at once (max sampled)', String(maxRunning)],
          [
            'API RSS after the warm-up, before the tick / peak during it',
            `${fmt(rssBefore)} / ${fmt(rssMb)} MB`,
          ],
        ],
      ),
      'The load starts ~2 s before the users fall due and stops when the last check has finished; RSS and CPU cover that span.',
      budgetTable(budgets),
      ...failedPhasesWarning(phases),
    ].join('\n');
    return { title: 'Scheduler tick with many due users', text, budgets, apiRssMb: rssMb };
  } finally {
    await server.stop();
    await db.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchSchedulerTick(schedulerOptions(process.argv.slice(2)));
    console.log(`\n${machineLine()}\n${section.text}`);
  });
}
