import { readFileSync } from 'node:fs';
import path from 'node:path';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The embedded PostgreSQL's postmaster under a server's DATA_DIR, from its postmaster.pid
 * (first line the pid, fourth the port); undefined when it is not running.
 */
export function postmasterOf(dataDir: string): { pid: number; port: number } | undefined {
  let text: string;
  try {
    // No existsSync first: PostgreSQL may remove the file between the two calls.
    text = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** After a test: a postmaster a killed server left running is shut down (SIGINT: fast). */
export function stopLeftoverPostmaster(dataDir: string): void {
  const pid = postmasterOf(dataDir)?.pid ?? 0;
  if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGINT');
}
