import { Module } from '@nestjs/common';
import { ConsciousnessModule } from '../consciousness/consciousness.module.js';
import { IntelligenceModule } from '../intelligence/intelligence.module.js';
import { OperationsModule } from '../operations/operations.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { ImportController } from './import.controller.js';
import { ImportRecordsRepository } from './import-records.repository.js';
import { ImportService } from './import.service.js';

/** POST /import: our export, Markdown vaults, Memos and Karakeep, as tracked operations. */
@Module({
  imports: [
    ThoughtsModule,
    IntelligenceModule,
    TasksModule,
    SuggestionsModule,
    ConsciousnessModule,
    ProfilesModule,
    SettingsModule,
    OperationsModule,
  ],
  controllers: [ImportController],
  providers: [ImportRecordsRepository, ImportService],
})
export class ImportModule {}
