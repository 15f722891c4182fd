import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort } from '../../support/server-process.js';
import { waitFor } from '../../support/wait-for.js';

/** Why a private Redis cannot run here (for recordSkip), or undefined when it can. */
export function ownRedisUnavailable(): string | undefined {
  const probe = spawnSync('redis-server', ['--version']);
  return probe.error ? 'redis-server is not installed' : undefined;
}

/**
 * A redis-server of the test's own on a free port, so a fault spec can stop it and start it
 * again (same port) without touching the machine's Redis that others use. Nothing on disk.
 */
export class OwnRedis {
  port = 0;
  private child?: ChildProcess;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      async () => output.includes('Ready to accept connections') || child.exitCode !== null,
      Boolean,
      { timeoutMs: 10_000, what: 'redis-server to start' },
    );
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
