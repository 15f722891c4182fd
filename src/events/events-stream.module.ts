import { Module } from '@nestjs/common';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { EventPayloads } from './event-payloads.js';
import { EventStreamController } from './event-stream.controller.js';

@Module({
  imports: [ThoughtsModule, TasksModule, SuggestionsModule],
  controllers: [EventStreamController],
  providers: [EventPayloads],
  exports: [EventPayloads],
})
export class EventsStreamModule {}
