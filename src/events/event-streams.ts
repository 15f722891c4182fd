import {
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { ApiKeyChanges, type ApiKeyChange } from '../auth/api-key-changes.js';
import { INVALID_KEY_MESSAGE } from '../auth/api-key.guard.js';
import { ApiKeysService, type KeyLifetime } from '../auth/api-keys.service.js';
import type { AuthContext } from '../auth/auth-context.js';
import type { EnvironmentVariables } from '../config/env.schema.js';
import type { AppEvent } from './app-events.js';
import { EventPayloads } from './event-payloads.js';
import { EventsService } from './events.service.js';
import { SseStream, type StreamEndReason } from './sse-stream.js';

const PING_INTERVAL_MS = 15_000;
/** setTimeout's ceiling (about 24.8 days): a later expiry is re-checked when this fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Re-reads of a key whose change notice arrived while it was being read. */
const MAX_LOOKUPS = 3;

/** The open streams of one key, and what ends them with it. */
interface KeyStreams {
  keyId: string;
  keyHash?: string;
  streams: Set<SseStream>;
  /** Opens that passed the cap and are still looking the key up. */
  pending: number;
  /** Key notices seen for this key; a check that started before the latest one is stale. */
  notices: number;
  expiryTimer?: NodeJS.Timeout;
}

/** One subscription per user on this instance: an event's payload is loaded once for all its streams. */
interface UserFeed {
  streams: Set<SseStream>;
  unsubscribe: () => void;
}

/**
 * Every open event stream on this instance, by key and by user. A stream lives no longer
 * than its key: it ends when the key's expiry passes (a timer) and is re-checked whenever a
 * notice says the key changed (revoked, rotated, given an end), from any instance.
 */
@Injectable()
export class EventStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventStreams.name);
  private readonly byKey = new Map<string, KeyStreams>();
  private readonly keyIdByHash = new Map<string, string>();
  private readonly feeds = new Map<string, UserFeed>();
  private readonly perKey: number;
  /** Every key notice heard; an open whose lookup overlapped one reads the key again. */
  private notices = 0;
  private unsubscribeChanges?: () => void;
  private ping?: NodeJS.Timeout;

  constructor(
    config: ConfigService<EnvironmentVariables, true>,
    private readonly events: EventsService,
    private readonly payloads: EventPayloads,
    private readonly apiKeys: ApiKeysService,
    private readonly changes: ApiKeyChanges,
  ) {
    this.perKey = config.get('EVENT_STREAMS_PER_KEY', { infer: true });
  }

  onModuleInit(): void {
    this.unsubscribeChanges = this.changes.subscribe((change) => this.onKeyChange(change));
    this.ping = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    this.ping.unref();
  }

  onApplicationShutdown(): void {
    this.unsubscribeChanges?.();
    clearInterval(this.ping);
    for (const entry of [...this.byKey.values()]) this.endAll(entry, 'shutdown');
  }

  /** Streams open for a key on this instance (for tests and metrics). */
  openCount(keyId: string): number {
    return this.byKey.get(keyId)?.streams.size ?? 0;
  }

  /**
   * Opens a stream for the caller, or throws (before anything is written) 429 over the
   * per-key cap and 401 when the key stopped being usable since the guard let it in.
   */
  async open(auth: AuthContext, response: Response): Promise<SseStream> {
    const entry = this.entryFor(auth.keyId);
    if (entry.streams.size + entry.pending >= this.perKey) {
      this.forgetIfIdle(entry);
      response.setHeader('Retry-After', '5');
      throw new HttpException(
        `too many open event streams for this key (at most ${this.perKey})`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    entry.pending++;
    let lifetime: KeyLifetime | null;
    try {
      lifetime = await this.currentLifetime(entry);
    } finally {
      entry.pending--;
    }
    if (!lifetime) {
      this.forgetIfIdle(entry);
      throw new UnauthorizedException(INVALID_KEY_MESSAGE);
    }
    const stream = new SseStream(response);
    stream.begin();
    entry.streams.add(stream);
    const feed = this.feedFor(auth.userId);
    feed.streams.add(stream);
    stream.onEnd((reason) => this.detach(entry, auth.userId, stream, reason));
    this.applyLifetime(entry, lifetime);
    return stream;
  }

  private entryFor(keyId: string): KeyStreams {
    let entry = this.byKey.get(keyId);
    if (!entry) {
      entry = { keyId, streams: new Set(), pending: 0, notices: 0 };
      this.byKey.set(keyId, entry);
    }
    return entry;
  }

  /** The key's lifetime as the database has it now, read again if a notice came in meanwhile. */
  private async currentLifetime(entry: KeyStreams): Promise<KeyLifetime | null> {
    let lifetime: KeyLifetime | null = null;
    for (let attempt = 0; attempt < MAX_LOOKUPS; attempt++) {
      // Counted across all keys: before this lookup answers we may not know the key's hash.
      const seen = this.notices;
      lifetime = await this.apiKeys.lifetime(entry.keyId);
      if (lifetime) {
        entry.keyHash = lifetime.keyHash;
        this.keyIdByHash.set(lifetime.keyHash, entry.keyId);
      }
      if (this.notices === seen) return lifetime;
    }
    return lifetime;
  }

  private applyLifetime(entry: KeyStreams, lifetime: KeyLifetime | null): void {
    clearTimeout(entry.expiryTimer);
    entry.expiryTimer = undefined;
    if (!lifetime) return this.endAll(entry, 'key_ended');
    if (!lifetime.expiresAt || entry.streams.size === 0) return;
    const remaining = lifetime.expiresAt.getTime() - Date.now();
    if (remaining <= 0) return this.endAll(entry, 'key_ended');
    entry.expiryTimer = setTimeout(
      () => (remaining > MAX_TIMER_MS ? void this.recheck(entry) : this.endAll(entry, 'key_ended')),
      Math.min(remaining, MAX_TIMER_MS),
    );
    entry.expiryTimer.unref();
  }

  private onKeyChange(change: ApiKeyChange): void {
    this.notices++;
    if ('resync' in change) {
      for (const entry of this.byKey.values()) void this.recheck(entry);
      return;
    }
    const keyId = this.keyIdByHash.get(change.keyHash);
    const entry = keyId ? this.byKey.get(keyId) : undefined;
    if (entry) void this.recheck(entry);
  }

  private async recheck(entry: KeyStreams): Promise<void> {
    const notice = ++entry.notices;
    try {
      const lifetime = await this.apiKeys.lifetime(entry.keyId);
      // A later notice started its own check; the latest one decides.
      if (entry.notices === notice) this.applyLifetime(entry, lifetime);
    } catch (error) {
      // The database is unreachable: nothing can confirm the key, so it does not stream.
      this.logger.warn(
        `could not re-check a key with open event streams: ${(error as Error).message}`,
      );
      this.endAll(entry, 'key_ended');
    }
  }

  private endAll(entry: KeyStreams, reason: StreamEndReason): void {
    for (const stream of [...entry.streams]) stream.end(reason);
    if (reason === 'key_ended')
      this.logger.log(
        { key_id: entry.keyId },
        'event streams closed: their key was revoked, rotated or expired',
      );
  }

  private detach(
    entry: KeyStreams,
    userId: string,
    stream: SseStream,
    reason: StreamEndReason,
  ): void {
    entry.streams.delete(stream);
    this.forgetIfIdle(entry);
    const feed = this.feeds.get(userId);
    feed?.streams.delete(stream);
    if (feed && feed.streams.size === 0) {
      feed.unsubscribe();
      this.feeds.delete(userId);
    }
    if (reason === 'slow_consumer')
      this.logger.warn({ key_id: entry.keyId }, 'event stream dropped: the client stopped reading');
  }

  private forgetIfIdle(entry: KeyStreams): void {
    if (entry.streams.size > 0 || entry.pending > 0) return;
    clearTimeout(entry.expiryTimer);
    this.byKey.delete(entry.keyId);
    if (entry.keyHash) this.keyIdByHash.delete(entry.keyHash);
  }

  private feedFor(userId: string): UserFeed {
    let feed = this.feeds.get(userId);
    if (!feed) {
      const streams = new Set<SseStream>();
      const unsubscribe = this.events.subscribe(
        userId,
        (event) => void this.deliver(userId, streams, event),
      );
      feed = { streams, unsubscribe };
      this.feeds.set(userId, feed);
    }
    return feed;
  }

  private async deliver(userId: string, streams: Set<SseStream>, event: AppEvent): Promise<void> {
    const data = await this.payloads.load(userId, event);
    if (data === null) return;
    const frame = `event: ${event.type}\nid: ${event.id}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of [...streams]) stream.send(frame);
  }

  private pingAll(): void {
    for (const feed of this.feeds.values())
      for (const stream of [...feed.streams]) stream.send(': ping\n\n');
  }
}
