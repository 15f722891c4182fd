import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { TaskResponseDto } from '../tasks/dto/task-response.dto.js';
import { toTaskResponse } from '../tasks/task.mapper.js';
import {
  AcceptSuggestionDto,
  ListSuggestionsQueryDto,
  RejectSuggestionDto,
  SuggestionPageDto,
  SuggestionResponseDto,
} from './dto/suggestion.dto.js';
import { toSuggestionResponse } from './suggestion.mapper.js';
import { SuggestionsService } from './suggestions.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });

@ApiTags('task-suggestions')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('task-suggestions')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Get()
  @Readable()
  @ApiOperation({
    summary: 'Task suggestions (pending by default), newest first, with confidence and evidence',
  })
  @ApiOkResponse({ type: SuggestionPageDto })
  async list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ListSuggestionsQueryDto,
  ): Promise<SuggestionPageDto> {
    const page = await this.suggestions.list(auth.userId, query);
    return { items: page.items.map(toSuggestionResponse), next_cursor: page.next_cursor };
  }

  @Get(':id')
  @Readable()
  @ApiOkResponse({ type: SuggestionResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
  ): Promise<SuggestionResponseDto> {
    return toSuggestionResponse(await this.suggestions.get(auth.userId, id));
  }

  @Post(':id/accept')
  @ApiOperation({
    summary: 'Accept, optionally changing title, priority or due date: creates the task',
  })
  @ApiCreatedResponse({ type: TaskResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Already accepted, rejected or expired',
  })
  async accept(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
    @Body() body: AcceptSuggestionDto,
  ): Promise<TaskResponseDto> {
    const task = await this.suggestions.accept(auth.userId, id, {
      title: body.title,
      priority: body.priority,
      dueDate: body.due_date,
      dueTime: body.due_time,
    });
    return toTaskResponse(task);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject: it is not offered again for that thought' })
  @ApiOkResponse({ type: SuggestionResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already accepted or expired' })
  async reject(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
    @Body() body: RejectSuggestionDto,
  ): Promise<SuggestionResponseDto> {
    return toSuggestionResponse(await this.suggestions.reject(auth.userId, id, body.reason));
  }
}
