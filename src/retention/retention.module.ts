import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module.js';
import { BackupsModule } from '../backups/backups.module.js';
import { ConsciousnessModule } from '../consciousness/consciousness.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { RetentionJob } from './retention.job.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [SuggestionsModule, AiModule, ConsciousnessModule, BackupsModule],
  providers: [RetentionService, RetentionJob],
  exports: [RetentionService],
})
export class RetentionModule {}
