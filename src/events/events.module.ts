import { Global, Module } from '@nestjs/common';
import { EventsService } from './events.service.js';

/** Publishing is for every module; the stream that delivers events lives in EventsStreamModule. */
@Global()
@Module({ providers: [EventsService], exports: [EventsService] })
export class EventsModule {}
