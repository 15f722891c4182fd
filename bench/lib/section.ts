/**
 * What each benchmark hands to `npm run bench`: its report text and its budgets. The runner
 * prints every section and one summary table whose PASS/FAIL is computed here from the
 * figures, never typed in.
 */
export interface Budget {
  /** What is judged, with its stated load: "capture p99 at 100 req/s open loop". */
  what: string;
  /** The measured figure; NaN when it could not be measured (shown as n/a, counted as FAIL). */
  value: number;
  unit: string;
  better: 'lower' | 'higher';
  /** lower: value < limit passes (<= when `inclusive`); higher: value >= limit passes. */
  limit: number;
  /** For "at most" budgets (<= 3x): the limit itself passes. */
  inclusive?: boolean;
}

export interface BenchSection {
  title: string;
  /** The bench's own tables and notes, printed as they are (Markdown-friendly plain text). */
  text: string;
  budgets: Budget[];
  /** The API server's peak RSS over the section's phases, for the run-wide "RSS through every phase" row. */
  apiRssMb?: number;
  /** Wall-clock time the section took, set by the runner. */
  seconds?: number;
}

export function passes(budget: Budget): boolean {
  if (!Number.isFinite(budget.value)) return false;
  if (budget.better === 'higher') return budget.value >= budget.limit;
  return budget.inclusive ? budget.value <= budget.limit : budget.value < budget.limit;
}

/** The comparison a budget is judged by, as printed: "< 25", "<= 3", ">= 0.6". */
export function budgetLimit(budget: Budget): string {
  const op = budget.better === 'higher' ? '>=' : budget.inclusive ? '<=' : '<';
  return `${op} ${budget.limit} ${budget.unit}`.trim();
}

export function budgetVerdict(budget: Budget): 'PASS' | 'FAIL' | 'n/a' {
  if (!Number.isFinite(budget.value)) return 'n/a';
  return passes(budget) ? 'PASS' : 'FAIL';
}
