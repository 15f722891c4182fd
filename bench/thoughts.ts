/**
 * Capture, list and search of thoughts against the built server on the machine's
 * PostgreSQL, with a framework-free floor to judge capture against.
 *   npm run bench:thoughts [-- --quick] [-- --thoughts N --users N]
 * Budgets: capture >= 0.40 x floor at 50 connections, capture p99 < 25 ms at 10
 * connections, server RSS < 250 MB; list p95 < 10 ms, search p95 < 50 ms at 10 connections
 * (list and search are also run with one connection, for context).
 */
import { pathToFileURL } from 'node:url';
import { runMain } from './lib/cleanup.js';
import { createBenchDatabase, createUsersWithKeys, query } from './lib/db.js';
import { databaseOnly, FLOOR_TABLE } from './thoughts-db.js';
import {
  budget,
  failedPhasesWarning,
  LOAD_HEADERS,
  loadRow,
  type Phase,
  phase,
  probe,
  SERVER_ENV,
  serverLine,
} from './lib/phase.js';
import { type Child, freePort, spawnChild, startServer, waitForOk } from './lib/process.js';
import { fmt, machineLine, numberArg, parseArgs, table } from './lib/report.js';
import { assertWrk } from './lib/wrk.js';
import { SEARCH_WORDS, seedThoughts } from './seed-thoughts.js';

const RATIO_TARGET = 0.4;
const CAPTURE_P99_MS = 25;
const RSS_MB = 250;
const LIST_P95_MS = 10;
const SEARCH_P95_MS = 50;

interface Options {
  quick: boolean;
  thoughts: number;
  users: number;
  /** Seconds of warm-up (discarded) and of measurement per load phase. */
  warmup: number;
  seconds: number;
}

export function thoughtsOptions(argv: string[]): Options {
  const args = parseArgs(argv);
  const quick = args.has('quick');
  return {
    quick,
    thoughts: numberArg(args, 'thoughts', quick ? 100_000 : 1_000_000),
    users: numberArg(args, 'users', 100),
    warmup: quick ? 1 : 3,
    seconds: quick ? 5 : 15,
  };
}

async function startFloor(
  databaseUrl: string,
  userIds: string[],
): Promise<Child & { baseUrl: string }> {
  const port = await freePort();
  // node --import tsx, not the tsx CLI: the pid sampled for RSS is then the server itself.
  const child = spawnChild(
    ['--import', 'tsx', 'bench/floor-server.ts'],
    {
      ...process.env,
      DATABASE_URL: databaseUrl,
      FLOOR_USER_IDS: userIds.join(','),
      PORT: String(port),
    },
    'floor',
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForOk(`${baseUrl}/health`, child, 30_000, 'floor server');
  return { ...child, baseUrl };
}

export async function benchThoughts(options: Options): Promise<string> {
  assertWrk();
  const out: string[] = [];
  const say = (...lines: string[]) => out.push(...lines);
  const db = await createBenchDatabase();
  console.log(`thoughts: database ${db.name}`);
  const server = await startServer({ ...SERVER_ENV, DATABASE_URL: db.url });
  say(serverLine(), '');
  const users = await createUsersWithKeys(db.url, options.users);
  const keys = users.map((user) => user.key);
  const target = { baseUrl: server.baseUrl, pid: server.pid };

  // --- Capture against the floor.
  await query(db.url, FLOOR_TABLE);
  const floor = await startFloor(
    db.url,
    users.map((user) => user.userId),
  );
  const floorTarget = { baseUrl: floor.baseUrl, pid: floor.pid };
  const floorPhases: Phase[] = [];
  try {
    for (const connections of [10, 50]) {
      floorPhases.push(
        await phase(
          'floor POST /',
          floorTarget,
          { mode: 'post', paths: ['/'], keys, connections },
          options,
        ),
      );
    }
  } finally {
    await floor.stop();
  }
  const capture = await probe(`${server.baseUrl}/api/v1/thoughts`, keys[0]!, {
    method: 'POST',
    body: JSON.stringify({ content: 'bench probe', tags: ['bench'] }),
  });
  const capturePhases: Phase[] = [];
  if (capture.status === 201) {
    for (const connections of [10, 50]) {
      const load = { mode: 'post' as const, paths: ['/api/v1/thoughts'], keys, connections };
      capturePhases.push(await phase('capture POST /api/v1/thoughts', target, load, options));
    }
  }
  say(
    `== Capture (${options.seconds} s per phase after ${options.warmup} s warm-up, 2 wrk threads)`,
  );
  say(table(LOAD_HEADERS, [...floorPhases, ...capturePhases].map(loadRow)));
  if (capture.status !== 201) {
    say(
      capture.status === 404
        ? 'capture route not available yet (POST /api/v1/thoughts answers 404)'
        : `capture route answered ${capture.status}, not 201: ${capture.body}`,
    );
  }
  say(
    'floor = bench/floor-server.ts: node:http + one pg INSERT (pool 10), RSS includes the tsx loader.',
  );

  // --- List and search at scale.
  console.log(`thoughts: seeding ${options.thoughts} thoughts over ${options.users} users`);
  const seeded = await seedThoughts(
    db.url,
    users.map((user) => user.userId),
    options.thoughts,
  );
  const list = await probe(`${server.baseUrl}/api/v1/thoughts?limit=50`, keys[0]!);
  const readPhases: Phase[] = [];
  const oneClientPhases: Phase[] = [];
  if (list.status === 200) {
    const read = (label: string, paths: string[], seconds?: number, connections = 10) =>
      phase(label, target, { mode: 'get', paths, keys, connections }, options, seconds);
    const listPath = '/api/v1/thoughts?limit=50';
    const searchPath = (word: string) => `/api/v1/thoughts?q=${encodeURIComponent(word)}&limit=50`;
    const mixedSearchPaths = SEARCH_WORDS.map((w) => searchPath(w.word));
    readPhases.push(await read('list latest 50', [listPath]));
    readPhases.push(await read('search, words mixed', mixedSearchPaths));
    // One client at a time: what one person's dashboard waits for, without queueing behind
    // nine others on one Node thread (context for the budgets, which stay at 10).
    oneClientPhases.push(await read('list latest 50', [listPath], undefined, 1));
    oneClientPhases.push(await read('search, words mixed', mixedSearchPaths, undefined, 1));
    for (const { word, rank } of SEARCH_WORDS) {
      const perWordSeconds = Math.max(3, Math.round(options.seconds / 2));
      readPhases.push(
        await read(
          `search "${word}" (rank ${rank || 'absent'})`,
          [searchPath(word)],
          perWordSeconds,
        ),
      );
    }
  }
  const stats = await query<{ total: string }>(db.url, `SELECT count(*) AS total FROM thoughts`);
  say(
    '',
    `== List and search at scale (${stats[0]!.total} thoughts, ${options.users} users; seeded ${seeded.thoughts} in ` +
      `${fmt(seeded.insertMs / 1000)} s + VACUUM ANALYZE + CHECKPOINT ${fmt(seeded.vacuumMs / 1000)} s; 10 connections, random user key)`,
  );
  if (list.status === 200)
    say(table(LOAD_HEADERS, [...readPhases, ...oneClientPhases].map(loadRow)));
  else say(`list/search route not available yet (GET /api/v1/thoughts answers ${list.status})`);

  say('', await databaseOnly(db.url, users[0]!), '', '== Budgets');
  const [capture10, capture50] = capturePhases;
  const searchWords = readPhases.slice(2);
  const worstWordP95 = searchWords.length ? Math.max(...searchWords.map((p) => p.p95)) : NaN;
  const max = (phases: Phase[]) => (phases.length ? Math.max(...phases.map((p) => p.rssMb)) : NaN);
  say(
    table(
      ['budget', 'measured', 'target', 'result'],
      [
        budget(
          'capture/floor req/s at 50 conns',
          (capture50?.rps ?? NaN) / floorPhases[1]!.rps,
          '',
          RATIO_TARGET,
          'higher',
        ),
        budget('capture p99 at 10 conns', capture10?.p99 ?? NaN, 'ms', CAPTURE_P99_MS),
        budget('server max RSS under capture load', max(capturePhases), 'MB', RSS_MB),
        budget('list p95', readPhases[0]?.p95 ?? NaN, 'ms', LIST_P95_MS),
        budget('search p95 (words mixed)', readPhases[1]?.p95 ?? NaN, 'ms', SEARCH_P95_MS),
        budget('search p95 (worst single word)', worstWordP95, 'ms', SEARCH_P95_MS),
      ],
    ),
  );
  say(
    ...failedPhasesWarning([...floorPhases, ...capturePhases, ...readPhases, ...oneClientPhases]),
  );
  await server.stop();
  await db.drop();
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const report = await benchThoughts(thoughtsOptions(process.argv.slice(2)));
    console.log(`\n${machineLine()}\n${report}`);
  });
}
