import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { EventPayloads } from './event-payloads.js';
import { EventStreamController } from './event-stream.controller.js';
import { EventStreams } from './event-streams.js';

@Module({
  imports: [AuthModule, ThoughtsModule, TasksModule, SuggestionsModule],
  controllers: [EventStreamController],
  providers: [EventPayloads, EventStreams],
  exports: [EventPayloads],
})
export class EventsStreamModule {}
