import { Module } from '@nestjs/common';
import { TagsController } from './tags.controller.js';
import { ThoughtsController } from './thoughts.controller.js';
import { ThoughtsRepository } from './thoughts.repository.js';
import { ThoughtsService } from './thoughts.service.js';

@Module({
  controllers: [ThoughtsController, TagsController],
  providers: [ThoughtsRepository, ThoughtsService],
  exports: [ThoughtsService],
})
export class ThoughtsModule {}
