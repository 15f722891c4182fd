/**
 * The on-demand consciousness check over 200 recent thoughts, through HTTP on the built
 * server with the offline local backend. Seed target < 5,000 ms; ours < 500 ms (p95).
 * Each round deletes the user's previous checks first, so every check looks at all 200.
 */
import { pathToFileURL } from 'node:url';
import { runMain } from './lib/cleanup.js';
import { query } from './lib/db.js';
import { SEED_WORDS, withOneUserServer } from './lib/one-user-server.js';
import { budget, budgetTable } from './lib/phase.js';
import { fmt, machineLine, numberArg, parseArgs, table } from './lib/report.js';
import type { BenchSection } from './lib/section.js';

const TARGET_P95_MS = 500;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function consciousnessOptions(argv: string[]): { rounds: number; thoughts: number } {
  const args = parseArgs(argv);
  // Not --thoughts: npm run bench passes one argv to every section, and that one sizes bench:thoughts.
  return {
    rounds: numberArg(args, 'rounds', 30),
    thoughts: numberArg(args, 'check-thoughts', 200),
  };
}

export async function benchConsciousness(
  { rounds, thoughts } = consciousnessOptions([]),
): Promise<BenchSection> {
  return withOneUserServer(async ({ db, server, user }) => {
    // A week of realistic-looking thoughts: themes, tasks with and without dates, notes.
    await query(
      db.url,
      `INSERT INTO thoughts (user_id, content, tags, analysis_status, created_at)
       SELECT $1,
              CASE g % 4
                WHEN 0 THEN 'I need to ' || ($2::text[])[1 + g % 15] || ' about the ' || ($2::text[])[1 + (g * 7) % 15] || ' tomorrow'
                WHEN 1 THEN 'Thinking about ' || ($2::text[])[1 + g % 15] || ' and ' || ($2::text[])[1 + (g * 3) % 15] || ' again'
                WHEN 2 THEN 'Remember to ' || ($2::text[])[1 + (g * 5) % 15] || ' before friday'
                ELSE 'Noticed that ' || ($2::text[])[1 + (g * 11) % 15] || ' feels better in the evening'
              END,
              jsonb_build_array(($2::text[])[1 + g % 15]), 'done',
              now() - make_interval(mins => g * 50)
       FROM generate_series(1, $3) AS g`,
      [user.userId, SEED_WORDS, thoughts],
    );
    const run = async () => {
      await query(db.url, `DELETE FROM scheduled_analyses WHERE user_id = $1`, [user.userId]);
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/api/v1/consciousness-check`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.key}` },
      });
      const elapsed = performance.now() - started;
      const body = (await response.json()) as { new_thought_count: number; patterns: unknown[] };
      if (response.status !== 201 || body.new_thought_count !== thoughts) {
        throw new Error(
          `unexpected check: ${response.status}, new_thought_count ${body.new_thought_count} of ${thoughts}`,
        );
      }
      return { elapsed, patterns: body.patterns.length };
    };
    const warm = await run();
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) times.push((await run()).elapsed);
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const budgets = [
      budget(`on-demand check over ${thoughts} thoughts p95 (1 client)`, p95, 'ms', TARGET_P95_MS),
    ];
    const text = [
      `== Consciousness check on demand (local backend, ${thoughts} new thoughts, ${rounds} rounds after one warm-up; patterns found: ${warm.patterns})`,
      table(
        ['measure', 'ms'],
        [
          ['p50', fmt(p50)],
          ['p95', fmt(p95)],
          ['max', fmt(times.at(-1)!)],
        ],
      ),
      budgetTable(budgets),
      'Time is the whole POST /api/v1/consciousness-check through HTTP (gather, analyse, store, offer suggestions).',
    ].join('\n');
    return { title: 'Consciousness check on demand', text, budgets };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runMain(async () => {
    const section = await benchConsciousness(consciousnessOptions(process.argv.slice(2)));
    console.log(`\n${machineLine()}\n${section.text}`);
  });
}
