import { execFile, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian/Ubuntu put the newest installed PostgreSQL's server programs (PG_BIN overrides). */
export const PG_BIN = process.env.PG_BIN ?? newestDebianPostgres() ?? '/usr/lib/postgresql/15/bin';

function newestDebianPostgres(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: then every program runs as the `postgres` user. */
const AS_ROOT = process.getuid?.() === 0;

/** Why clusters of our own cannot be made here, or null when they can. */
export function missingPostgresPrograms(): string | null {
  const missing = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].filter(
    (name) => !existsSync(path.join(PG_BIN, name)),
  );
  if (missing.length > 0)
    return `PostgreSQL server programs not found in ${PG_BIN} (${missing.join(', ')}); set PG_BIN`;
  if (AS_ROOT) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a postgres system user to run PostgreSQL as';
    }
  }
  return null;
}

async function pg(program: string, args: string[]): Promise<string> {
  const binary = path.join(PG_BIN, program);
  // cwd '/': as `postgres`, the programs may not be allowed into the caller's folder.
  const options = { timeout: 120_000, cwd: '/' };
  const { stdout } = AS_ROOT
    ? await run('runuser', ['-u', 'postgres', '--', binary, ...args], options)
    : await run(binary, args, options);
  return stdout;
}

/**
 * A throwaway PostgreSQL cluster under a temp folder, on a port of its own: the machine's
 * server (5432) is shared and never touched, so every reliability spec that takes PostgreSQL
 * away makes its clusters here. `start`/`stop` are real postmaster starts and shutdowns, so
 * a test can take it away and bring it back; the work dir's `remove` deletes everything.
 */
export class PrivateCluster {
  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    await pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      this.logFile,
      '-o',
      `-p ${this.port}`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!existsSync(path.join(this.dataDir, 'postmaster.pid'))) return;
    await pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }
}

/** A temp folder the cluster programs (maybe running as `postgres`) can write in. */
export function clusterWorkDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (AS_ROOT) {
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), -1);
    chmodSync(dir, 0o755);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * initdb (trust auth, no fsync: a test's data), the settings every private cluster needs (TCP
 * on 127.0.0.1 only, its socket in `workDir`, no fsync) plus `settings`, then a start.
 */
async function createCluster(
  workDir: string,
  name: string,
  port: number,
  settings: string[],
): Promise<PrivateCluster> {
  const dataDir = path.join(workDir, name);
  await pg('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${workDir}'`,
      'fsync = off',
      ...settings,
      '',
    ].join('\n'),
  );
  const cluster = new PrivateCluster(dataDir, port, path.join(workDir, `${name}.log`));
  await cluster.start();
  return cluster;
}

/** One cluster that a fault spec stops and starts under load; room for the server's pools. */
export const createLoneCluster = (workDir: string, port: number): Promise<PrivateCluster> =>
  createCluster(workDir, 'data', port, ['max_connections = 200']);

/**
 * A primary set up for streaming replication: WAL for replicas, trust for local replication
 * connections (initdb --auth=trust writes those pg_hba lines).
 */
export const createPrimary = (workDir: string, port: number): Promise<PrivateCluster> =>
  createCluster(workDir, 'primary', port, [
    'wal_level = replica',
    'max_wal_senders = 4',
    'hot_standby = on',
    'synchronous_commit = off',
    'full_page_writes = off',
    'shared_buffers = 32MB',
    'max_connections = 60',
  ]);

/** A hot standby streaming from `primary`, made with `pg_basebackup -R` (it writes the standby settings). */
export async function createStandby(
  workDir: string,
  primary: PrivateCluster,
  port: number,
): Promise<PrivateCluster> {
  const dataDir = path.join(workDir, 'standby');
  await pg('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '--no-sync',
  ]);
  const cluster = new PrivateCluster(dataDir, port, path.join(workDir, 'standby.log'));
  await cluster.start();
  return cluster;
}
