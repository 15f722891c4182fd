import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { TagsQueryDto } from './dto/related-query.dto.js';
import { TagListDto } from './dto/thought-response.dto.js';
import { ThoughtsService } from './thoughts.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

@ApiTags('thoughts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('tags')
export class TagsController {
  constructor(private readonly thoughts: ThoughtsService) {}

  @Get()
  @Readable()
  @ApiOperation({ summary: 'Your tags (own and AI) on active thoughts, most used first' })
  @ApiOkResponse({ type: TagListDto })
  async list(@CurrentAuth() auth: AuthContext, @Query() query: TagsQueryDto): Promise<TagListDto> {
    return { items: await this.thoughts.tags(auth.userId, query.limit) };
  }
}
