/**
 * The whole benchmark, one section after the other (never in parallel: each would steal the
 * others' two cores), then ONE Markdown summary printed and written to bench-results/summary.md.
 * Flags go to every section that takes them (--quick, --users N, ...).
 *   npm run bench [-- --quick] [-- --only scheduler,tasks]
 *
 * A new section is one line in SECTIONS: its name (for --only) and a function from argv to its
 * BenchSection. Each section's minutes are printed in the summary: the whole run is meant to fit
 * in 20 minutes on a quiet 2-core machine with the default sizes.
 */
import { runMain } from './lib/cleanup.js';
import { parseArgs } from './lib/report.js';
import type { BenchSection } from './lib/section.js';
import { renderSummary, writeSummary } from './lib/summary.js';
import { benchConsciousness, consciousnessOptions } from './consciousness.js';
import { backupOptions, benchBackup } from './backup.js';
import { benchExport } from './export.js';
import { benchFairness, fairnessOptions } from './fairness.js';
import { benchMcp } from './mcp.js';
import { benchSchedulerTick, schedulerOptions } from './scheduler-tick.js';
import { benchStartup } from './startup.js';
import { benchTasks, tasksOptions } from './tasks.js';
import { benchThoughts, thoughtsOptions } from './thoughts.js';

const SECTIONS: [name: string, run: (argv: string[]) => Promise<BenchSection>][] = [
  ['startup', () => benchStartup()],
  ['thoughts', (argv) => benchThoughts(thoughtsOptions(argv))],
  ['tasks', (argv) => benchTasks(tasksOptions(argv))],
  ['consciousness', (argv) => benchConsciousness(consciousnessOptions(argv))],
  ['scheduler', (argv) => benchSchedulerTick(schedulerOptions(argv))],
  ['mcp', () => benchMcp()],
  ['fairness', (argv) => benchFairness(fairnessOptions(argv))],
  ['backup', (argv) => benchBackup(backupOptions(argv))],
  ['export', () => benchExport()],
];

void runMain(async () => {
  const argv = process.argv.slice(2);
  // --only a,b runs just those sections (to try one; the budget table is then partial).
  const only = parseArgs(argv).get('only')?.split(',');
  const unknown = only?.filter((name) => !SECTIONS.some(([known]) => known === name));
  if (unknown?.length)
    throw new Error(
      `--only: no section ${unknown.join(', ')} (sections: ${SECTIONS.map(([name]) => name).join(', ')})`,
    );
  const startedAt = new Date();
  const sections: BenchSection[] = [];
  for (const [name, section] of SECTIONS) {
    if (only && !only.includes(name)) continue;
    const sectionStarted = performance.now();
    try {
      sections.push({
        ...(await section(argv)),
        seconds: (performance.now() - sectionStarted) / 1000,
      });
    } catch (error) {
      // One broken section must not lose the others' figures: it shows as an error and a failed budget.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(message);
      process.exitCode = 1;
      sections.push({
        title: `section ${name} failed`,
        text: message,
        budgets: [
          { what: 'section ran to the end', value: NaN, unit: '', limit: 0, better: 'lower' },
        ],
        seconds: (performance.now() - sectionStarted) / 1000,
      });
    }
  }
  const summary = renderSummary(
    sections,
    ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    startedAt,
  );
  console.log(`\n${summary}`);
  console.log(`written to ${await writeSummary(summary)}`);
});
