import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Always the built server: tsx/esbuild emits no decorator metadata, so Nest cannot run from source. */
export const BUILT_SERVER = path.join(REPO_ROOT, 'dist/src/main.js');

/** The node flags of `npm start` (the heap limit), so the bench runs the server as users do. */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node' || args.at(-1) !== 'dist/src/main.js')
    throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return args.slice(0, -1);
})();

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** The last lines the child printed, for the error message when it fails. */
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, wait for exit (SIGKILL after a timeout); idempotent. */
  stop: () => Promise<void>;
}

/** Spawns a child that is stopped by cleanup even if the bench throws. */
export function spawnChild(args: string[], env: NodeJS.ProcessEnv, label: string): Child {
  const proc = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Pipes must be drained or a chatty child blocks; keep a tail for diagnostics.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  let stopping: Promise<void> | undefined;
  const forget = onCleanup(() => stop());
  const stop = () =>
    (stopping ??= (async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      forget();
    })());
  if (!proc.pid) throw new Error(`${label}: could not spawn`);
  return { proc, pid: proc.pid, output: () => tail.join('').slice(-4000), exited, stop };
}

/** A port the kernel says is free now (good enough on a quiet bench machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls until `url` answers 200; the interval bounds the error of a start-up time. */
export async function waitForOk(
  url: string,
  child: Child,
  timeoutMs: number,
  label: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`${label} exited (${exitCode}) before answering:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(
    `${label} did not answer 200 on ${url} within ${timeoutMs} ms:\n${child.output()}`,
  );
}

export interface StartedServer extends Child {
  baseUrl: string;
  readyMs: number;
}

/**
 * Starts the built API with `env` on a free 127.0.0.1 port and returns once
 * /api/v1/health answers 200, with the time that took from spawn.
 */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<StartedServer> {
  if (!existsSync(BUILT_SERVER))
    throw new Error(`${BUILT_SERVER} is missing: run "npm run -s build" first`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawnChild(
    [...SERVER_NODE_FLAGS, BUILT_SERVER],
    { ...process.env, NODE_ENV: 'production', ...env, HOST: '127.0.0.1', PORT: String(port) },
    'server',
  );
  try {
    await waitForOk(`${baseUrl}/api/v1/health`, child, timeoutMs, 'server');
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { ...child, baseUrl, readyMs: performance.now() - started };
}

/** Resident set size in MB from /proc, or NaN once the process is gone. */
export async function rssMb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** Samples RSS every 200 ms until the returned function is called; it returns the max. */
export function sampleRss(pid: number, everyMs = 200): () => Promise<number> {
  let max = 0;
  const take = async () => {
    const mb = await rssMb(pid);
    if (mb > max) max = mb;
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  return async () => {
    clearInterval(timer);
    await take();
    return max;
  };
}
