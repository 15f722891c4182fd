import { Module } from '@nestjs/common';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { TagAliasesRepository } from './tag-aliases.repository.js';
import { TagHygieneController } from './tag-hygiene.controller.js';
import { TagHygieneService } from './tag-hygiene.service.js';

/** Tag hygiene: suggested merges, merge, rename, and the aliases and feedback analysis applies. */
@Module({
  imports: [ThoughtsModule],
  controllers: [TagHygieneController],
  providers: [TagAliasesRepository, TagHygieneService],
  exports: [TagHygieneService],
})
export class TagsModule {}
