import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module.js';
import { OperationsModule } from '../operations/operations.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { IntelligenceController } from './intelligence.controller.js';
import { ReanalysisBatchService } from './reanalysis-batch.service.js';
import { ReanalysisBatchWorker } from './reanalysis-batch.worker.js';
import { ReanalysisSelectionWorker } from './reanalysis-selection.worker.js';
import { ReanalysisService } from './reanalysis.service.js';
import { ThoughtAnalysisService } from './thought-analysis.service.js';
import { ThoughtAnalysisWorker } from './thought-analysis.worker.js';
import { ThoughtLinksRepository } from './thought-links.repository.js';

/** The analysis pipeline: queue worker, re-analysis operations, analysis history. */
@Module({
  imports: [
    AiModule,
    ThoughtsModule,
    TagsModule,
    SettingsModule,
    ProfilesModule,
    SuggestionsModule,
    OperationsModule,
  ],
  controllers: [IntelligenceController],
  providers: [
    ThoughtAnalysisService,
    ThoughtAnalysisWorker,
    ThoughtLinksRepository,
    ReanalysisService,
    ReanalysisSelectionWorker,
    ReanalysisBatchService,
    ReanalysisBatchWorker,
  ],
  exports: [ThoughtAnalysisService],
})
export class IntelligenceModule {}
