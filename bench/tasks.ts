/**
 * Task list and suggestion accept against the built server on the machine's PostgreSQL,
 * in a fresh bench database, through HTTP.
 *   npm run bench:tasks [-- --quick] [-- --tasks N --suggestions N --users N]
 * Budgets at one connection (latency is judged at a stated load, never at saturation): list
 * p95 < 10 ms, accept p95 < 20 ms, and no accept answered 409 (each id is sent once: a 409 is
 * a repeat). The lists also run at 10 connections for throughput and CPU per request.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runMain } from './lib/cleanup.js';
import { type BenchUser, createBenchDatabase, createUsersWithKeys, query } from './lib/db.js';
import {
  budget,
  budgetTable,
  failedPhasesWarning,
  LOAD_HEADERS,
  loadRow,
  logPhase,
  type Phase,
  phase,
  probe,
  serverLine,
  SERVER_ENV,
} from './lib/phase.js';
import { startCpuCount } from './lib/cpu.js';
import { sampleRss, startServer } from './lib/process.js';
import { fmt, machineLine, numberArg, parseArgs, table } from './lib/report.js';
import type { BenchSection } from './lib/section.js';
import { assertWrk, runWrkScript, wrkThreads } from './lib/wrk.js';
import { seedTasksAndSuggestions } from './seed-tasks.js';

const ACCEPT_LUA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib/wrk-accept.lua');
const CONNECTIONS = 10;
/** Accept is judged at one connection. */
const ACCEPT_CONNECTIONS = 1;
const LIST_P95_MS = 10;
const ACCEPT_P95_MS = 20;
/** Share of the suggestions the accept warm-up may use up; the rest is for the measured run. */
const WARMUP_SHARE = 0.1;

const LIST_PATH = '/api/v1/tasks?limit=50';
const PENDING_PATH = '/api/v1/tasks?status=pending&sort=due_date&limit=50';

interface Options {
  tasks: number;
  suggestions: number;
  users: number;
  /** Seconds of warm-up (discarded) and of measurement per load phase. */
  warmup: number;
  seconds: number;
}

export function tasksOptions(argv: string[]): Options {
  const args = parseArgs(argv);
  const quick = args.has('quick');
  return {
    tasks: numberArg(args, 'tasks', 20_000),
    suggestions: numberArg(args, 'suggestions', 30_000),
    users: numberArg(args, 'users', 100),
    // Closed-loop 1-connection runs: 10 s is thousands of requests, enough for a p95 (and keeps `npm run bench` within 20 minutes).
    warmup: quick ? 1 : 2,
    seconds: quick ? 5 : 10,
  };
}

interface Suggestion {
  id: string;
  userId: string;
}

interface AcceptContext {
  baseUrl: string;
  dbUrl: string;
  /** User id to that user's API key: an accept must carry the owner's key. */
  keyOf: Map<string, string>;
}

interface AcceptRun extends Phase {
  /** Ids sent, 409 and other non-201 answers, whether a thread ran out of ids. */
  issued: number;
  conflicts: number;
  others: number;
  exhausted: boolean;
  rpsNote: string;
}
/** A run as wrk reports it, before the phase adds RSS and CPU. */
type AcceptRunCore = Omit<AcceptRun, 'rssMb' | 'serverCpuMs' | 'postgresCpuMs'>;

/**
 * One accept run over `pool`: split round-robin into one list per wrk thread (disjoint, so
 * no id is sent twice), each line the owner's key and the id. Bounded by `seconds` and by
 * the pool: a thread that runs out stops.
 */
async function runAccepts(
  label: string,
  context: AcceptContext,
  pool: Suggestion[],
  seconds: number,
): Promise<AcceptRunCore> {
  const { baseUrl, dbUrl, keyOf } = context;
  const threads = wrkThreads({ connections: ACCEPT_CONNECTIONS });
  const lists: string[][] = Array.from({ length: threads }, () => []);
  pool.forEach((s, i) => lists[i % threads]!.push(`${keyOf.get(s.userId)!} ${s.id}`));
  const files = Object.fromEntries(
    lists.map((lines, i) => [`ids.${i + 1}`, lines.join('\n') + '\n']),
  );
  const { result, raw } = await runWrkScript({
    label,
    baseUrl,
    connections: ACCEPT_CONNECTIONS,
    threads,
    seconds,
    script: ACCEPT_LUA,
    files,
    args: (file) => [file('ids')],
  });
  if (raw.listed !== pool.length)
    throw new Error(`${label}: wrk read ${raw.listed} of ${pool.length} ids`);
  const run = {
    ...result,
    issued: raw.issued!,
    conflicts: raw.conflicts!,
    others: raw.others!,
    exhausted: raw.exhausted! > 0,
    rpsNote: '',
  };
  if (run.exhausted) {
    // wrk waited out -d after the ids ran out: its req/s would be diluted. The server's own
    // decision times of this run's ids give the span the requests took.
    const [span] = await query<{ n: string; seconds: number | null }>(
      dbUrl,
      `SELECT count(*) AS n, extract(epoch FROM max(decided_at) - min(decided_at))::float8 AS seconds
       FROM task_suggestions WHERE id = ANY($1::uuid[]) AND status = 'accepted'`,
      [pool.map((s) => s.id)],
    );
    run.rps = span?.seconds ? Number(span.n) / span.seconds : NaN;
    run.rpsNote = `ids ran out: req/s = ${span?.n} accepts over the server's decided_at span`;
  }
  return run;
}

/** Warm-up on its own share of the ids (discarded), then the measured run on the rest. */
async function acceptPhase(
  context: AcceptContext & { pid: number },
  suggestions: Suggestion[],
  options: Options,
): Promise<{ warmup: AcceptRunCore; measured: AcceptRun }> {
  const split = Math.ceil(suggestions.length * WARMUP_SHARE);
  const label = 'accept POST /task-suggestions/{id}/accept';
  const stopRss = sampleRss(context.pid);
  const warmup = await runAccepts(
    `${label} warm-up`,
    context,
    suggestions.slice(0, split),
    options.warmup,
  );
  const stopCpu = await startCpuCount(context.pid);
  const run = await runAccepts(label, context, suggestions.slice(split), options.seconds);
  const cpu = await stopCpu(run.requests);
  const measured: AcceptRun = {
    ...run,
    rssMb: await stopRss(),
    serverCpuMs: cpu.serverMs,
    postgresCpuMs: cpu.postgresMs,
  };
  if (measured.failures)
    measured.errorsNote = `${measured.failures} FAILED (409: ${measured.conflicts}, other status: ${measured.others})`;
  logPhase(measured);
  return { warmup, measured };
}

/** Items in one page of a list answer. */
async function pageSize(url: string, key: string): Promise<number> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { items?: unknown[] };
  return body.items?.length ?? NaN;
}

export async function benchTasks(options: Options): Promise<BenchSection> {
  assertWrk();
  const out: string[] = [];
  const say = (...lines: string[]) => out.push(...lines);
  const db = await createBenchDatabase();
  console.log(`tasks: database ${db.name}`);
  const server = await startServer({ ...SERVER_ENV, DATABASE_URL: db.url });
  say(serverLine(), '');
  const users: BenchUser[] = await createUsersWithKeys(db.url, options.users);
  const keys = users.map((user) => user.key);
  const keyOf = new Map(users.map((user) => [user.userId, user.key]));
  const target = { baseUrl: server.baseUrl, pid: server.pid };

  console.log(
    `tasks: seeding ${options.tasks} tasks and ${options.suggestions} pending suggestions over ${options.users} users`,
  );
  const seeded = await seedTasksAndSuggestions(
    db.url,
    users.map((user) => user.userId),
    options.tasks,
    options.suggestions,
  );
  const [counts] = await query<{ tasks: string; pending: string; suggestions: string }>(
    db.url,
    `SELECT (SELECT count(*) FROM tasks) AS tasks,
            (SELECT count(*) FROM tasks WHERE status = 'pending') AS pending,
            (SELECT count(*) FROM task_suggestions WHERE status = 'pending') AS suggestions`,
  );

  // --- Task list: before any accept, so it reads exactly the seeded tasks.
  const list = await probe(`${server.baseUrl}${LIST_PATH}`, keys[0]!);
  const pending = await probe(`${server.baseUrl}${PENDING_PATH}`, keys[0]!);
  const listPhases: Phase[] = [];
  const read = (label: string, paths: string[], connections: number) =>
    phase(label, target, { mode: 'get', paths, keys, connections }, options);
  const listOne: Record<string, Phase> = {};
  for (const [name, path, status] of [
    ['all', LIST_PATH, list.status],
    ['pending', PENDING_PATH, pending.status],
  ] as const) {
    if (status !== 200) continue;
    listPhases.push(await read(`list ${path}`, [path], CONNECTIONS));
    listPhases.push((listOne[name] = await read(`list ${path}`, [path], 1)));
  }
  const [perPage] = await query<{ all: string; pending: string }>(
    db.url,
    `SELECT least(count(*), 50) AS all, least(count(*) FILTER (WHERE status = 'pending'), 50) AS pending
     FROM tasks WHERE user_id = $1`,
    [users[0]!.userId],
  );
  say(
    `== Task list (${counts!.tasks} tasks, ${counts!.pending} pending, ${options.users} users; ${options.seconds} s ` +
      `per phase after ${options.warmup} s warm-up, ${CONNECTIONS} and 1 connections, random user key)`,
  );
  if (listPhases.length) say(table(LOAD_HEADERS, listPhases.map(loadRow)));
  say(
    `seed: ${counts!.tasks} tasks + ${counts!.suggestions} pending suggestions in ${fmt(seeded.insertMs / 1000, 2)} s ` +
      `of SQL, VACUUM ANALYZE + CHECKPOINT ${fmt(seeded.vacuumMs / 1000, 2)} s`,
  );
  if (list.status !== 200) say(`GET ${LIST_PATH} answered ${list.status}: ${list.body}`);
  if (pending.status !== 200)
    say(`GET ${PENDING_PATH} answered ${pending.status}: ${pending.body}`);
  if (list.status === 200 && pending.status === 200) {
    const pages = [
      await pageSize(`${server.baseUrl}${LIST_PATH}`, keys[0]!),
      await pageSize(`${server.baseUrl}${PENDING_PATH}`, keys[0]!),
    ];
    const expected = [Number(perPage!.all), Number(perPage!.pending)];
    say(
      `page check (user 1): ${pages.join(' and ')} items, expected ${expected.join(' and ')}` +
        (pages[0] === expected[0] && pages[1] === expected[1] ? '' : ' - WARNING: mismatch'),
    );
  }

  // --- Accept: every id once, in random order over all users.
  const suggestions = await query<{ id: string; user_id: string }>(
    db.url,
    `SELECT id, user_id FROM task_suggestions WHERE status = 'pending' ORDER BY random()`,
  ).then((rows) => rows.map((row) => ({ id: row.id, userId: row.user_id })));
  const probeId = suggestions.shift()!;
  const acceptUrl = `${server.baseUrl}/api/v1/task-suggestions/${probeId.id}/accept`;
  const post = { method: 'POST', body: '{}' };
  const first = await probe(acceptUrl, keyOf.get(probeId.userId)!, post);
  const repeat =
    first.status === 201 ? await probe(acceptUrl, keyOf.get(probeId.userId)!, post) : undefined;
  let accept: { warmup: AcceptRunCore; measured: AcceptRun } | undefined;
  if (first.status === 201)
    accept = await acceptPhase({ ...target, dbUrl: db.url, keyOf }, suggestions, options);
  const [after] = await query<{ accepted: string; pending: string; linked: string }>(
    db.url,
    `SELECT count(*) FILTER (WHERE status = 'accepted') AS accepted,
            count(*) FILTER (WHERE status = 'pending') AS pending,
            (SELECT count(*) FROM tasks WHERE source_suggestion_id IS NOT NULL) AS linked
     FROM task_suggestions`,
  );
  say(
    '',
    `== Suggestion accept (${options.suggestions} pending suggestions over ${options.users} users, each id sent ` +
      `at most once: ${Math.ceil(suggestions.length * WARMUP_SHARE)} for the warm-up, the rest for the measured ` +
      `run; ${options.seconds} s after ${options.warmup} s warm-up, ${ACCEPT_CONNECTIONS} connection)`,
  );
  if (accept) {
    const { warmup, measured } = accept;
    say(table(LOAD_HEADERS, [loadRow(measured)]));
    if (measured.rpsNote) say(measured.rpsNote);
    const sent = 1 + warmup.issued + measured.issued;
    say(
      `ids sent ${sent} (probe 1 + warm-up ${warmup.issued} + measured ${measured.issued}); suggestions accepted ` +
        `${after!.accepted}, still pending ${after!.pending}; tasks linked to a suggestion ${after!.linked}; ` +
        `409 answers: warm-up ${warmup.conflicts}, measured ${measured.conflicts}`,
    );
    if (Number(after!.accepted) !== Number(after!.linked) || Number(after!.accepted) > sent)
      say('WARNING: accepted suggestions, tasks created and ids sent do not add up');
    say(
      repeat?.status === 409
        ? 'repeat check: accepting the probe id a second time answers 409, so a repeat would show as an error'
        : `WARNING: accepting the probe id a second time answered ${repeat?.status}, not 409`,
    );
  } else {
    say(`accept route answered ${first.status}, not 201: ${first.body}`);
  }

  const apiRssMb =
    listPhases.length || accept
      ? Math.max(...listPhases.map((p) => p.rssMb), accept?.measured.rssMb ?? 0)
      : NaN;
  const conflicts = accept ? accept.warmup.conflicts + accept.measured.conflicts : NaN;
  const budgets = [
    budget('tasks: list latest 50 p95 at 1 conn', listOne.all?.p95 ?? NaN, 'ms', LIST_P95_MS),
    budget(
      'tasks: list pending by due date p95 at 1 conn',
      listOne.pending?.p95 ?? NaN,
      'ms',
      LIST_P95_MS,
    ),
    budget('suggestion accept p95 at 1 conn', accept?.measured.p95 ?? NaN, 'ms', ACCEPT_P95_MS),
    budget('accept repeats (409 answers)', conflicts, '', 1),
    budget('API RSS through every phase', apiRssMb, 'MB', 250),
  ];
  say('', '== Budgets', budgetTable(budgets));
  say(...failedPhasesWarning([...listPhases, ...(accept ? [accept.warmup, accept.measured] : [])]));
  await server.stop();
  await db.drop();
  return { title: 'Tasks: list, suggestion accept', text: out.join('\n'), budgets, apiRssMb };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchTasks(tasksOptions(process.argv.slice(2)));
    console.log(`\n${machineLine()}\n${section.text}`);
  });
}
