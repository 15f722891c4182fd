import type { INestApplicationContext } from '@nestjs/common';
import { API_KEY_SCOPES, type ApiKeyScope } from '../auth/api-key.entity.js';
import { ApiKeysService, type IssuedApiKey } from '../auth/api-keys.service.js';
import { UsersService } from '../auth/users.service.js';

export interface CommandOptions {
  user?: string;
  name?: string;
  email?: string;
  admin?: boolean;
  scope?: string;
  'expires-at'?: string;
  'grace-seconds'?: string;
}

type Out = (line: string) => void;

function scopeOf(options: CommandOptions): ApiKeyScope {
  if (options.scope === undefined) return options.admin ? 'admin' : 'user';
  if (options.admin && options.scope !== 'admin')
    throw new Error('--admin and --scope disagree: use one of them');
  if (!(API_KEY_SCOPES as readonly string[]).includes(options.scope))
    throw new Error(`--scope must be one of ${API_KEY_SCOPES.join(', ')}`);
  return options.scope as ApiKeyScope;
}

function printIssued(out: Out, issued: IssuedApiKey): void {
  out(`key id:  ${issued.record.id}`);
  out(`scope:   ${issued.record.scope}`);
  out(`expires: ${issued.record.expiresAt?.toISOString() ?? 'never'}`);
  out(`API key (shown once, store it now): ${issued.key}`);
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new Error(`${flag} is required`);
  return value;
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date <= new Date())
    throw new Error('--expires-at must be a future ISO-8601 time');
  return date;
}

/** The user and key commands of `npm run cli`, on the same services as the admin API. */
export async function runKeyCommand(
  context: INestApplicationContext,
  command: string,
  positional: string[],
  options: CommandOptions,
  out: Out,
): Promise<void> {
  const users = context.get(UsersService);
  const keys = context.get(ApiKeysService);
  switch (command) {
    case 'users:create': {
      const { user, apiKey } = await users.createWithKey({
        name: required(options.name, '--name'),
        email: required(options.email, '--email'),
        keyScope: scopeOf(options),
      });
      out(`user id: ${user.id} (${user.email})`);
      printIssued(out, apiKey);
      return;
    }
    case 'keys:create': {
      const user = await users.getByEmail(required(options.user, '--user <email>'));
      printIssued(
        out,
        await keys.create({
          userId: user.id,
          name: options.name ?? 'cli',
          scope: scopeOf(options),
          expiresAt: parseDate(options['expires-at']),
        }),
      );
      return;
    }
    case 'keys:list': {
      const userId = options.user ? (await users.getByEmail(options.user)).id : undefined;
      let cursor: string | undefined;
      do {
        const page = await keys.list(200, cursor, userId);
        for (const key of page.items) {
          const state = key.revokedAt
            ? 'revoked'
            : key.expiresAt && key.expiresAt <= new Date()
              ? 'expired'
              : 'active';
          out(
            [
              key.id,
              key.prefix,
              key.scope,
              state,
              key.name,
              `user=${key.userId}`,
              `last_used=${key.lastUsedAt?.toISOString() ?? '-'}`,
            ].join('  '),
          );
        }
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return;
    }
    case 'keys:rotate': {
      const grace = Number(options['grace-seconds'] ?? 0);
      if (!Number.isInteger(grace) || grace < 0)
        throw new Error('--grace-seconds must be a whole number of seconds');
      printIssued(out, await keys.rotate(required(positional[0], '<key-id>'), grace));
      return;
    }
    case 'keys:revoke': {
      await keys.revoke(required(positional[0], '<key-id>'));
      out('revoked');
      return;
    }
    default:
      throw new Error(`unknown command "${command}"`);
  }
}
