/**
 * Export of 100,000 thoughts through HTTP on the built server: time, size and the server's
 * RSS growth while it streams (budget: growth <= 50 MB), for the JSON document and the
 * Markdown zip. The client reads as fast as it can; the RSS sampler runs every 100 ms.
 *   npm run bench:export [-- --thoughts N]
 */
import { pathToFileURL } from 'node:url';
import { runMain } from './lib/cleanup.js';
import { query } from './lib/db.js';
import { SEED_WORDS, withOneUserServer } from './lib/one-user-server.js';
import { rssMb, sampleRss } from './lib/process.js';
import { fmt, machineLine, numberArg, parseArgs, table, verdict } from './lib/report.js';
import type { BenchSection } from './lib/section.js';

const RSS_GROWTH_BUDGET_MB = 50;

interface Run {
  format: string;
  ms: number;
  bytes: number;
  baselineMb: number;
  peakMb: number;
}

async function exportOnce(
  baseUrl: string,
  key: string,
  pid: number,
  format: 'json' | 'markdown',
): Promise<Run> {
  const baselineMb = await rssMb(pid);
  const stop = sampleRss(pid, 100);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/export?format=${format}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`export ${format}: HTTP ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
  const ms = performance.now() - started;
  return { format, ms, bytes, baselineMb, peakMb: await stop() };
}

export async function benchExport(thoughts = 100_000): Promise<BenchSection> {
  return withOneUserServer(async ({ db, server, user }) => {
    await query(
      db.url,
      `INSERT INTO thoughts (user_id, content, tags, ai_tags, thought_type, analysis_status, analyzed_at, created_at, updated_at)
       SELECT $1,
              'Thought ' || g || ': remember to ' || ($2::text[])[1 + g % 15] || ' about the ' || ($2::text[])[1 + (g * 7) % 15] ||
                ' before friday, and think about ' || ($2::text[])[1 + (g * 3) % 15] || ' again #' || ($2::text[])[1 + g % 15],
              jsonb_build_array(($2::text[])[1 + g % 15]), jsonb_build_array(($2::text[])[1 + (g * 11) % 15], 'bench'),
              'note', 'done', now() - make_interval(mins => g), now() - make_interval(mins => g), now() - make_interval(mins => g)
       FROM generate_series(1, $3) AS g`,
      [user.userId, SEED_WORDS, thoughts],
    );
    await query(db.url, 'VACUUM (ANALYZE) thoughts');
    // Warm-up: the first request loads code paths and plans; RSS is judged after it.
    await exportOnce(server.baseUrl, user.key, server.pid, 'json');
    const runs: Run[] = [];
    const failures: string[] = [];
    for (const format of ['json', 'markdown'] as const) {
      try {
        runs.push(await exportOnce(server.baseUrl, user.key, server.pid, format));
      } catch (error) {
        // A failed export is a measured FAIL (n/a figures), not a crashed bench.
        const fatal = /FATAL ERROR[^\n]*/.exec(server.output())?.[0] ?? '';
        failures.push(`${format}: ${(error as Error).message} ${fatal}`.trim());
        runs.push({ format, ms: NaN, bytes: NaN, baselineMb: NaN, peakMb: NaN });
      }
    }
    const growth = (run: Run) => run.peakMb - run.baselineMb;
    const text = [
      `## Export of ${thoughts.toLocaleString('en-US')} thoughts (GET /api/v1/export, built server, one client reading at full speed)`,
      table(
        [
          'format',
          'time ms',
          'MB sent',
          'rows/s',
          'RSS before MB',
          'RSS peak MB',
          'growth MB',
          `budget <= ${RSS_GROWTH_BUDGET_MB}`,
        ],
        runs.map((run) => [
          run.format,
          fmt(run.ms, 0),
          fmt(run.bytes / 1024 / 1024),
          fmt(thoughts / (run.ms / 1000), 0),
          fmt(run.baselineMb),
          fmt(run.peakMb),
          fmt(growth(run)),
          verdict(growth(run), RSS_GROWTH_BUDGET_MB + 1e-9, 'lower'),
        ]),
      ),
      ...failures.map((failure) => `failed: ${failure}`),
    ].join('\n');
    return {
      title: 'export',
      text,
      budgets: runs.map((run) => ({
        what: `export ${run.format} of ${thoughts} thoughts: server RSS growth`,
        value: growth(run),
        unit: 'MB',
        better: 'lower' as const,
        // "must not grow by more than 50 MB": 50 itself passes.
        limit: RSS_GROWTH_BUDGET_MB,
        inclusive: true,
      })),
    };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchExport(
      numberArg(parseArgs(process.argv.slice(2)), 'thoughts', 100_000),
    );
    console.log(`${machineLine()}\n\n${section.text}`);
  });
}
