import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { PgChannelListener } from '../common/database/pg-channel-listener.js';
import { DATABASE_URL } from '../database/database.tokens.js';
import { ApiKeyChanges } from './api-key-changes.js';
import { API_KEY_CHANGED_CHANNEL } from './api-keys.repository.js';
import { VerifiedKeyCache } from './verified-key-cache.js';

/**
 * LISTENs for revoked/rotated keys, so every running instance drops a key from its cache
 * the moment the change commits. While disconnected the cache is off and every request is
 * checked against the database.
 */
@Injectable()
export class ApiKeyInvalidationListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyInvalidationListener.name);
  private readonly listener: PgChannelListener;

  constructor(
    @Inject(DATABASE_URL) databaseUrl: string,
    cache: VerifiedKeyCache,
    changes: ApiKeyChanges,
  ) {
    let heardBefore = false;
    this.listener = new PgChannelListener({
      url: databaseUrl,
      channel: API_KEY_CHANGED_CHANNEL,
      applicationName: 'pai-key-listener',
      onNotification: (keyHash) => {
        cache.evict(keyHash);
        changes.emit({ keyHash });
      },
      onListening: (listening) => {
        cache.setListening(listening);
        // Notices sent while we were deaf are lost: whoever holds a key open checks it again.
        if (listening && heardBefore) changes.emit({ resync: true });
        heardBefore ||= listening;
      },
      onError: (message) => this.logger.warn(message),
    });
  }

  onModuleInit(): Promise<void> {
    return this.listener.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.stop();
  }
}
