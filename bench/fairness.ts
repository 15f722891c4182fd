/**
 * Fairness: one user's bulk work must not starve another's. On the built server with the
 * offline local backend and in-process workers:
 *  1. user A re-analyses N thoughts (10,000) while user B captures one thought a second:
 *     B's capture-to-analysed latency (budget: every capture analysed within 10 s);
 *  2. user C runs a consciousness check over M long thoughts (1,500 of 2,000 characters)
 *     while user B lists thoughts with one connection: B's p99 (budget < 100 ms).
 *   npm run bench:fairness [-- --quick] [-- --fair-thoughts N --fair-check-thoughts M --fair-captures K]
 */
import { pathToFileURL } from 'node:url';
import { runMain } from './lib/cleanup.js';
import { createBenchDatabase, createUsersWithKeys, query, type BenchUser } from './lib/db.js';
import { startServer } from './lib/process.js';
import { fmt, machineLine, numberArg, parseArgs, table } from './lib/report.js';
import { budgetVerdict, type BenchSection, type Budget } from './lib/section.js';

const CAPTURE_BUDGET_MS = 10_000;
const P99_BUDGET_MS = 100;

export interface FairnessOptions {
  thoughts: number;
  checkThoughts: number;
  captures: number;
}

export function fairnessOptions(argv: string[]): FairnessOptions {
  const args = parseArgs(argv);
  const quick = args.has('quick');
  return {
    thoughts: numberArg(args, 'fair-thoughts', quick ? 2_000 : 10_000),
    checkThoughts: numberArg(args, 'fair-check-thoughts', quick ? 500 : 1_500),
    captures: numberArg(args, 'fair-captures', quick ? 5 : 10),
  };
}

/** The few response fields the bench reads. */
interface Answer {
  id?: string;
  analysis_status?: string;
  done?: number;
  total?: number;
  selecting?: boolean;
  new_thought_count?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchFairness(
  options: FairnessOptions = fairnessOptions([]),
): Promise<BenchSection> {
  const db = await createBenchDatabase();
  const server = await startServer({
    DATABASE_URL: db.url,
    AI_BACKEND: 'local',
    WORKERS_ENABLED: 'true',
    SCHEDULER_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
  });
  const call = async (user: BenchUser, method: string, path: string, body?: object) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${user.key}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  try {
    const [a, b, c] = await createUsersWithKeys(db.url, 3);
    await query(
      db.url,
      `INSERT INTO thoughts (user_id, content, analysis_status, created_at)
       SELECT $1, 'Thought ' || g || ': call the plumber about the garden tap tomorrow, then draft the report', 'done', now() - (g || ' seconds')::interval
       FROM generate_series(1, $2) g`,
      [a!.userId, options.thoughts],
    );
    await query(
      db.url,
      `INSERT INTO thoughts (user_id, content, analysis_status, created_at)
       SELECT $1, left(repeat('Call the plumber about the garden tap tomorrow, then finish the quarterly report for Anna. ', 25) || g, 2000),
              'done', now() - (g || ' seconds')::interval
       FROM generate_series(1, $2) g`,
      [c!.userId, options.checkThoughts],
    );

    // Phase 1: B's captures while A's re-analysis runs.
    const reanalyzeStarted = performance.now();
    const operation = await call(a!, 'POST', '/api/v1/thoughts/reanalyze', {});
    const answerMs = performance.now() - reanalyzeStarted;
    const latencies: number[] = [];
    for (let i = 0; i < options.captures; i++) {
      const started = performance.now();
      const captured = await call(b!, 'POST', '/api/v1/thoughts', {
        content: `Fresh capture ${i}: buy milk tomorrow`,
      });
      for (;;) {
        const thought = await call(b!, 'GET', `/api/v1/thoughts/${captured.body.id!}`);
        if (thought.body.analysis_status !== 'pending') break;
        if (performance.now() - started > 60_000) break;
        await pause(50);
      }
      latencies.push(performance.now() - started);
      await pause(Math.max(0, 1_000 - (performance.now() - started)));
    }
    const progress = await call(a!, 'GET', `/api/v1/operations/${operation.body.id!}`);
    latencies.sort((x, y) => x - y);

    // Phase 2: B's reads while C's long check runs.
    const reads: number[] = [];
    let checking = true;
    const checkStarted = performance.now();
    const check = call(c!, 'POST', '/api/v1/consciousness-check').finally(() => (checking = false));
    while (checking) {
      const started = performance.now();
      await call(b!, 'GET', '/api/v1/thoughts?limit=20');
      reads.push(performance.now() - started);
    }
    const checked = await check;
    const checkMs = performance.now() - checkStarted;
    reads.sort((x, y) => x - y);

    const budgets: Budget[] = [
      {
        what: `B's capture-to-analysed, max of ${options.captures}, while A re-analyses ${options.thoughts}`,
        value: latencies.at(-1) ?? NaN,
        unit: 'ms',
        better: 'lower',
        limit: CAPTURE_BUDGET_MS,
      },
      {
        what: `B's list p99 while C checks ${options.checkThoughts} thoughts of 2,000 chars`,
        value: percentile(reads, 99),
        unit: 'ms',
        better: 'lower',
        limit: P99_BUDGET_MS,
      },
    ];
    const text = [
      machineLine(),
      `== Fairness (local backend, workers in the server process)`,
      `reanalyze answered ${operation.status} in ${fmt(answerMs)} ms; after the captures A's operation stood at ${progress.body.done}/${progress.body.total} (selecting: ${progress.body.selecting})`,
      `check answered ${checked.status} in ${fmt(checkMs)} ms over ${checked.body.new_thought_count} new thoughts; ${reads.length} reads by B meanwhile`,
      table(
        ['measure', 'p50 ms', 'p99 ms', 'max ms', 'budget', 'result'],
        [
          [
            'B capture -> analysed',
            fmt(percentile(latencies, 50)),
            fmt(percentile(latencies, 99)),
            fmt(latencies.at(-1) ?? NaN),
            `max < ${CAPTURE_BUDGET_MS}`,
            budgetVerdict(budgets[0]!),
          ],
          [
            'B GET /thoughts during check',
            fmt(percentile(reads, 50)),
            fmt(percentile(reads, 99)),
            fmt(reads.at(-1) ?? NaN),
            `p99 < ${P99_BUDGET_MS}`,
            budgetVerdict(budgets[1]!),
          ],
        ],
      ),
    ].join('\n');
    return { title: 'Fairness', text, budgets };
  } finally {
    await server.stop();
    await db.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchFairness(fairnessOptions(process.argv.slice(2)));
    console.log(section.text);
  });
}
