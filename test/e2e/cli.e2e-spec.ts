import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CliModule } from '../../src/cli/cli.module.js';
import { runKeyCommand } from '../../src/cli/keys.commands.js';
import { runMigrationCommand } from '../../src/cli/migrations.command.js';
import { MIGRATIONS } from '../../src/database/migrations.js';
import { createScratchDatabase } from '../support/scratch-database.js';

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1",
    );
    return rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

async function appliedMigrations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number(
      (await client.query<{ count: string }>('SELECT count(*) FROM migrations')).rows[0]!.count,
    );
  } finally {
    await client.end();
  }
}

/** The CLI's commands, in-process on a database of their own (the child-process run is in embedded-database). */
describe('CLI commands', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let context: INestApplicationContext;
  const lines: string[] = [];
  const out = (line: string) => void lines.push(line);
  const run = (
    command: string,
    positional: string[] = [],
    options: Record<string, string | boolean> = {},
  ) => runKeyCommand(context, command, positional, options, out);

  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });

  afterAll(async () => {
    await context?.close();
    await scratch.drop();
  });

  it('migration:run, check, revert and run again', async () => {
    expect(await runMigrationCommand(scratch.url, 'run', out)).toBe(0);
    expect(lines.pop()).toContain('applied CreateUsersAndApiKeys');
    const migrated = await tables(scratch.url);
    expect(migrated).toEqual(expect.arrayContaining(['api_keys', 'thoughts', 'users']));
    expect(await runMigrationCommand(scratch.url, 'check', out)).toBe(0);
    expect(lines.pop()).toBe('entities and migrations agree');
    expect(await runMigrationCommand(scratch.url, 'revert', out)).toBe(0);
    // Only the newest migration is undone: one ledger row fewer, the first tables still there.
    expect(await appliedMigrations(scratch.url)).toBe(MIGRATIONS.length - 1);
    expect(await tables(scratch.url)).toEqual(
      expect.arrayContaining(['api_keys', 'users', 'thoughts']),
    );
    expect(await runMigrationCommand(scratch.url, 'run', out)).toBe(0);
    expect(await appliedMigrations(scratch.url)).toBe(MIGRATIONS.length);
    expect(await tables(scratch.url)).toEqual(migrated);
    expect(await runMigrationCommand(scratch.url, 'run', out)).toBe(0);
    expect(lines.pop()).toBe('no pending migrations');
  });

  it('users:create, keys:create, keys:list, keys:rotate and keys:revoke', async () => {
    const saved = { ...process.env };
    process.env.NODE_ENV = 'test';
    process.env.BOOTSTRAP_ADMIN_KEY = 'pai_cli_test_admin_key_0123456789abcdefghij';
    try {
      context = await NestFactory.createApplicationContext(CliModule.forRoot(scratch.url), {
        logger: false,
      });
    } finally {
      process.env = saved;
    }
    lines.length = 0;
    await run('users:create', [], { name: 'Cli User', email: 'cli@example.test' });
    expect(lines.join('\n')).toMatch(/API key \(shown once, store it now\): pai_[A-Za-z0-9_-]{32}/);

    lines.length = 0;
    await run('keys:create', [], {
      user: 'CLI@example.test',
      name: 'phone',
      admin: true,
      'expires-at': '2999-01-01T00:00:00Z',
    });
    expect(lines).toEqual(
      expect.arrayContaining(['scope:   admin', 'expires: 2999-01-01T00:00:00.000Z']),
    );
    const keyId = lines[0]!.replace('key id:  ', '');

    lines.length = 0;
    await run('keys:list', [], { user: 'cli@example.test' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${keyId}  pai_\\S{8}  admin  active  phone`));

    lines.length = 0;
    await run('keys:rotate', [keyId], { 'grace-seconds': '60' });
    const newId = lines[0]!.replace('key id:  ', '');
    expect(newId).not.toBe(keyId);

    lines.length = 0;
    await run('keys:revoke', [newId]);
    expect(lines).toEqual(['revoked']);
    lines.length = 0;
    await run('keys:list', []);
    expect(lines.find((line) => line.startsWith(newId))).toContain('revoked');
  });

  it('explains bad input', async () => {
    await expect(run('users:create', [], { email: 'x@example.test' })).rejects.toThrow(
      '--name is required',
    );
    await expect(run('keys:create', [], { user: 'nobody@example.test' })).rejects.toThrow(
      'user not found',
    );
    await expect(
      run('keys:create', [], { user: 'cli@example.test', 'expires-at': 'yesterday' }),
    ).rejects.toThrow('--expires-at');
    await expect(run('keys:rotate', ['x'], { 'grace-seconds': '-1' })).rejects.toThrow(
      '--grace-seconds',
    );
    await expect(run('keys:revoke', [])).rejects.toThrow('<key-id> is required');
    await expect(run('keys:explode')).rejects.toThrow('unknown command "keys:explode"');
  });
});
