import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module.js';
import { SuggestionsController } from './suggestions.controller.js';
import { SuggestionsRepository } from './suggestions.repository.js';
import { SuggestionsService } from './suggestions.service.js';

@Module({
  imports: [TasksModule],
  controllers: [SuggestionsController],
  providers: [SuggestionsRepository, SuggestionsService],
  exports: [SuggestionsService],
})
export class SuggestionsModule {}
