import { Module } from '@nestjs/common';
import { ConsciousnessModule } from '../consciousness/consciousness.module.js';
import { IntelligenceModule } from '../intelligence/intelligence.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { ExportController } from './export.controller.js';
import { ExportService } from './export.service.js';

/** GET /export: a user's data, streamed as JSON or a Markdown vault. */
@Module({
  imports: [
    ThoughtsModule,
    IntelligenceModule,
    TasksModule,
    SuggestionsModule,
    ConsciousnessModule,
    ProfilesModule,
    SettingsModule,
  ],
  controllers: [ExportController],
  providers: [ExportService],
  exports: [ExportService],
})
export class ExportModule {}
