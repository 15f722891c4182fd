import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SERVER_ENTRY = path.join(ROOT, 'dist/src/main.js');
export const CLI_ENTRY = path.join(ROOT, 'dist/src/cli/main.js');
export const WORKER_ENTRY = path.join(ROOT, 'dist/src/worker.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The built server (`node dist/src/main.js`) as a real child process, as a user runs it. */
export class ServerProcess {
  child?: ChildProcess;
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly cwd: string,
    private readonly entry: string = SERVER_ENTRY,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(this.port), HOST: '127.0.0.1' };
    delete env.DATABASE_URL;
    delete env.PAI_TEST_DATABASE_URL;
    Object.assign(env, this.env);
    this.child = spawn(process.execPath, [this.entry], {
      cwd: this.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Milliseconds from now until /api/v1/health answers 200. */
  async waitHealthy(timeoutMs = 30_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (this.child?.exitCode !== null) throw new Error(`server exited early:\n${this.output}`);
      try {
        const response = await fetch(`${this.baseUrl}/api/v1/health`);
        if (response.status === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`server not healthy after ${timeoutMs} ms:\n${this.output}`);
  }

  /** Sends the signal and resolves with the exit code (or the signal's name). */
  async stop(signal: NodeJS.Signals): Promise<number | string> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return child?.exitCode ?? 'not running';
    const exited = new Promise<number | string>((resolve) =>
      child.once('exit', (code, killedBy) => resolve(code ?? killedBy ?? 'unknown')),
    );
    child.kill(signal);
    return exited;
  }
}

/** Runs the built CLI to completion. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
    delete childEnv.DATABASE_URL;
    delete childEnv.PAI_TEST_DATABASE_URL;
    // After the deletions: a test may point the CLI at a database of its own.
    Object.assign(childEnv, env);
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
