/**
 * What the HTTP benches share: the server under test's settings, a measured load phase
 * (warm-up then measurement, RSS sampled), its report row and a budget line.
 */
import { startCpuCount } from './cpu.js';
import { sampleRss, SERVER_NODE_FLAGS } from './process.js';
import { fmt, table } from './report.js';
import { type Budget, budgetLimit, budgetVerdict } from './section.js';
import { type OpenLoopSpec, runOpenLoop } from './open-loop.js';
import { type LoadResult, runWrk } from './wrk.js';

/**
 * The server under test. The env schema caps RATE_LIMIT_PER_MINUTE at 100000 (100000000
 * fails validation); with keys rotating over every bench user no key gets near it.
 * Workers off, as when `npm run worker` processes do the analysis: otherwise the backlog
 * the capture phases enqueue would run during, and skew, the read phases. Scheduler off for
 * the same reason: its 5-minute tick finds every bench user due at once and runs 100
 * consciousness checks in the server, at whatever phase the wall clock lands on (seen: list
 * p95 30 ms -> 210 ms and the server at 234-254 MB RSS). `bench:consciousness` measures checks.
 */
export const SERVER_ENV = {
  RATE_LIMIT_PER_MINUTE: '100000',
  LOG_LEVEL: 'warn',
  WORKERS_ENABLED: 'false',
  SCHEDULER_ENABLED: 'false',
};

export const serverLine = () =>
  `server under test: node ${SERVER_NODE_FLAGS.join(' ')} dist/src/main.js (as npm start), NODE_ENV=production ${Object.entries(
    SERVER_ENV,
  )
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')}`;

export interface Phase extends LoadResult {
  rssMb: number;
  /** CPU per request during the measured run: the server process's, and PostgreSQL's. */
  serverCpuMs: number;
  postgresCpuMs: number;
  /** Overrides the errors cell (e.g. to say which statuses). */
  errorsNote?: string;
  /** Open-loop phases: the asked arrival rate and the rate requests were started at. */
  askedRps?: number;
  startedRps?: number;
}

/** A warm-up run (discarded: JIT, pools, caches) then the measured run, RSS sampled across both. */
export async function phase(
  label: string,
  target: { baseUrl: string; pid: number },
  load: { mode: 'post' | 'get'; paths: string[]; keys: string[]; connections: number },
  options: { warmup: number; seconds: number },
  seconds = options.seconds,
): Promise<Phase> {
  const stopRss = sampleRss(target.pid);
  await runWrk({
    ...load,
    label: `${label} warm-up`,
    baseUrl: target.baseUrl,
    seconds: options.warmup,
  });
  const stopCpu = await startCpuCount(target.pid);
  const result = await runWrk({ ...load, label, baseUrl: target.baseUrl, seconds });
  const cpu = await stopCpu(result.requests);
  const rssMb = await stopRss();
  logPhase(result);
  return { ...result, rssMb, serverCpuMs: cpu.serverMs, postgresCpuMs: cpu.postgresMs };
}

/**
 * An open-loop phase at a fixed arrival rate: a short warm-up at the same rate (discarded),
 * then the measured run. Latency is judged here, never at saturation.
 */
export async function openLoopPhase(
  label: string,
  target: { baseUrl: string; pid: number },
  load: Omit<OpenLoopSpec, 'label' | 'baseUrl' | 'seconds'>,
  options: { warmup: number; seconds: number },
): Promise<Phase> {
  const stopRss = sampleRss(target.pid);
  await runOpenLoop({
    ...load,
    label: `${label} warm-up`,
    baseUrl: target.baseUrl,
    seconds: options.warmup,
  });
  const stopCpu = await startCpuCount(target.pid);
  const result = await runOpenLoop({
    ...load,
    label,
    baseUrl: target.baseUrl,
    seconds: options.seconds,
  });
  const cpu = await stopCpu(result.requests);
  const rssMb = await stopRss();
  logPhase(result);
  const errorsNote = result.failures
    ? `${result.failures} FAILED (${result.failureReasons})`
    : undefined;
  return { ...result, rssMb, serverCpuMs: cpu.serverMs, postgresCpuMs: cpu.postgresMs, errorsNote };
}

export function logPhase(result: LoadResult & { askedRps?: number; startedRps?: number }): void {
  const rate = result.askedRps
    ? ` (asked ${result.askedRps}/s, started ${fmt(result.startedRps ?? NaN, 1)}/s)`
    : '';
  console.log(
    `${result.label}: ${fmt(result.rps, 0)} req/s${rate}, p50 ${fmt(result.p50, 2)} ms, p99 ${fmt(result.p99, 2)} ms`,
  );
}

/** The load column: connections for closed loops, asked and started rate for open ones. */
const loadCell = (p: Phase) =>
  p.askedRps
    ? `open ${p.askedRps}/s (started ${fmt(p.startedRps ?? NaN, 1)}/s)`
    : `${p.connections} conn${p.connections === 1 ? '' : 's'}`;

export const loadRow = (p: Phase) => [
  p.label,
  loadCell(p),
  fmt(p.rps, 0),
  fmt(p.p50, 2),
  fmt(p.p95, 2),
  fmt(p.p99, 2),
  fmt(p.max, 1),
  fmt(p.rssMb),
  fmt(p.serverCpuMs, 3),
  fmt(p.postgresCpuMs, 3),
  p.errorsNote ?? (p.failures ? `${p.failures} FAILED` : '0'),
];
export const LOAD_HEADERS = [
  'phase',
  'load',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'max RSS MB',
  'server CPU ms/req',
  'pg CPU ms/req',
  'errors',
];

/** A budget of a section; NaN (phase not run) reads as n/a, and counts as not passed. */
export function budget(
  what: string,
  value: number,
  unit: string,
  limit: number,
  better: 'lower' | 'higher' | 'at most' = 'lower',
): Budget {
  return better === 'at most'
    ? { what, value, unit, limit, better: 'lower', inclusive: true }
    : { what, value, unit, limit, better };
}

/** A section's own copy of its budget lines, so its text reads on its own. */
export function budgetTable(budgets: Budget[]): string {
  return table(
    ['budget', 'measured', 'limit', 'result'],
    budgets.map((b) => [
      b.what,
      `${fmt(b.value, 2)} ${b.unit}`.trim(),
      budgetLimit(b),
      budgetVerdict(b),
    ]),
  );
}

/** Status of one request: tells whether the route exists yet (404 = not committed). */
export async function probe(
  url: string,
  key: string,
  init: RequestInit = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.text()).slice(0, 300) };
}

/** The warning line for phases that had errors or non-2xx answers, or none when all were clean. */
export function failedPhasesWarning(phases: Pick<Phase, 'label' | 'failures'>[]): string[] {
  const failed = phases.filter((p) => p.failures > 0);
  return failed.length
    ? [
        `WARNING: ${failed.map((p) => p.label).join(', ')} had errors or non-2xx answers: figures not valid`,
      ]
    : [];
}
