/**
 * The whole benchmark, one section after the other (never in parallel: each would steal the
 * others' two cores), then ONE Markdown summary printed and written to bench-results/summary.md.
 * Flags go to every section that takes them (--quick, --users N, ...).
 *   npm run bench [-- --quick]
 *
 * A new section is one line in SECTIONS: a function from argv to its BenchSection.
 */
import { runMain } from './lib/cleanup.js';
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

const SECTIONS: ((argv: string[]) => Promise<BenchSection>)[] = [
  () => benchStartup(),
  (argv) => benchThoughts(thoughtsOptions(argv)),
  (argv) => benchTasks(tasksOptions(argv)),
  (argv) => benchConsciousness(consciousnessOptions(argv)),
  (argv) => benchSchedulerTick(schedulerOptions(argv)),
  () => benchMcp(),
  (argv) => benchFairness(fairnessOptions(argv)),
  (argv) => benchBackup(backupOptions(argv)),
  () => benchExport(),
];

void runMain(async () => {
  const argv = process.argv.slice(2);
  const startedAt = new Date();
  const sections: BenchSection[] = [];
  for (const [i, section] of SECTIONS.entries()) {
    try {
      sections.push(await section(argv));
    } catch (error) {
      // One broken section must not lose the others' figures: it shows as an error and a failed budget.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(message);
      process.exitCode = 1;
      sections.push({
        title: `section ${i + 1} failed`,
        text: message,
        budgets: [{ what: 'section ran to the end', value: NaN, unit: '', limit: 0, better: 'lower' }],
      });
    }
  }
  const summary = renderSummary(sections, ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '), startedAt);
  console.log(`\n${summary}`);
  console.log(`written to ${await writeSummary(summary)}`);
});
