import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { toCreateThoughtDto } from './dto/capture-body.js';
import { CreateThoughtDto } from './dto/create-thought.dto.js';
import { ListThoughtsQueryDto } from './dto/list-thoughts.query.dto.js';
import { RelatedQueryDto } from './dto/related-query.dto.js';
import {
  RelatedThoughtsDto,
  ThoughtPageDto,
  ThoughtResponseDto,
} from './dto/thought-response.dto.js';
import { UpdateThoughtDto } from './dto/update-thought.dto.js';
import { toThoughtListItem, toThoughtResponse } from './thought.mapper.js';
import { ThoughtsService } from './thoughts.service.js';
import { AllowKeyScopes, Readable } from '../common/decorators/key-scopes.decorator.js';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });

@ApiTags('thoughts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('thoughts')
export class ThoughtsController {
  constructor(private readonly thoughts: ThoughtsService) {}

  @Post()
  @AllowKeyScopes('capture')
  @ApiOperation({
    summary: 'Capture a thought (returns at once; AI analysis follows in the background)',
  })
  @ApiConsumes('application/json', 'text/plain', 'application/x-www-form-urlencoded')
  @ApiBody({ type: CreateThoughtDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body returns the first thought',
  })
  @ApiCreatedResponse({ type: ThoughtResponseDto, description: 'Captured' })
  @ApiOkResponse({
    type: ThoughtResponseDto,
    description: 'A retry: the thought the first request created',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Idempotency-Key reused with a different body',
  })
  async capture(
    @CurrentAuth() auth: AuthContext,
    // Typed loosely on purpose: text and form bodies are made into a CreateThoughtDto below.
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ThoughtResponseDto> {
    const input = await toCreateThoughtDto(body, contentType);
    const { thought, created } = await this.thoughts.capture(auth.userId, input, idempotencyKey);
    response.status(created ? 201 : 200).location(`/api/v1/thoughts/${thought.id}`);
    if (!created) response.setHeader('Idempotent-Replayed', 'true');
    return toThoughtResponse(thought);
  }

  @Get()
  @Readable()
  @ApiOperation({
    summary:
      'List thoughts, newest first, or search them with q (ranked, with snippets and why each matched)',
    description:
      'Search fuses a full-text arm and a trigram arm (typos; words inside CJK runs) by reciprocal rank. Each arm ranks only ' +
      'its newest 500 matches, so a search costs the same at any number of thoughts; reach older matches with until or more words.',
  })
  @ApiOkResponse({ type: ThoughtPageDto })
  async list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ListThoughtsQueryDto,
  ): Promise<ThoughtPageDto> {
    const page = await this.thoughts.list(auth.userId, query);
    return { items: page.items.map(toThoughtListItem), next_cursor: page.next_cursor };
  }

  @Get(':id')
  @Readable()
  @ApiOkResponse({ type: ThoughtResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
  ): Promise<ThoughtResponseDto> {
    return toThoughtResponse(await this.thoughts.get(auth.userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit content, tags, type or status (archive with status "archived")' })
  @ApiOkResponse({ type: ThoughtResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
    @Body() body: UpdateThoughtDto,
  ): Promise<ThoughtResponseDto> {
    return toThoughtResponse(await this.thoughts.update(auth.userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async delete(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    await this.thoughts.delete(auth.userId, id);
  }

  @Get(':id/related')
  @Readable()
  @ApiOperation({
    summary:
      'Your thoughts related to this one, by shared tags, term vectors, full text and similar text, fused by reciprocal rank',
    description:
      'Each arm ranks a bounded set (the newest 500 thoughts sharing a word, the newest 200 sharing a tag), so the cost does not ' +
      'grow with your number of thoughts; each result says why it is related (reasons).',
  })
  @ApiOkResponse({ type: RelatedThoughtsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async related(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
    @Query() query: RelatedQueryDto,
  ): Promise<RelatedThoughtsDto> {
    const related = await this.thoughts.related(auth.userId, id, query.limit);
    return {
      items: related.map((hit) => ({
        thought: toThoughtResponse(hit.thought),
        score: hit.score,
        shared_tags: hit.sharedTags,
        reasons: hit.reasons,
      })),
    };
  }
}
