import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { DATABASE_URL } from '../database/database.tokens.js';
import { API_KEY_CHANGED_CHANNEL } from './api-keys.repository.js';
import { VerifiedKeyCache } from './verified-key-cache.js';

const RECONNECT_DELAY_MS = [100, 500, 1_000, 2_000, 5_000];

/**
 * Holds one connection that LISTENs for revoked/rotated keys, so every running instance
 * drops a key from its cache the moment the change commits. While it is disconnected the
 * cache is off and every request is checked against the database.
 */
@Injectable()
export class ApiKeyInvalidationListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyInvalidationListener.name);
  private client?: pg.Client;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly cache: VerifiedKeyCache,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.cache.setListening(false);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'pai-key-listener',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === API_KEY_CHANGED_CHANNEL && message.payload) this.cache.evict(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${API_KEY_CHANGED_CHANNEL}`);
      this.client = client;
      this.attempt = 0;
      this.cache.setListening(true);
    } catch (error) {
      this.logger.warn(`key invalidation listener could not connect: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private lost(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.cache.setListening(false);
    client.end().catch(() => undefined);
    if (!this.stopped) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = RECONNECT_DELAY_MS[Math.min(this.attempt++, RECONNECT_DELAY_MS.length - 1)];
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }
}
