import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PgChannelListener } from '../common/database/pg-channel-listener.js';
import { DATABASE_URL } from '../database/database.tokens.js';
import { APP_EVENT_TYPES, APP_EVENTS_CHANNEL, type AppEvent } from './app-events.js';

type Subscriber = (event: AppEvent) => void;

/**
 * Events across processes: publish is a NOTIFY (a worker process may do the analysis), and
 * each API process LISTENs and hands events to the streams of that user connected to it.
 */
@Injectable()
export class EventsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventsService.name);
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly listener: PgChannelListener;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_URL) databaseUrl: string,
  ) {
    this.listener = new PgChannelListener({
      url: databaseUrl,
      channel: APP_EVENTS_CHANNEL,
      applicationName: 'pai-events',
      onNotification: (payload) => this.dispatch(payload),
      onError: (message) => this.logger.warn(message),
    });
  }

  onModuleInit(): Promise<void> {
    return this.listener.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.stop();
  }

  /** Fire and forget: a lost notification costs a live update, never data. */
  publish(event: AppEvent): void {
    this.dataSource
      .query('SELECT pg_notify($1, $2)', [APP_EVENTS_CHANNEL, JSON.stringify(event)])
      .catch((error: Error) =>
        this.logger.warn(`could not publish ${event.type}: ${error.message}`),
      );
  }

  subscribe(userId: string, subscriber: Subscriber): () => void {
    const set = this.subscribers.get(userId) ?? new Set<Subscriber>();
    set.add(subscriber);
    this.subscribers.set(userId, set);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(userId);
    };
  }

  private dispatch(payload: string): void {
    let event: AppEvent;
    try {
      event = JSON.parse(payload) as AppEvent;
    } catch {
      return;
    }
    if (!APP_EVENT_TYPES.includes(event.type)) return;
    for (const subscriber of this.subscribers.get(event.userId) ?? []) subscriber(event);
  }
}
