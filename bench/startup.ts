/**
 * Start-up of the built server on the embedded PostgreSQL (no DATABASE_URL), the path a
 * new user takes: the first start runs initdb and the migrations, later ones reuse the
 * data dir. Budgets: first start < 15 s, start on existing data < 5 s.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { onCleanup, runMain } from './lib/cleanup.js';
import { freePort, rssMb, SERVER_NODE_FLAGS, startServer } from './lib/process.js';
import { budget, budgetTable } from './lib/phase.js';
import { fmt, machineLine, table, verdict } from './lib/report.js';
import type { BenchSection } from './lib/section.js';

const RESTARTS = 5;
const FIRST_START_BUDGET_MS = 15_000;
const RESTART_BUDGET_MS = 5_000;

export async function benchStartup(): Promise<BenchSection> {
  // Under /tmp (mode 1777): as root, PostgreSQL runs as `postgres` and must traverse it.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pai-bench-startup-'));
  await chmod(dataDir, 0o755);
  const removeDir = onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  // Its own PostgreSQL port, so a developer's embedded instance on 54329 is left alone.
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', EMBEDDED_PG_PORT: String(await freePort()) };
  const rows: (string | number)[][] = [];
  const restarts: number[] = [];
  const idleRss: number[] = [];
  let firstMs = NaN;
  try {
    for (let run = 0; run <= RESTARTS; run++) {
      const server = await startServer(env);
      // Idle RSS right after start: what the process costs before any traffic.
      const rss = await rssMb(server.pid);
      idleRss.push(rss);
      const stopStarted = performance.now();
      await server.stop();
      const stopMs = performance.now() - stopStarted;
      if (run === 0) firstMs = server.readyMs;
      else restarts.push(server.readyMs);
      const budget = run === 0 ? FIRST_START_BUDGET_MS : RESTART_BUDGET_MS;
      rows.push([
        run === 0 ? 'first start (initdb + migrations)' : `restart ${run} (existing data)`,
        fmt(server.readyMs, 0),
        fmt(rss),
        fmt(stopMs, 0),
        verdict(server.readyMs, budget, 'lower'),
      ]);
      console.log(`startup: ${rows.at(-1)!.slice(0, 2).join(': ')} ms`);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    removeDir();
  }
  const worstRestart = Math.max(...restarts);
  const budgets = [
    budget(
      'start-up to healthy, first embedded database (initdb + migrations)',
      firstMs,
      'ms',
      FIRST_START_BUDGET_MS,
    ),
    budget(
      `start-up to healthy, existing database (worst of ${RESTARTS})`,
      worstRestart,
      'ms',
      RESTART_BUDGET_MS,
    ),
  ];
  const text = [
    '== Start-up (built server, embedded PostgreSQL, fresh DATA_DIR)',
    table(['run', 'ready ms', 'RSS MB', 'SIGTERM->exit ms', 'budget'], rows),
    '',
    budgetTable(budgets),
    `ready = spawn of \`node ${SERVER_NODE_FLAGS.join(' ')} dist/src/main.js\` (as npm start) until GET /api/v1/health answers 200 (polled every 10 ms);`,
    'RSS = the node process only (VmRSS), embedded PostgreSQL runs in its own processes.',
  ].join('\n');
  // Idle right after start, embedded PostgreSQL outside it: the floor of every later phase's RSS.
  return { title: 'Start-up', text, budgets, apiRssMb: Math.max(...idleRss) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchStartup();
    console.log(`\n${machineLine()}\n${section.text}`);
  });
}
