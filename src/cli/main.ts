import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { validateEnv } from '../config/env.schema.js';
import { resolveDatabaseLocation } from '../database/database-location.js';
import { CliModule } from './cli.module.js';
import { runBackupCommand } from './backup.commands.js';
import { runKeyCommand } from './keys.commands.js';
import { type MigrationAction, runMigrationCommand } from './migrations.command.js';

const USAGE = `usage: npm run cli -- <command> [options]
  users:create --name <name> --email <email> [--admin | --scope admin|user|read|capture]
  keys:create  --user <email> [--name <label>] [--admin | --scope admin|user|read|capture] [--expires-at <ISO time>]
  keys:list    [--user <email>]
  keys:rotate  <key-id> [--grace-seconds <n>]
  keys:revoke  <key-id>
  migration:run | migration:revert | migration:check
  backup                           snapshot the database into BACKUP_DIR
  restore <file> [--force]         restore a snapshot into an empty database (--force: replace its contents)`;

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      admin: { type: 'boolean' },
      scope: { type: 'string' },
      'expires-at': { type: 'string' },
      'grace-seconds': { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    out(USAGE);
    return command ? 0 : 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  // Shares the server's embedded PostgreSQL when it is running, or starts it for this command.
  const database = await resolveDatabaseLocation(env);
  try {
    if (command.startsWith('migration:')) {
      return await runMigrationCommand(
        database.url,
        command.slice('migration:'.length) as MigrationAction,
        out,
      );
    }
    if (command === 'backup' || command === 'restore') {
      return await runBackupCommand(command, database.url, env, rest, values, out);
    }
    const context = await NestFactory.createApplicationContext(CliModule.forRoot(database.url), {
      logger: ['error'],
    });
    try {
      await runKeyCommand(context, command, rest, values, out);
      return 0;
    } finally {
      await context.close();
    }
  } finally {
    await database.embedded?.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
