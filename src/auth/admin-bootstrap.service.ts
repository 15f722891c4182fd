import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { ApiKeysService } from './api-keys.service.js';
import { writeBootstrapKeyFile } from './bootstrap-key-file.js';
import { UsersService } from './users.service.js';

/** Any constant works; it only has to be the same in every instance. */
const BOOTSTRAP_LOCK_ID = 7_203_114;
export const BOOTSTRAP_ADMIN_EMAIL = 'admin@localhost';

/**
 * On the first start (no admin key was ever created) makes the admin user and key: the one
 * from BOOTSTRAP_ADMIN_KEY, or a generated one written to DATA_DIR/bootstrap-admin-key
 * (mode 0600). Never to the log stream: stdout is the JSON log, kept by `docker logs` and
 * shipped to log stores. Only an interactive terminal is also shown the key, once.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const presetKey = this.config.get('BOOTSTRAP_ADMIN_KEY', { infer: true });
    const dataDir = this.config.get('DATA_DIR', { infer: true });
    let keyFile: string | undefined;
    const created = await this.dataSource.transaction(async (manager) => {
      // Two instances starting together on an empty database must not both bootstrap.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_ID]);
      if (await this.apiKeys.adminKeyEverCreated(manager)) return undefined;
      const inserted = await this.users.insertWithKey(
        manager,
        {
          name: 'Admin',
          email: BOOTSTRAP_ADMIN_EMAIL,
          keyScope: 'admin',
          keyName: 'bootstrap admin',
        },
        presetKey,
      );
      // Before the commit: a key nobody can read must not become the only admin key.
      if (!presetKey) keyFile = await this.writeKeyFile(dataDir, inserted.apiKey.key);
      return inserted;
    });
    if (!created) return;
    this.logger.log(
      {
        user_id: created.user.id,
        key_prefix: created.apiKey.record.prefix,
        ...(keyFile ? { key_file: keyFile } : {}),
      },
      keyFile
        ? `admin bootstrapped; its generated API key is in ${keyFile}`
        : 'admin bootstrapped with BOOTSTRAP_ADMIN_KEY',
    );
    if (keyFile && process.stdout.isTTY) showOnTerminal(created.apiKey.key, keyFile);
  }

  private async writeKeyFile(dataDir: string, key: string): Promise<string> {
    try {
      return await writeBootstrapKeyFile(dataDir, key);
    } catch (error) {
      throw new Error(
        `could not write the generated admin key under DATA_DIR (${dataDir}): ${(error as Error).message}. ` +
          'Make DATA_DIR writable for the server, or set BOOTSTRAP_ADMIN_KEY.',
        { cause: error },
      );
    }
  }
}

/** Only for a person at a terminal; a pipe or a log collector never gets this. */
function showOnTerminal(key: string, keyFile: string): void {
  process.stdout.write(
    [
      '',
      '================================================================',
      ' First start: an admin API key was generated. It is shown ONCE here.',
      ` ${key}`,
      ` It is also in ${keyFile} (readable by this user only).`,
      ' Use it as "Authorization: Bearer <key>".',
      '================================================================',
      '',
    ].join('\n'),
  );
}
