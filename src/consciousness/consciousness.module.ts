import { Module, type OnModuleInit } from '@nestjs/common';
import { AiModule } from '../ai/ai.module.js';
import { EventPayloads } from '../events/event-payloads.js';
import { EventsStreamModule } from '../events/events-stream.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { ConsciousnessChecksRepository } from './consciousness-checks.repository.js';
import { ConsciousnessController } from './consciousness.controller.js';
import { ConsciousnessJobs } from './consciousness.jobs.js';
import { toConsciousnessCheckResponse } from './consciousness.mapper.js';
import { ConsciousnessService } from './consciousness.service.js';

@Module({
  imports: [
    AiModule,
    ThoughtsModule,
    TasksModule,
    ProfilesModule,
    SettingsModule,
    SuggestionsModule,
    EventsStreamModule,
  ],
  controllers: [ConsciousnessController],
  providers: [ConsciousnessChecksRepository, ConsciousnessService, ConsciousnessJobs],
  exports: [ConsciousnessService],
})
export class ConsciousnessModule implements OnModuleInit {
  constructor(
    private readonly payloads: EventPayloads,
    private readonly consciousness: ConsciousnessService,
  ) {}

  /** The event stream shows a finished check as its own GET returns it. */
  onModuleInit(): void {
    this.payloads.register('consciousness_check.completed', async (userId, id) =>
      toConsciousnessCheckResponse(await this.consciousness.get(userId, id)),
    );
  }
}
