import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { databaseTransport } from './db.js';

/** A plain aligned text table: reports are read in a terminal or pasted into an issue. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return [
    line(cells[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

export const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

/** "PASS"/"FAIL" against a budget; "n/a" when the figure could not be measured. */
export function verdict(value: number, limit: number, better: 'lower' | 'higher'): string {
  if (!Number.isFinite(value)) return 'n/a';
  return (better === 'lower' ? value < limit : value >= limit) ? 'PASS' : 'FAIL';
}

/** Taken when the bench starts, before it adds load of its own. */
const LOAD_AT_START = loadavg();

/** What every report opens with: figures mean little without the machine they came from. */
export function machineLine(): string {
  let nproc = String(availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // no coreutils: availableParallelism is the same number on Linux
  }
  // Other work on the machine skews every figure: the load before the bench says if there was any.
  const [load1] = LOAD_AT_START;
  const busy = load1! > 0.5 ? ' (the machine was busy before the bench: figures are skewed)' : '';
  return (
    `machine: ${nproc} cores (nproc), node ${process.version}, ${process.platform}/${process.arch}, ` +
    `load average at start ${LOAD_AT_START.map((n) => n.toFixed(2)).join(' ')}${busy}; ` +
    databaseTransport()
  );
}

/** `--name value` and `--flag` from argv; numbers accept 1e6 and 100_000. */
export function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args.set(arg.slice(2), next);
      i++;
    } else args.set(arg.slice(2), 'true');
  }
  return args;
}

export function numberArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}
