import { existsSync } from 'node:fs';
import pg from 'pg';
import { generateApiKey } from '../../src/auth/api-key-secret.js';
import { onCleanup } from './cleanup.js';

const SOCKET_DIR = '/var/run/postgresql';

/**
 * The machine's PostgreSQL over its Unix socket when it has one, as the README tells a
 * same-host install to connect: loopback TCP costs the app about 0.1 ms more CPU per
 * statement (measured: list of 50, 1.34 -> 0.97 ms of server CPU). The server under test,
 * the floors and the seeding all use this URL; BENCH_DATABASE_URL overrides it.
 */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  (existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgresql://postgres@localhost/postgres?host=${SOCKET_DIR}`
    : 'postgres://postgres@127.0.0.1:5432/postgres');

/** How the bench reaches PostgreSQL, for the report's header (never the password). */
export function databaseTransport(): string {
  const url = new URL(ADMIN_URL);
  const socket = url.searchParams.get('host');
  return socket?.startsWith('/')
    ? `PostgreSQL over the Unix socket in ${socket}`
    : `PostgreSQL over TCP at ${url.hostname}:${url.port || 5432}`;
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values?: unknown[],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A throw-away database per run, so runs never see each other's rows or plans. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `pai_bench_${Date.now()}`;
  await query(ADMIN_URL, `CREATE DATABASE ${name}`);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    // FORCE: a child that died mid-run may still hold connections.
    await query(ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  onCleanup(drop);
  return { name, url: withDatabase(ADMIN_URL, name), drop };
}

export interface BenchUser {
  userId: string;
  key: string;
}

/**
 * Users with one 'user'-scope key each, written straight to SQL in one statement (the
 * admin API would be one round trip per user). Keys come from the app's own generator so
 * the format and hashing cannot drift from what the guard accepts.
 */
export async function createUsersWithKeys(url: string, count: number): Promise<BenchUser[]> {
  const keys = Array.from({ length: count }, () => generateApiKey());
  const rows = await query<{ user_id: string; ord: number }>(
    url,
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(key_hash, prefix, ord)
     ), users_in AS (
       INSERT INTO users (name, email)
       SELECT 'Bench user ' || ord, 'bench-' || ord || '@bench.invalid' FROM input
       RETURNING id, email
     ), keys_in AS (
       INSERT INTO api_keys (user_id, name, prefix, key_hash, scope)
       SELECT u.id, 'bench', i.prefix, i.key_hash, 'user'
       FROM input i JOIN users_in u ON u.email = 'bench-' || i.ord || '@bench.invalid'
       RETURNING user_id
     )
     SELECT u.id AS user_id, substring(u.email FROM 'bench-(\\d+)@')::int AS ord
     FROM users_in u WHERE u.id IN (SELECT user_id FROM keys_in) ORDER BY ord`,
    [keys.map((k) => k.hash), keys.map((k) => k.prefix)],
  );
  if (rows.length !== count) throw new Error(`created ${rows.length} of ${count} bench users`);
  return rows.map((row) => ({ userId: row.user_id, key: keys[row.ord - 1]!.key }));
}
