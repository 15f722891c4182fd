import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module.js';
import { BackupsModule } from '../backups/backups.module.js';
import { ConsciousnessModule } from '../consciousness/consciousness.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { ScheduledRuns } from '../common/scheduling/scheduled-runs.repository.js';
import { RetentionJob } from './retention.job.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [SuggestionsModule, AiModule, ConsciousnessModule, BackupsModule],
  providers: [RetentionService, RetentionJob, ScheduledRuns],
  exports: [RetentionService],
})
export class RetentionModule {}
