import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/env.schema.js';
import { ApiKeysService } from './api-keys.service.js';
import { UsersService } from './users.service.js';

/** Any constant works; it only has to be the same in every instance. */
const BOOTSTRAP_LOCK_ID = 7_203_114;
export const BOOTSTRAP_ADMIN_EMAIL = 'admin@localhost';

/**
 * On the first start (no admin key was ever created) makes the admin user and key: the one
 * from BOOTSTRAP_ADMIN_KEY, or a generated one printed once to the console.
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
    const created = await this.dataSource.transaction(async (manager) => {
      // Two instances starting together on an empty database must not both bootstrap.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_ID]);
      if (await this.apiKeys.adminKeyEverCreated(manager)) return undefined;
      return this.users.insertWithKey(
        manager,
        { name: 'Admin', email: BOOTSTRAP_ADMIN_EMAIL, keyScope: 'admin', keyName: 'bootstrap admin' },
        presetKey,
      );
    });
    if (!created) return;
    this.logger.log({ user_id: created.user.id, key_prefix: created.apiKey.record.prefix }, 'admin bootstrapped');
    if (!presetKey) printOnce(created.apiKey.key);
  }
}

/** Written to the terminal, not the logger: logs are shipped and kept, this must not be. */
function printOnce(key: string): void {
  process.stdout.write(
    [
      '',
      '================================================================',
      ' First start: an admin API key was generated. It is shown ONCE.',
      ` ${key}`,
      ' Store it now; use it as "Authorization: Bearer <key>".',
      '================================================================',
      '',
    ].join('\n'),
  );
}
