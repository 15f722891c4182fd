import type { RecordKind } from './source-record.js';

/** Enough problems to fix a file by; a file with more says how many it left out. */
const PROBLEMS_KEPT = 500;

export type RecordOutcome = 'created' | 'already_imported';

/** What an import found, as the operation's result shows it. */
export class ImportStats {
  total = 0;
  private readonly created: Partial<Record<RecordKind, number>> = {};
  private readonly alreadyImported: Partial<Record<RecordKind, number>> = {};
  private readonly problems: { record: string; message: string }[] = [];
  private problemCount = 0;
  private fatal: string | null = null;

  count(outcome: RecordOutcome, kind: RecordKind): void {
    const counts = outcome === 'created' ? this.created : this.alreadyImported;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }

  problem(record: string, message: string): void {
    this.problemCount++;
    if (this.problems.length < PROBLEMS_KEPT) this.problems.push({ record, message });
  }

  failed(message: string): void {
    this.fatal = message;
  }

  get failures(): number {
    return this.problemCount;
  }

  get done(): number {
    return this.total - this.problemCount;
  }

  result(dryRun: boolean): Record<string, unknown> {
    return {
      dry_run: dryRun,
      // A dry run writes nothing: its "created" counts are what a real run would create.
      [dryRun ? 'would_create' : 'created']: this.created,
      already_imported: this.alreadyImported,
      problem_count: this.problemCount,
      problems: this.problems,
      ...(this.problemCount > this.problems.length
        ? { problems_left_out: this.problemCount - this.problems.length }
        : {}),
      ...(this.fatal ? { error: this.fatal } : {}),
    };
  }
}
