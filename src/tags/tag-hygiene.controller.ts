import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { MergeTagsDto, RenameTagDto } from './dto/merge-tags.dto.js';
import {
  SuggestedMergesDto,
  TagMergeResultDto,
  TagRenameResultDto,
} from './dto/tag-hygiene-response.dto.js';
import { TagHygieneService } from './tag-hygiene.service.js';

@ApiTags('tags')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({
  type: ErrorResponseDto,
  description: 'A capture key; merge and rename also refuse read keys',
})
@Controller('tags')
export class TagHygieneController {
  constructor(private readonly hygiene: TagHygieneService) {}

  @Get('suggested-merges')
  @Readable()
  @ApiOperation({
    summary:
      'Groups of your tags that look like one: case, separators, plural, near-synonyms; with counts and a target',
  })
  @ApiOkResponse({ type: SuggestedMergesDto })
  async suggestedMerges(@CurrentAuth() auth: AuthContext): Promise<SuggestedMergesDto> {
    const groups = await this.hygiene.suggestedMerges(auth.userId);
    return {
      items: groups.map((group) => ({
        into: group.into,
        from: group.variants
          .filter((variant) => variant.tag !== group.into)
          .map((variant) => variant.tag),
        variants: group.variants.map((variant) => ({ tag: variant.tag, count: variant.count })),
        total: group.total,
        kind: group.kind,
      })),
    };
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Merge tags into one on every thought (your tags and AI tags); later analyses write the target instead',
  })
  @ApiOkResponse({ type: TagMergeResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'An empty or over-long name, or nothing to merge but the target',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'None of your thoughts carries any of the tags',
  })
  async merge(
    @CurrentAuth() auth: AuthContext,
    @Body() body: MergeTagsDto,
  ): Promise<TagMergeResultDto> {
    const result = await this.hygiene.merge(auth.userId, body.from, body.into);
    return { from: result.from, into: result.into, thoughts_updated: result.thoughtsUpdated };
  }

  @Post('rename')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rename a tag on every thought; renaming into a tag you already use merges them',
  })
  @ApiOkResponse({ type: TagRenameResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'An empty or over-long name, or the same name',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'None of your thoughts carries the tag',
  })
  async rename(
    @CurrentAuth() auth: AuthContext,
    @Body() body: RenameTagDto,
  ): Promise<TagRenameResultDto> {
    const result = await this.hygiene.rename(auth.userId, body.from, body.to);
    return { from: result.from, to: result.to, thoughts_updated: result.thoughtsUpdated };
  }
}
