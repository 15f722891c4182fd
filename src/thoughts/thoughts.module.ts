import { Module } from '@nestjs/common';
import { TagFeedbackRepository } from './tag-feedback.repository.js';
import { TagsController } from './tags.controller.js';
import { ThoughtsController } from './thoughts.controller.js';
import { ThoughtsRepository } from './thoughts.repository.js';
import { ThoughtsService } from './thoughts.service.js';

@Module({
  controllers: [ThoughtsController, TagsController],
  providers: [ThoughtsRepository, ThoughtsService, TagFeedbackRepository],
  exports: [ThoughtsService],
})
export class ThoughtsModule {}
