import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../support/server-process.js';

const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Where the PostgreSQL binaries a private cluster needs are missing, why (for recordSkip). */
export function ownPostgresUnavailable(): string | undefined {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(path.join(PG_BIN, tool)))
      return `${path.join(PG_BIN, tool)} not found (set PG_BIN)`;
  }
  return undefined;
}

/**
 * A PostgreSQL cluster of the test's own, in a temp dir on a free port, so a fault spec can
 * stop and start it without touching the machine's server that everyone else uses. As root,
 * the binaries run as the `postgres` user (PostgreSQL refuses root).
 */
export class OwnPostgres {
  port = 0;
  private dir = '';

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<this> {
    this.port = await freePort();
    this.dir = mkdtempSync(path.join(path.resolve('.test-tmp'), 'own-pg-'));
    chmodSync(this.dir, 0o777);
    await this.pg('initdb', [
      '-D',
      this.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    await this.start();
    return this;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=200`;
    await this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** Fast shutdown: PostgreSQL ends every session, as an operator's restart does. */
  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    if (!this.dir) return;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const binary = path.join(PG_BIN, tool);
    if (process.getuid?.() === 0)
      await run('runuser', ['-u', 'postgres', '--', binary, ...args], { cwd: '/' });
    else await run(binary, args, { cwd: '/' });
  }
}
