import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.js';

const LUA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wrk.lua');

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  /** Responses >= 400 plus socket errors and timeouts: any of these invalidates the figures. */
  failures: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadSpec {
  label: string;
  baseUrl: string;
  mode: 'post' | 'get';
  keys: string[];
  paths: string[];
  connections: number;
  seconds: number;
  threads?: number;
}

export function assertWrk(): void {
  if (spawnSync('wrk', ['-v']).error) {
    throw new Error(
      'wrk is not installed: run "apt-get update && apt-get install -y wrk" (Debian/Ubuntu)',
    );
  }
}

/** One bounded wrk run (its -d, plus a hard kill) against 127.0.0.1; latencies in ms. */
export async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const { result } = await runWrkScript({
    label: spec.label,
    baseUrl: spec.baseUrl,
    connections: spec.connections,
    seconds: spec.seconds,
    threads: spec.threads,
    script: LUA,
    files: { keys: spec.keys.join('\n') + '\n', paths: spec.paths.join('\n') + '\n' },
    args: (file) => [spec.mode, file('keys'), file('paths')],
  });
  return result;
}

export interface ScriptSpec {
  label: string;
  baseUrl: string;
  connections: number;
  seconds: number;
  /** At most `connections`; 2 by default (the bench machine has two cores). */
  threads?: number;
  /** Path of a Lua script whose done() prints the BENCH_JSON line (wrk_common.lua's report). */
  script: string;
  /** Written (mode 0600: they hold API keys) to a private temp dir removed afterwards. */
  files: Record<string, string>;
  /** The script's arguments (after `--`); `file(name)` is the path of `files[name]`. */
  args: (file: (name: string) => string) => string[];
}

/** The threads wrk runs for a spec: scripts that split work per thread need the same number. */
export const wrkThreads = (spec: { threads?: number; connections: number }) =>
  Math.min(spec.threads ?? 2, spec.connections);

/**
 * Any wrk script, bounded like runWrk; `raw` is the whole BENCH_JSON object, for the
 * extra counters a script adds to it.
 */
export async function runWrkScript(
  spec: ScriptSpec,
): Promise<{ result: LoadResult; raw: Record<string, number> }> {
  const url = new URL(spec.baseUrl);
  if (url.hostname !== '127.0.0.1')
    throw new Error(`refusing to load anything but 127.0.0.1 (${spec.baseUrl})`);
  const dir = await mkdtemp(path.join(tmpdir(), 'pai-wrk-'));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  const forget = onCleanup(removeDir);
  try {
    for (const [name, content] of Object.entries(spec.files))
      await writeFile(path.join(dir, name), content, { mode: 0o600 });
    const file = (name: string) => path.join(dir, name);
    const threads = wrkThreads(spec);
    const args = ['-t', String(threads), '-c', String(spec.connections), '-d', `${spec.seconds}s`];
    args.push('--timeout', '10s', '-s', spec.script, spec.baseUrl, '--', ...spec.args(file));
    const stdout = await runBounded('wrk', args, (spec.seconds + 30) * 1000);
    const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const raw = JSON.parse(line.slice('BENCH_JSON '.length)) as Record<string, number>;
    const ms = (us: number) => us / 1000;
    const result: LoadResult = {
      label: spec.label,
      connections: spec.connections,
      seconds: spec.seconds,
      requests: raw.requests!,
      rps: raw.requests! / (raw.duration_us! / 1e6),
      failures: raw.status! + raw.connect! + raw.read! + raw.write! + raw.timeout!,
      p50: ms(raw.p50!),
      p75: ms(raw.p75!),
      p90: ms(raw.p90!),
      p95: ms(raw.p95!),
      p99: ms(raw.p99!),
      max: ms(raw.max!),
    };
    return { result, raw };
  } finally {
    await removeDir();
    forget();
  }
}

function runBounded(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const forget = onCleanup(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      forget();
      if (code === 0) resolve(out);
      else reject(new Error(`${command} exited with ${code}:\n${out}`));
    });
  });
}
