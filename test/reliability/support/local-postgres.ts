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
  const { stdout } = AS_ROOT
    ? await run('runuser', ['-u', 'postgres', '--', binary, ...args], { timeout: 120_000 })
    : await run(binary, args, { timeout: 120_000 });
  return stdout;
}

/**
 * A throwaway PostgreSQL cluster under a temp folder, on a port of its own: the machine's
 * server (5432) is shared and never touched. `start`/`stop` are real postmaster starts and
 * fast shutdowns, so a test can take it away and bring it back; `remove` deletes everything.
 */
export class LocalCluster {
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
 * A primary set up for streaming replication: WAL for replicas, trust for local replication
 * connections (initdb --auth=trust writes those pg_hba lines), durability off (a test's data).
 */
export async function createPrimary(workDir: string, port: number): Promise<LocalCluster> {
  const dataDir = path.join(workDir, 'primary');
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
      'wal_level = replica',
      'max_wal_senders = 4',
      'hot_standby = on',
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'shared_buffers = 32MB',
      'max_connections = 60',
      '',
    ].join('\n'),
  );
  const cluster = new LocalCluster(dataDir, port, path.join(workDir, 'primary.log'));
  await cluster.start();
  return cluster;
}

/** A hot standby streaming from `primary`, made with `pg_basebackup -R` (it writes the standby settings). */
export async function createStandby(
  workDir: string,
  primary: LocalCluster,
  port: number,
): Promise<LocalCluster> {
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
  const cluster = new LocalCluster(dataDir, port, path.join(workDir, 'standby.log'));
  await cluster.start();
  return cluster;
}
