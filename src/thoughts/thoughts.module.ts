import { Module } from '@nestjs/common';
import { TagFeedbackRepository } from './tag-feedback.repository.js';
import { TagsController } from './tags.controller.js';
import { ThoughtsController } from './thoughts.controller.js';
import { ThoughtsRepository } from './thoughts.repository.js';
import { ThoughtsService } from './thoughts.service.js';
import { RelatedThoughtsRepository } from './search/related-thoughts.repository.js';
import { TermStatisticsBackfill } from './search/term-statistics-backfill.js';
import { TermStatisticsRepository } from './search/term-statistics.repository.js';
import { ThoughtSearchRepository } from './search/thought-search.repository.js';

@Module({
  controllers: [ThoughtsController, TagsController],
  providers: [
    ThoughtsRepository,
    ThoughtsService,
    TagFeedbackRepository,
    ThoughtSearchRepository,
    RelatedThoughtsRepository,
    TermStatisticsRepository,
    TermStatisticsBackfill,
  ],
  exports: [ThoughtsService],
})
export class ThoughtsModule {}
