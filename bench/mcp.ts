/**
 * MCP next to REST: search_thoughts and capture_thought over POST /mcp against the REST
 * routes that do the same work (GET /api/v1/thoughts?q=, POST /api/v1/thoughts), on one
 * server and data set. Throughput with N connections, p99 with one connection (service
 * time, not saturation). Budget: MCP within 20% of REST (req/s >= 0.8x, p99 < 1.2x).
 *   npm run bench:mcp [-- --quick] [--users N] [--mcp-thoughts N]
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runMain } from './lib/cleanup.js';
import { createBenchDatabase, createUsersWithKeys } from './lib/db.js';
import {
  failedPhasesWarning,
  LOAD_HEADERS,
  loadRow,
  type Phase,
  phase,
  serverLine,
  SERVER_ENV,
} from './lib/phase.js';
import { sampleRss, startServer } from './lib/process.js';
import { fmt, numberArg, parseArgs, table } from './lib/report.js';
import { type BenchSection, type Budget, budgetVerdict } from './lib/section.js';
import { startCpuCount } from './lib/cpu.js';
import { assertWrk, runWrkScript } from './lib/wrk.js';

const MCP_LUA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib', 'wrk-mcp.lua');
const WORDS = [
  'call',
  'meeting',
  'project',
  'idea',
  'budget',
  'garden',
  'review',
  'plan',
  'email',
  'invoice',
];
const WITHIN = 0.2;

export interface McpOptions {
  users: number;
  thoughtsPerUser: number;
  connections: number;
  warmup: number;
  seconds: number;
}

export function mcpOptions(argv: string[]): McpOptions {
  const args = parseArgs(argv);
  const quick = args.has('quick');
  return {
    users: numberArg(args, 'users', quick ? 10 : 50),
    thoughtsPerUser: numberArg(args, 'mcp-thoughts', quick ? 30 : 200),
    connections: numberArg(args, 'connections', quick ? 4 : 10),
    warmup: quick ? 1 : 3,
    seconds: quick ? 3 : 10,
  };
}

async function mcpPhase(
  label: string,
  target: { baseUrl: string; pid: number },
  tool: 'capture_thought' | 'search_thoughts',
  keys: string[],
  connections: number,
  options: McpOptions,
): Promise<Phase> {
  const spec = (seconds: number, suffix = '') => ({
    label: `${label}${suffix}`,
    baseUrl: target.baseUrl,
    connections,
    seconds,
    script: MCP_LUA,
    files: { keys: `${keys.join('\n')}\n`, words: `${WORDS.join('\n')}\n` },
    args: (file: (name: string) => string) => [tool, file('keys'), file('words')],
  });
  const stopRss = sampleRss(target.pid);
  await runWrkScript(spec(options.warmup, ' warm-up'));
  const stopCpu = await startCpuCount(target.pid);
  const { result, raw } = await runWrkScript(spec(options.seconds));
  const cpu = await stopCpu(result.requests);
  const rssMb = await stopRss();
  const toolErrors = raw.tool_errors ?? 0;
  console.log(
    `${label}: ${fmt(result.rps, 0)} req/s, p99 ${fmt(result.p99, 2)} ms, tool errors ${toolErrors}`,
  );
  return {
    ...result,
    failures: result.failures + toolErrors,
    rssMb,
    serverCpuMs: cpu.serverMs,
    postgresCpuMs: cpu.postgresMs,
    errorsNote: toolErrors ? `${toolErrors} tool errors` : undefined,
  };
}

async function seed(baseUrl: string, keys: string[], perUser: number): Promise<void> {
  for (const key of keys) {
    await Promise.all(
      Array.from({ length: perUser }, (_, index) =>
        fetch(`${baseUrl}/api/v1/thoughts`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            content: `seed ${index}: ${WORDS[index % WORDS.length]} the ${WORDS[(index * 3) % WORDS.length]} ${index}`,
          }),
        }).then((response) => {
          if (response.status !== 201) throw new Error(`seeding answered ${response.status}`);
        }),
      ),
    );
  }
}

const ratioBudgets = (
  name: string,
  rest: Phase,
  mcp: Phase,
  oneRest: Phase,
  oneMcp: Phase,
): Budget[] => [
  {
    what: `${name} MCP req/s (${mcp.connections} conns) vs REST ${fmt(rest.rps, 0)} req/s`,
    value: mcp.failures ? NaN : mcp.rps,
    unit: 'req/s',
    better: 'higher',
    limit: Math.round(rest.rps * (1 - WITHIN)),
  },
  {
    what: `${name} MCP p99 (1 conn) vs REST ${fmt(oneRest.p99, 2)} ms`,
    value: oneMcp.failures ? NaN : oneMcp.p99,
    unit: 'ms',
    better: 'lower',
    limit: Number((oneRest.p99 * (1 + WITHIN)).toFixed(2)),
  },
];

export async function benchMcp(
  options: McpOptions = mcpOptions(process.argv.slice(2)),
): Promise<BenchSection> {
  assertWrk();
  const db = await createBenchDatabase();
  const server = await startServer({ ...SERVER_ENV, DATABASE_URL: db.url });
  try {
    const users = await createUsersWithKeys(db.url, options.users);
    const keys = users.map((user) => user.key);
    await seed(server.baseUrl, keys, options.thoughtsPerUser);
    const target = { baseUrl: server.baseUrl, pid: server.pid };
    const searchPaths = WORDS.map((word) => `/api/v1/thoughts?q=${word}&limit=10`);
    const phases: Phase[] = [];
    const run = async (connections: number) => {
      const restSearch = await phase(
        'REST GET /api/v1/thoughts?q=',
        target,
        { mode: 'get', paths: searchPaths, keys, connections },
        options,
      );
      const mcpSearch = await mcpPhase(
        'MCP search_thoughts',
        target,
        'search_thoughts',
        keys,
        connections,
        options,
      );
      const restCapture = await phase(
        'REST POST /api/v1/thoughts',
        target,
        { mode: 'post', paths: ['/api/v1/thoughts'], keys, connections },
        options,
      );
      const mcpCapture = await mcpPhase(
        'MCP capture_thought',
        target,
        'capture_thought',
        keys,
        connections,
        options,
      );
      phases.push(restSearch, mcpSearch, restCapture, mcpCapture);
      return { restSearch, mcpSearch, restCapture, mcpCapture };
    };
    const many = await run(options.connections);
    const one = await run(1);
    const budgets = [
      ...ratioBudgets('search', many.restSearch, many.mcpSearch, one.restSearch, one.mcpSearch),
      ...ratioBudgets(
        'capture',
        many.restCapture,
        many.mcpCapture,
        one.restCapture,
        one.mcpCapture,
      ),
    ];
    const text = [
      `== MCP next to REST (${options.users} users, ${options.thoughtsPerUser} thoughts each; ${options.seconds} s per phase after ${options.warmup} s warm-up)`,
      serverLine(),
      table(LOAD_HEADERS, phases.map(loadRow)),
      ...failedPhasesWarning(phases),
      'MCP: one stateless tools/call per POST /mcp (JSON response), the same services as REST; a tool error counts as a failure.',
    ].join('\n');
    return { title: 'MCP', text, budgets };
  } finally {
    await server.stop();
    await db.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchMcp();
    console.log(`\n${section.text}\n`);
    console.log(
      table(
        ['budget', 'measured', 'limit', 'result'],
        section.budgets.map((b) => [
          b.what,
          `${fmt(b.value, 2)} ${b.unit}`,
          `${b.better === 'lower' ? '<' : '>='} ${b.limit} ${b.unit}`,
          budgetVerdict(b),
        ]),
      ),
    );
  });
}
