import pg from 'pg';

const RECONNECT_DELAY_MS = [100, 500, 1_000, 2_000, 5_000];

export interface PgChannelListenerOptions {
  url: string;
  channel: string;
  applicationName: string;
  onNotification: (payload: string) => void;
  /** Called with true once listening, false whenever the connection is lost. */
  onListening?: (listening: boolean) => void;
  onError?: (message: string) => void;
}

/**
 * One dedicated connection LISTENing on a channel, reconnecting with backoff when it drops.
 * NOTIFY reaches every process on the database, which is how instances tell each other things.
 */
export class PgChannelListener {
  private client?: pg.Client;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly options: PgChannelListenerOptions) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.options.onListening?.(false);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload !== undefined)
        this.options.onNotification(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.options.channel)}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.attempt = 0;
      this.options.onListening?.(true);
    } catch (error) {
      this.options.onError?.(
        `could not listen on ${this.options.channel}: ${(error as Error).message}`,
      );
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private lost(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.options.onListening?.(false);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = RECONNECT_DELAY_MS[Math.min(this.attempt++, RECONNECT_DELAY_MS.length - 1)];
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }
}
