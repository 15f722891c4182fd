/**
 * CPU time from /proc (user + system), to show where a phase's time goes: the server
 * process's own, and PostgreSQL's (every process named "postgres": backends and background
 * workers, plus backends that exited, so other databases' activity on the machine counts
 * too; the bench assumes a quiet server). Linux only; NaN elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  command: string;
  cpuSeconds: number;
  /** Of children that exited and were waited for: how a backend that ended mid-phase still counts. */
  exitedChildrenCpuSeconds: number;
}

/** /proc/<pid>/stat: the command is in parentheses and may hold spaces; utime and stime follow. */
function parseStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const command = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  // After the command: state is field 3 of the man page, utime 14, stime 15, cutime 16, cstime 17.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const childTicks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) && Number.isFinite(childTicks)
    ? {
        command,
        cpuSeconds: ticks / TICKS_PER_SECOND,
        exitedChildrenCpuSeconds: childTicks / TICKS_PER_SECOND,
      }
    : null;
}

async function statOf(pid: number | string): Promise<ProcStat | null> {
  try {
    return parseStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

export async function processCpuSeconds(pid: number): Promise<number> {
  return (await statOf(pid))?.cpuSeconds ?? NaN;
}

export async function postgresCpuSeconds(): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return NaN;
  }
  const stats = await Promise.all(
    entries.filter((name) => /^\d+$/.test(name)).map((pid) => statOf(pid)),
  );
  // The postmaster's exited-children time keeps a backend that closed mid-phase in the sum.
  return stats.reduce(
    (sum, stat) =>
      stat?.command === 'postgres' ? sum + stat.cpuSeconds + stat.exitedChildrenCpuSeconds : sum,
    0,
  );
}

/** Starts counting; the returned function gives CPU ms per request for `requests`. */
export async function startCpuCount(
  pid: number,
): Promise<(requests: number) => Promise<{ serverMs: number; postgresMs: number }>> {
  const [server0, postgres0] = await Promise.all([processCpuSeconds(pid), postgresCpuSeconds()]);
  return async (requests) => {
    const [server1, postgres1] = await Promise.all([processCpuSeconds(pid), postgresCpuSeconds()]);
    return {
      serverMs: ((server1 - server0) * 1000) / requests,
      postgresMs: ((postgres1 - postgres0) * 1000) / requests,
    };
  };
}
