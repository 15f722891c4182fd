import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reliability specs measure as well as assert: each records its figures (and anything it had
 * to skip, with the reason) here, and `test/reliability/run.ts` prints them as one table
 * after jest is done, so a rerun on another machine shows what was proven there.
 */
export const RESULTS_DIR = path.resolve(import.meta.dirname, '../../../reliability-results');

/** The short profile runs in CI (`RELIABILITY_PROFILE=short`); the full one by hand. */
export const SHORT = process.env.RELIABILITY_PROFILE === 'short';

export type FigureValue = string | number | boolean | null;

export interface SectionFigures {
  section: string;
  figures: Record<string, FigureValue>;
  skipped?: string;
}

/** Writes one section's figures; the runner merges every file into the summary table. */
export function recordFigures(section: string, figures: Record<string, FigureValue>): void {
  write({ section, figures });
}

/** Records that a section could not run here and why (say what is missing, not just "skipped"). */
export function recordSkip(section: string, why: string): void {
  write({ section, figures: {}, skipped: why });
}

function write(entry: SectionFigures): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${entry.section.replace(/[^a-z0-9-]+/gi, '_')}.json`);
  writeFileSync(file, JSON.stringify(entry, null, 2));
}
