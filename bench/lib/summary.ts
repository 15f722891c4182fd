/**
 * The one Markdown summary `npm run bench` prints and writes: the machine, the budget table of
 * every section (PASS/FAIL computed from the figures by section.ts), then each section's own
 * tables.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './process.js';
import { fmt, machineLine } from './report.js';
import { type BenchSection, type Budget, budgetLimit, budgetVerdict } from './section.js';

const RSS_LIMIT_MB = 250;

/** Issue 13's "API RSS through every phase": the peak over every section that ran the API under load. */
export function rssThroughEveryPhase(sections: BenchSection[]): Budget {
  const measured = sections.filter((section) => section.apiRssMb !== undefined);
  const value = measured.length ? Math.max(...measured.map((section) => section.apiRssMb!)) : NaN;
  return {
    what: `API RSS through every phase (peak of ${measured.length} sections)`,
    value,
    unit: 'MB',
    limit: RSS_LIMIT_MB,
    better: 'lower',
  };
}

/** Gitignored: figures belong to the machine and the moment they were taken. */
export const SUMMARY_FILE = path.join(REPO_ROOT, 'bench-results/summary.md');

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderSummary(sections: BenchSection[], command: string, startedAt: Date): string {
  const overall: BenchSection = {
    title: 'whole run',
    text: '',
    budgets: [rssThroughEveryPhase(sections)],
  };
  const judged = [...sections, overall];
  const rows = judged.flatMap((section) =>
    section.budgets.map((b) => {
      return `| ${cell(section.title)} | ${cell(b.what)} | ${fmt(b.value, 2)} ${b.unit} | ${budgetLimit(b)} | ${budgetVerdict(b)} |`;
    }),
  );
  const failed = judged.flatMap((s) => s.budgets).filter((b) => budgetVerdict(b) !== 'PASS').length;
  const timings = sections.map(
    (section) =>
      `| ${cell(section.title)} | ${fmt((section.seconds ?? NaN) / 60, 1)} | ${section.apiRssMb === undefined ? '' : fmt(section.apiRssMb)} |`,
  );
  return [
    '# Benchmark summary',
    '',
    `${machineLine()}`,
    '',
    `run: \`${command}\`, started ${startedAt.toISOString()}, took ${fmt((Date.now() - startedAt.getTime()) / 60_000)} min`,
    '',
    '## Budgets',
    '',
    '| section | budget | measured | limit | result |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    failed ? `${failed} budget(s) not passed (FAIL or n/a).` : 'Every budget passed.',
    '',
    '## Sections',
    '',
    '| section | minutes | API peak RSS MB |',
    '|---|---|---|',
    ...timings,
    '',
    ...sections.flatMap((section) => [
      `## ${section.title}`,
      '',
      '```text',
      section.text.trim(),
      '```',
      '',
    ]),
  ].join('\n');
}

export async function writeSummary(markdown: string): Promise<string> {
  await mkdir(path.dirname(SUMMARY_FILE), { recursive: true });
  await writeFile(SUMMARY_FILE, markdown);
  return SUMMARY_FILE;
}
