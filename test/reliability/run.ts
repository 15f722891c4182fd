/**
 * `npm run test:reliability`: runs the reliability project (several instances, replicas,
 * faults under load, soak) and then prints every section's figures as one Markdown table,
 * also written to reliability-results/summary.md. Exits with jest's status.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, type SectionFigures } from './support/figures.js';

const root = path.resolve(import.meta.dirname, '../..');
rmSync(RESULTS_DIR, { recursive: true, force: true });
mkdirSync(RESULTS_DIR, { recursive: true });

const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    path.join(root, 'node_modules/jest/bin/jest.js'),
    '--runInBand',
    '--selectProjects',
    'reliability',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: process.env },
);

const sections: SectionFigures[] = existsSync(RESULTS_DIR)
  ? readdirSync(RESULTS_DIR)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map(
        (name) => JSON.parse(readFileSync(path.join(RESULTS_DIR, name), 'utf8')) as SectionFigures,
      )
  : [];

const lines = [
  `# Reliability run (${process.env.RELIABILITY_PROFILE === 'short' ? 'short' : 'full'} profile)`,
  '',
  `Machine: ${process.platform}/${process.arch}, node ${process.version}, jest exit ${jest.status}`,
  '',
  '| section | figure | value |',
  '|---|---|---|',
];
for (const section of sections) {
  if (section.skipped) lines.push(`| ${section.section} | SKIPPED | ${section.skipped} |`);
  for (const [name, value] of Object.entries(section.figures))
    lines.push(`| ${section.section} | ${name} | ${String(value)} |`);
}
const summary = lines.join('\n') + '\n';
writeFileSync(path.join(RESULTS_DIR, 'summary.md'), summary);
process.stdout.write('\n' + summary);
process.exit(jest.status ?? 1);
